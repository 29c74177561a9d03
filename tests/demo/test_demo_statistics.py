"""The demo's further tables: STRAF11's eleven more offence codes (a file without Hele landet),
UHELDK1 and STRAF40, read in place from ../shared/data/dst after STRAF11 and FOLK1A.

The fast tests load a slice of each real file (its first lines, written to a folder of the test's
own) and check the stored figures against sums worked out here from the raw lines."""

import csv
import io

import pytest
from django.db.models import Sum

from kredsraad.demo.statistics import MORE_TABLES, load_more_tables, shared_data
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset, Observation

SLICE = 300  # lines of each file


@pytest.fixture
def reference():
    shared = shared_data()
    if shared is None or not all((shared / "dst" / name).is_file() for _t, name in MORE_TABLES):
        pytest.skip("../shared/data/dst har ikke de tre filer")
    return shared / "dst"


@pytest.fixture
def sliced(db, reference, tmp_path):
    """A folder like ../shared/data with the first SLICE lines of each further table."""
    importer.load_offence_codes(
        importer.read_offence_codes((reference / "straf11_offence_codes_2022.csv").read_bytes())
    )
    (tmp_path / "dst").mkdir()
    for _table, name in MORE_TABLES:
        lines = (reference / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / "dst" / name).write_text("".join(lines[: SLICE + 1]), encoding="utf-8")
    return tmp_path


def raw_sum(path) -> int:
    return sum(int(row["INDHOLD"]) for row in csv.DictReader(io.StringIO(path.read_text())))


def stored_sum(table: str) -> int:
    rows = Observation.objects.filter(table=table, derived=False)
    return rows.aggregate(total=Sum("value"))["total"]


def test_demo_loads_the_further_tables_once_with_the_files_figures(sliced):
    first = load_more_tables(sliced)
    again = load_more_tables(sliced)

    assert first == (
        f"Flere tabeller indlæst fra {sliced / 'dst'}: STRAF11 (300 rækker), UHELDK1 (300 "
        "rækker), STRAF40 (300 rækker)."
    )
    assert again == (
        f"De øvrige tabeller fra {sliced / 'dst'} er allerede indlæst (STRAF11, UHELDK1, STRAF40)."
    )
    for table, name in MORE_TABLES:
        assert stored_sum(table) == raw_sum(sliced / "dst" / name), table
    assert sorted(Dataset.objects.values_list("table", "rows_new")) == [
        ("STRAF11", 300),
        ("STRAF40", 300),
        ("UHELDK1", 300),
    ]


def test_national_figures_of_straf40_are_on_hele_landet(sliced):
    load_more_tables(sliced)

    areas = set(Observation.objects.filter(table="STRAF40").values_list("area__code", flat=True))

    assert areas == {"000"}


def test_demo_without_the_further_files_loads_nothing(db, tmp_path):
    assert load_more_tables(tmp_path) is None
    assert not Dataset.objects.exists()
