"""Nordjylland's analytiker brings in the first quarter of 2026 for violence: uploads the file,
reads the preview, imports it, and finds the new figures on the district's statistics page, in
the change table, the time series, the years, the municipalities' chart and the map: in the
tables, in the charts' specifications and as the marks Vega draws."""

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from kredsraad.demo.statistics import load_statistics, shared_data
from kredsraad.statistics.importing.boundaries import load_boundaries_from_file
from kredsraad.statistics.importing.cli_boundaries import default_file
from kredsraad.statistics.models import Observation

from .conftest import sign_in

CHARTS = ".chart.chart-drawn .chart-canvas svg"
# 2026K1, violence (12): made-up figures for the nine municipalities of Nordjyllands Politi and
# the country, in the long layout Danmarks Statistik's own downloads use.
NEW = {
    "810": 101, "813": 163, "820": 88, "825": 7, "840": 58,
    "846": 131, "849": 74, "851": 402, "860": 139, "000": 16_050,
}  # fmt: skip
DISTRICT_MUNICIPALITIES = {code for code in NEW if code != "000"}


def new_quarter_file() -> bytes:
    lines = ["OMRÅDE_kode;OVERTRÆD_kode;TID;INDHOLD"]
    lines += [f"{area};12;2026K1;{value}" for area, value in NEW.items()]
    return ("\n".join(lines) + "\n").encode()


def spec(p, name: str) -> dict:
    """The Vega-Lite specification the page embeds for a chart (its json_script)."""
    return json.loads(p.locator(f"#spec-{name}").text_content())


def marks(p, name: str, kind: str) -> int:
    """How many marks of a kind (symbol, line, rect, shape) Vega drew in the chart's SVG."""
    return p.locator(
        f"figure[data-vega-spec=spec-{name}] svg g.mark-{kind}.role-mark > path"
    ).count()


