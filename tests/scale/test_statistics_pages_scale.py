"""The statistics pages cost the same number of queries whatever the database holds: one
district's municipalities or all twelve districts', two years of quarters or ten. Their figures
are kept once computed (statistics.reading.page_cache), and an import renews them."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Area, Dataset
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row
from tests.statistics.test_pages import FETCHED, load_codes, quarters

SLUG = "nordjyllands-politi"


def pages(slug=SLUG) -> list[str]:
    """The statistics page (by default and with every choice made), its municipalities as CSV,
    and the table page."""
    page = reverse("statistics:district", args=[slug])
    return [
        page,
        page + "?overtraedelse=1&fra=2024K1&til=2024K3&visning=aendring",
        reverse("statistics:download_csv", args=[slug, "kommuner"]),
        reverse("statistics:tables", args=[slug]),
    ]


def municipalities(*, every_district: bool) -> list[str]:
    found = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, district__isnull=False)
    if not every_district:
        found = found.filter(district__slug=SLUG)
    return list(found.values_list("code", flat=True))


def import_cells(cells: list[tuple[str, str, int]], table: str = STRAF11) -> None:
    """(area code, period, value) of offence 1 (or FOLK1A's population), as an import writes
    them, with the districts' sums."""
    rows = [
        Row(table, code, "1" if table == STRAF11 else "", period, value, line=n)
        for n, (code, period, value) in enumerate(cells, 2)
    ]
    importer.apply(
        Parsed(table=table, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )


def import_history(*, every_district: bool, first_year: int) -> None:
    codes = municipalities(every_district=every_district)
    periods = quarters(f"{first_year}K1", "2024K4")
    import_cells([(code, period, 10 + n % 7) for code in codes for n, period in enumerate(periods)])
    years = range(first_year, 2025)
    import_cells([(code, f"{year}K1", 5000) for code in codes for year in years], table=FOLK1A)


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def costs(client) -> dict[str, tuple[int, int]]:
    """{page: (queries computing it, queries when it is kept)}."""
    found = {}
    for path in pages():
        cache.clear()
        computed = queries(client, path)
        found[path] = (computed, queries(client, path))
    return found


@pytest.fixture
def signed_in(client, sekretariat):
    load_codes()
    client.force_login(sekretariat)
    return client


def test_pages_cost_the_same_queries_for_one_district_and_two_years_as_for_twelve_and_ten(
    signed_in,
):
    import_history(every_district=False, first_year=2023)
    signed_in.get(pages()[0])  # the session settles once
    small = costs(signed_in)

    import_history(every_district=True, first_year=2015)
    large = costs(signed_in)

    assert large == small
    assert all(kept < computed for computed, kept in small.values())


def test_page_kept_for_a_district_shows_a_new_imports_figures(signed_in):
    import_history(every_district=False, first_year=2023)
    download = (
        reverse("statistics:download_csv", args=[SLUG, "kommuner"]) + "?fra=2024K4&til=2024K4"
    )
    before = aalborg(signed_in.get(download))

    import_cells([("851", "2024K4", 9999)])  # Aalborg's newest quarter revised
    after = aalborg(signed_in.get(download))

    assert (before[1], after[1]) == ("10", "9999")


def aalborg(response) -> list[str]:
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    return next(row for row in rows if row[0] == "Aalborg")


def test_page_kept_for_one_district_is_not_served_to_another(
    client, sekretariat, sekretariat_midtvest
):
    load_codes()
    import_history(every_district=True, first_year=2023)
    client.force_login(sekretariat)
    client.get(pages()[0])  # Nordjylland's figures are kept now
    client.force_login(sekretariat_midtvest)

    own = client.get(pages("midt-og-vestjyllands-politi")[0]).content.decode()
    other = client.get(pages()[0])

    assert other.status_code == 404
    assert "Holstebro" in own
    assert "Aalborg" not in own
