"""The attacker: from everything the public can read of a table whose source hides small counts
(the anonymous API for every period it serves, the public statistics page, the open data CSV),
build the linear system of the counts and try to work out each hidden count by subtracting
published figures across areas and periods. It recovers none."""

import csv
import datetime
import io
import random
import re

import pytest
from django.urls import reverse

from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Area, Dataset
from kredsraad.statistics.reading.disclosure import determined
from kredsraad.statistics.rows import STRAF11, Parsed, Row

# Nordjyllands Politi's municipalities in the test registry; Læsø (825) has a handful a quarter.
MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")
QUARTERS = {2022: 4, 2023: 3}
REST = "rest of the country"


def counts() -> dict[tuple[str, str], int]:
    """{(municipality, quarter): count}: Læsø and Brønderslev small, others sometimes small."""
    rng = random.Random(14)
    cells = {}
    for year, last in QUARTERS.items():
        for q in range(1, last + 1):
            for code in MUNICIPALITIES:
                if code in ("825", "810"):
                    value = rng.choice([0, 1, 2, 3, 4, 6])
                else:
                    value = rng.choice([2, 7, 15, 40, 120, 300])
                cells[(code, f"{year}K{q}")] = value
    return cells


def import_cells(cells: dict) -> None:
    rows = [
        Row(STRAF11, code, "12", quarter, value, line=n)
        for n, ((code, quarter), value) in enumerate(sorted(cells.items()), 2)
    ]
    for quarter in sorted({q for _code, q in cells}):
        rest = 5000 + sum(v for (_c, q), v in cells.items() if q == quarter)
        rows.append(Row(STRAF11, "000", "12", quarter, rest, line=len(rows) + 2))
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=datetime.datetime(2023, 11, 25, 9, 0, tzinfo=datetime.UTC),
    )


def public_periods() -> list[str]:
    periods = []
    for year, last in QUARTERS.items():
        periods += [f"{year}K{q}" for q in range(1, last + 1)]
        periods += [f"{year}K1-{year}K{n}" for n in range(2, last + 1)]
        if last == 4:
            periods.append(str(year))
    return periods


def quarters_of(period: str) -> list[str]:
    if re.fullmatch(r"\d{4}", period):
        return [f"{period}K{q}" for q in range(1, 5)]
    first, _dash, last = period.partition("-")
    if not last:
        return [first]
    year = first[:4]
    return [f"{year}K{q}" for q in range(int(first[-1]), int(last[-1]) + 1)]


def form(area: str, period: str, district: str) -> dict:
    """The figure as a sum of the unknown counts: a municipality's own, the district's nine,
    the country's nine and the rest of the country."""
    leaves = {district: MUNICIPALITIES, "000": (*MUNICIPALITIES, REST)}.get(area, (area,))
    return {(leaf, q): 1 for leaf in leaves for q in quarters_of(period)}


def danish_int(text: str) -> int | None:
    text = text.strip().replace(".", "")
    return int(text) if text.isdigit() else None


@pytest.fixture
def attacked(client, nordjylland, straf11_hidden, settings):
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 5
    cells = counts()
    import_cells(cells)
    district = Area.objects.get(kind=Area.Kind.DISTRICT, district=nordjylland).code
    return cells, district


def read_everything_public(client, nordjylland, district) -> dict[tuple[str, str], int]:
    """{(area, period): value} for every figure the public can read."""
    learned = {}
    names = {a.name: a.code for a in Area.objects.all()}
    names["Nordjyllands Politikreds"] = district
    for area in (*MUNICIPALITIES, district, "000"):
        for period in public_periods():
            answer = client.get(
                "/api/statistics/comparison/",
                {
                    "table": STRAF11,
                    "area": area,
                    "offence": "12",
                    "period": period,
                    "baseline": period,
                },
            )
            assert answer.status_code == 200, answer.content
            if answer.json()["value"] is not None:
                learned[(area, period)] = answer.json()["value"]
    url = "/api/statistics/observations/?table=STRAF11&offence=12&page_size=100"
    while url:
        page = client.get(url).json()
        for row in page["results"]:
            if row["value"] is not None:
                learned[(row["area"], row["period"])] = row["value"]
        url = page.get("next")
    data = client.get(
        reverse("publishing:public_data_download", args=[nordjylland.slug, "statistik", "csv"])
    )
    for row in csv.DictReader(io.StringIO(data.content.decode("utf-8-sig")), delimiter=";"):
        for figure, period in (("antal", "periode"), ("antal_foer", "sammenligningsperiode")):
            if row[figure]:
                learned[(row["omraade_kode"], row[period])] = int(row[figure])
    html = client.get(reverse("publishing:public_statistics", args=[nordjylland.slug])).content
    text = html.decode()
    rows = re.findall(
        r'<tr><th scope="row">[^<]*</th><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>', text
    ) + re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td>', text)
    for name, value, baseline in rows:
        if name not in names:
            continue
        for figure, period in ((value, "2023K1-2023K3"), (baseline, "2022K1-2022K3")):
            if danish_int(figure) is not None:
                learned[(names[name], period)] = danish_int(figure)
    return learned


def truth(cells, area: str, period: str, district: str) -> int | None:
    if area in (district, "000"):
        return None  # a total is never small here
    return sum(cells[(area, q)] for q in quarters_of(period))


def test_an_attacker_recovers_no_hidden_count_from_everything_public(client, nordjylland, attacked):
    cells, district = attacked

    learned = read_everything_public(client, nordjylland, district)

    published = [form(area, period, district) for area, period in learned]
    small = [
        (area, period)
        for area in MUNICIPALITIES
        for period in public_periods()
        if 0 < truth(cells, area, period, district) < 5
    ]
    assert len(small) >= 10
    assert not any(cell in learned for cell in small)
    recovered = [cell for cell in small if determined(published, form(*cell, district))]
    assert recovered == []
    # Everything learned is true, and the attacker is not blind: a shown count is determined.
    for (area, period), value in learned.items():
        if area not in (district, "000"):
            assert value == truth(cells, area, period, district)
    assert determined(published, form("851", "2022K1", district))


def test_the_same_attacker_recovers_laesoe_where_only_the_small_counts_were_hidden(attacked):
    cells, district = attacked
    everything = [
        (area, period) for area in (*MUNICIPALITIES, district, "000") for period in public_periods()
    ]
    small = {
        cell
        for cell in everything
        if cell[0] in MUNICIPALITIES and 0 < truth(cells, *cell, district) < 5
    }

    published = [form(*cell, district) for cell in everything if cell not in small]

    assert any(determined(published, form(*cell, district)) for cell in small)


def test_visitor_asking_for_an_overlapping_range_is_refused_in_danish(client, attacked):
    response = client.get(
        "/api/statistics/comparison/",
        {"table": STRAF11, "area": "825", "offence": "12", "period": "2022K3-2022K4"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "period"]
    assert "Perioden »2022K3-2022K4« vises ikke offentligt." in response.json()["detail"]
