"""Cells of any table, stored as the importer stores them, for the tests of the reading side.

The pages and series read `Observation` rows; these helpers write them straight from Danmarks
Statistik's files in ../shared/data (or from cells a test lists), so that the reading side is
tested whatever the state of the importer. The sums the tests expect are computed here from the
raw rows with the csv module, never with the code under test."""

import csv
import datetime
import functools
from collections import defaultdict
from pathlib import Path

import pytest

from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population

DST = Path(__file__).resolve().parents[3] / "shared" / "data" / "dst"
UHELDK1_FILE = DST / "uheldk1_injured_4_transport_modes_2016-2022.csv"
STRAF40_FILE = DST / "straf40_national_penal_code_by_age_sex_1980-2021.csv"
FOLK1A_FILE = DST / "folk1a_population_2016-2025.csv"
needs_files = pytest.mark.skipif(
    not all(f.is_file() for f in (UHELDK1_FILE, STRAF40_FILE, FOLK1A_FILE)),
    reason="../shared/data is missing",
)
FETCHED = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
NORDJYLLAND = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


@functools.cache
def raw(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def store(table: str, cells, *, derived: set | None = None) -> Dataset:
    """`cells`: (area code, period, value, {"offence": …, "age": …, "sex": …, "key": …})."""
    dataset = Dataset.objects.create(table=table, source=Dataset.Source.FILE, fetched_at=FETCHED)
    areas = dict(Area.objects.values_list("code", "pk"))
    offences = dict(Offence.objects.values_list("code", "pk"))
    Observation.objects.bulk_create(
        Observation(
            table=table,
            area_id=areas[area],
            offence_id=offences[parts["offence"]] if parts.get("offence") else None,
            period=period,
            year=int(period[:4]),
            quarter=int(period[5:] or 0),
            age=parts.get("age", ""),
            sex=parts.get("sex", ""),
            key=parts.get("key", ""),
            value=value,
            derived=bool(derived and area in derived),
            dataset=dataset,
        )
        for area, period, value, parts in cells
    )
    return dataset


def uheldk1_rows(*, areas=(*NORDJYLLAND, "000"), transport=("71",)) -> list[dict]:
    return [
        r
        for r in raw(UHELDK1_FILE)
        if r["OMRÅDE_kode"] in areas and r["INDBLAND_kode"] in transport
    ]


def store_uheldk1(*, areas=(*NORDJYLLAND, "000"), transport=("71",), derived=None) -> Dataset:
    """UHELDK1 from the real file: the areas and transport modes given."""
    return store(
        "UHELDK1",
        [
            (
                r["OMRÅDE_kode"],
                r["TID"],
                int(r["INDHOLD"]),
                {
                    "age": r["ALDER_kode"],
                    "sex": r["KØN_kode"],
                    "key": f"UHELD={r['UHELD_kode']};INDBLAND={r['INDBLAND_kode']}",
                },
            )
            for r in uheldk1_rows(areas=areas, transport=transport)
        ],
        derived=derived,
    )


def store_straf40() -> Dataset:
    Offence.objects.get_or_create(code="1", defaults={"label": "Straffelov i alt"})
    return store(
        "STRAF40",
        [
            (
                "000",
                r["TID"],
                int(r["INDHOLD"]),
                {
                    "offence": r["OVERTRÆD_kode"],
                    "age": r["ALDER_kode"],
                    "sex": r["KØN_kode"],
                    "key": f"AFGØRELSE={r['AFGØRELSE_kode']}",
                },
            )
            for r in raw(STRAF40_FILE)
        ],
    )


def store_population(areas=(*NORDJYLLAND, "000")) -> dict:
    """FOLK1A on 1 January from the real file; returns (area, year) → inhabitants."""
    dataset = Dataset.objects.create(table="FOLK1A", source=Dataset.Source.FILE, fetched_at=FETCHED)
    pk = dict(Area.objects.values_list("code", "pk"))
    people = {
        (r["OMRÅDE_kode"], int(r["TID"][:4])): int(r["folketal_1_i_kvartalet"])
        for r in raw(FOLK1A_FILE)
        if r["OMRÅDE_kode"] in areas and r["TID"].endswith("K1")
    }
    Population.objects.bulk_create(
        Population(area_id=pk[a], year=y, value=v, dataset=dataset) for (a, y), v in people.items()
    )
    return people


def pedestrians_65(rows: list[dict]) -> dict:
    """(area, year) → injured pedestrians aged 65 and over, both sexes, from the raw rows."""
    found = defaultdict(int)
    for r in rows:
        if (r["INDBLAND_kode"], r["ALDER_kode"], r["UHELD_kode"]) == ("71", "6599", "0"):
            found[(r["OMRÅDE_kode"], r["TID"])] += int(r["INDHOLD"])
    return dict(found)