def danish(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@pytest.fixture
def statistics(transactional_db):
    shared = shared_data()
    if shared is None or not default_file().is_file():
        pytest.skip("../shared/data findes ikke")
    load_statistics(shared)
    load_boundaries_from_file(default_file())
    return shared


def district_sum_2025k1(shared: Path, codes=DISTRICT_MUNICIPALITIES) -> int:
    """Violence in (by default) Nordjylland's municipalities in 2025K1, summed from the raw
    reference file."""
    path = shared / "dst" / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
    with path.open(encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    header = rows[0]
    area, offence, period, value = (
        header.index(name) for name in ("OMRÅDE_kode", "OVERTRÆD_kode", "TID", "INDHOLD")
    )
    return sum(
        int(row[value])
        for row in rows[1:]
        if row[area].zfill(3) in codes and row[offence] == "12" and row[period] == "2025K1"
    )


@pytest.mark.django_db(transaction=True)
def test_analyst_imports_a_new_quarter_and_the_district_page_shows_it(
    page, analytiker, nordjylland, statistics
):
    p = page.page
    main = p.locator("main")
    sign_in(page, analytiker)

    p.get_by_role("link", name="Statistik", exact=True).click()
    page.check()
    p.get_by_role("link", name="Indlæs tal").click()
    page.check()
    p.get_by_label("Fil", exact=True).set_input_files(
        files=[{"name": "straf11-2026K1.csv", "mimeType": "text/csv", "buffer": new_quarter_file()}]
    )
    p.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    preview = main.inner_text()
    assert "Nye celler\t10" in preview
    assert "2026K1" in preview
    assert not Observation.objects.filter(period="2026K1").exists()  # a preview writes nothing

    p.get_by_role("button", name="Indlæs", exact=True).click()
    page.check()
    assert "10 nye, 0 ændrede og 0 uændrede celler i STRAF11." in main.inner_text()

    p.get_by_role("link", name="Se kredsens statistik").click()
    page.check()
    # The form offers the chosen offence's quarters: first the offence, then its newest quarter.
    p.get_by_label("Overtrædelse").select_option("12")
    p.get_by_role("button", name="Vis tallene").click()
    p.wait_for_url("**overtraedelse=12**")
    page.check()
    p.get_by_label("Fra kvartal").select_option("2026K1")
    p.get_by_label("Til kvartal").select_option("2026K1")
    p.get_by_label("Antal anmeldelser").check()
    p.get_by_role("button", name="Vis tallene").click()
    p.wait_for_url("**til=2026K1**")
    p.wait_for_function(f"document.querySelectorAll({CHARTS!r}).length === 4", timeout=20_000)
    page.check()

    district_total = sum(NEW[code] for code in DISTRICT_MUNICIPALITIES)
    change_table = p.locator("table", has=p.locator("caption", has_text="Hele landet"))
    district_row = change_table.locator("tr", has=p.locator("th", has_text="Nordjyllands Politi"))
    cells = district_row.locator("td").all_inner_texts()
    assert cells[:2] == [danish(district_total), danish(district_sum_2025k1(statistics))]
    country_row = change_table.locator("tr", has=p.locator("th", has_text="Hele landet"))
    assert country_row.locator("td").first.inner_text() == danish(NEW["000"])

    series = p.locator("table", has=p.locator("caption", has_text="pr. kvartal"))
    newest = series.locator("tr", has=p.locator("th", has_text="2026K1"))
    assert newest.locator("td").first.inner_text() == danish(district_total)

    municipalities = p.locator("table", has=p.locator("caption", has_text="kommune"))
    aalborg = municipalities.locator("tr", has=p.locator("th", has_text="Aalborg"))
    assert aalborg.locator("td").first.inner_text() == danish(NEW["851"])
    years = p.locator("table", has=p.locator("caption", has_text="pr. år"))
    this_year = years.locator("tr", has=p.locator("th", has_text="2026"))
    assert this_year.locator("td").first.inner_text() == danish(district_total)
    assert this_year.locator("td").last.inner_text() == "Kun 1. kvartal 2026"

    # The charts draw the new figures: their specs hold them, their SVGs a mark for each.
    series_spec = spec(p, "kvartaler")["data"]["values"]
    assert [v["kvartal"] for v in series_spec][-2:] == ["2025K4", "2026K1"]
    assert series_spec[-1]["antal"] == district_total
    assert marks(p, "kvartaler", "symbol") == len(series_spec) == 20
    assert marks(p, "kvartaler", "line") == 1

    # Years per 1,000 for the district and the country; 2026 has no population yet, so it is
    # in the table only.
    years_spec = spec(p, "aar")["data"]["values"]
    assert {v["aar"] for v in years_spec} == {str(year) for year in range(2016, 2026)}
    assert marks(p, "aar", "symbol") == len(years_spec) == 20
    assert marks(p, "aar", "line") == 2

    bars_spec = {v["kommune"]: v["vaerdi"] for v in spec(p, "kommuner")["data"]["values"]}
    assert bars_spec["Aalborg"] == NEW["851"]
    assert len(bars_spec) == 9
    assert marks(p, "kommuner", "rect") == 9

    # FOLK1A has no 2026 yet, so there is no rate: the map shows each municipality's change
    # against 2025K1 instead, the new quarter's figure against the reference file's.
    aalborg_before = district_sum_2025k1(statistics, {"851"})
    aalborg_change = (Decimal(NEW["851"] - aalborg_before) * 100 / aalborg_before).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    features = spec(p, "kort")["data"]["values"]["features"]
    shown = {f["properties"]["kode"]: f["properties"]["vaerdi"] for f in features}
    assert shown["851"] == float(aalborg_change)
    assert sorted(shown) == sorted(DISTRICT_MUNICIPALITIES)
    coloured = sum(value is not None for value in shown.values())
    # A grey outline under every municipality, and a coloured one over each with a change.
    assert marks(p, "kort", "shape") == 9 + coloured
