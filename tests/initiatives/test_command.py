"""`kredsraad initiatives export|import` from the shell."""

import io

import pytest
from django.core.management import CommandError, call_command

from kredsraad.initiatives.models import Initiative
from tests import factories


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("initiatives", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def bo_trygt(nordjylland, politi_nord):
    return factories.initiative(
        "Bo trygt", district=nordjylland, lead=politi_nord, external_id="NJ-bo-trygt"
    )


def test_an_export_imports_again_without_changes(bo_trygt, tmp_path):
    out, _ = run("export", "--kreds", "nordjyllands-politi", "--til", str(tmp_path))
    workbook = tmp_path / "indsatser-nordjyllands-politi.xlsx"
    assert f"Skrevet: {workbook}" in out

    out, err = run("import", "--kreds", "nordjyllands-politi", str(workbook))

    assert "0 oprettes, 0 ændres, 1 er uændrede." in out
    assert "Indlæst: 0 oprettet, 0 ændret, 1 uændret." in out
    assert "Indlæser [" in err and "1/1 (100%)" in err


def test_csv_export_writes_both_tables_and_a_changed_title_is_imported(bo_trygt, tmp_path):
    run("export", "--kreds", "nordjyllands-politi", "--format", "csv", "--til", str(tmp_path))
    initiatives = tmp_path / "indsatser-nordjyllands-politi.csv"
    milestones = tmp_path / "milepaele-nordjyllands-politi.csv"
    initiatives.write_bytes(
        initiatives.read_bytes().replace(b";Bo trygt;", b";Bo trygt i hjemmet;")
    )

    out, _ = run("import", "--kreds", "nordjyllands-politi", str(initiatives), str(milestones))

    assert "titel: »Bo trygt« → »Bo trygt i hjemmet«" in out
    bo_trygt.refresh_from_db()
    assert bo_trygt.title == "Bo trygt i hjemmet"


def test_dry_run_saves_nothing(bo_trygt, tmp_path):
    run("export", "--kreds", "nordjyllands-politi", "--format", "csv", "--til", str(tmp_path))
    initiatives = tmp_path / "indsatser-nordjyllands-politi.csv"
    initiatives.write_bytes(initiatives.read_bytes().replace(b";Bo trygt;", b";Nyt navn;"))

    out, _ = run("import", "--kreds", "nordjyllands-politi", str(initiatives), "--dry-run")

    assert "Prøvekørsel: intet er gemt." in out
    bo_trygt.refresh_from_db()
    assert bo_trygt.title == "Bo trygt"


def test_a_bad_row_is_named_and_nothing_is_imported(bo_trygt, tmp_path):
    run("export", "--kreds", "nordjyllands-politi", "--format", "csv", "--til", str(tmp_path))
    initiatives = tmp_path / "indsatser-nordjyllands-politi.csv"
    text = initiatives.read_bytes().decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    bad = row.replace("NJ-bo-trygt", "NJ-ny").replace("01.01.2023", "31.02.2023")
    initiatives.write_text("\r\n".join([header, row.replace("Bo trygt", "Bo trygt 2"), bad]))

    with pytest.raises(CommandError, match=r"Filen har 1 fejl, så intet er indlæst\."):
        run("import", "--kreds", "nordjyllands-politi", str(initiatives))

    assert list(Initiative.objects.values_list("title", flat=True)) == ["Bo trygt"]


def test_the_errors_are_listed_by_line_column_and_value(bo_trygt, tmp_path):
    path = tmp_path / "indsatser.csv"
    path.write_text("ekstern_id;titel\r\nNJ-1;Ny\r\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "initiatives", "import", "--kreds", "nordjyllands-politi", str(path), stderr=err
        )

    assert "Indsatser, linje 1, kolonne vægt: Kolonnen mangler." in err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "--kreds", "nordjylland", "x.csv"], "Ukendt politikreds »nordjylland«"),
        (["import", "--kreds", "nordjyllands-politi", "/findes/ikke.csv"], "Kan ikke læse"),
        (["import", "--kreds", "nordjyllands-politi", "a", "b", "c"], "højst to filer"),
        (
            ["export", "--kreds", "nordjyllands-politi", "--format", "csv", "--til", "x.csv"],
            "skal være en mappe",
        ),
    ],
)
def test_bad_arguments_are_refused_in_danish(nordjylland, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
