"""`kredsraad statistics police-mapping` and `police`: the police's export from the shell, with the
same checks, preview and progress bar as the web and `statistics import`."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kredsraad.accounts.models import User
from kredsraad.statistics.importing import importer, police
from kredsraad.statistics.models import Dataset, ImportJob, Observation, PoliceCategoryMapping

CODES = [("TOT", "Overtrædelsens art i alt"), ("12", "Vold"), ("1252", "Simpel vold")]
EXPORT = (
    "Kommune;Kategori;Periode;Antal\n"
    "Aalborg;Vold mod person;2023K1;40\n"
    "Aalborg;Vold i nattelivet;2023K1;12\n"
    "Læsø;Vold mod person;2023K2;1\n"
)


@pytest.fixture(autouse=True)
def codes(db):
    importer.load_offence_codes(CODES)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("statistics", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("statistics", *args, stdout=io.StringIO(), stderr=err)
    return str(error.value), err.getvalue()


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def job_url(job) -> str:
    return reverse("statistics:import_job", args=[job.district.slug, job.pk])


@pytest.fixture
def mapped(nordjylland, tmp_path):
    path = write(tmp_path, "kort.csv", "Vold mod person;1252\nVold i nattelivet;1252\n")
    run("police-mapping", str(path), "--district", "1")


def test_analyst_loads_a_districts_mapping_from_a_file(nordjylland, tmp_path):
    path = write(tmp_path, "kategorier.csv", "kategori;kode\nVold mod person;1252\nRøveri;12\n")

    out, _err = run("police-mapping", str(path), "--district", "1")

    assert out == (
        "Politiets kategorier i Nordjyllands Politi: 2 nye, 0 ændrede, 0 uændrede og 0 fjernet.\n"
    )
    assert police.mapping_of(nordjylland) == {"Vold mod person": "1252", "Røveri": "12"}


def test_a_mapping_file_with_bad_lines_loads_nothing_and_names_them(nordjylland, tmp_path, mapped):
    path = write(tmp_path, "kategorier.csv", "Røveri;12\nNarkotika;3210\n;12\n")

    message, err = refused("police-mapping", str(path), "--district", "1", "--replace")

    assert message == "Listen har 2 fejl, så intet er gemt."
    assert err.splitlines() == [
        "Linje 2: ukendt overtrædelseskode »3210«. Brug Danmarks Statistiks koder, fx 1252 "
        "(simpel vold) eller 1320 (indbrud i beboelser).",
        "Linje 3 har ingen kategori.",
    ]
    assert PoliceCategoryMapping.objects.count() == 2


def test_an_unknown_district_number_is_refused_with_the_list(db, tmp_path):
    path = write(tmp_path, "kategorier.csv", "Vold mod person;1252\n")

    message, _err = refused("police-mapping", str(path), "--district", "13")

    assert message.startswith("Der er ingen politikreds nummer 13. Kredsene er: 1 Nordjyllands")


def test_analyst_tries_an_export_and_sees_the_preview_without_anything_saved(
    nordjylland, tmp_path, mapped
):
    path = write(tmp_path, "politi.csv", EXPORT)

    out, _err = run("police", str(path), "--district", "1", "--dry-run")

    assert "»politi.csv« er læst som politiets eksport (UTF-8): 2 rækker." in out
    assert "Tabel police: 2 rækker." in out
    assert "Områder: 2 (825, 851)" in out
    assert "Perioder: 2023K1–2023K2 (2)" in out  # noqa: RUF001
    assert "Celler: 2 nye, 0 ændrede, 0 uændrede." in out
    assert out.endswith("Prøvekørsel: intet er gemt.\n")
    assert not Observation.objects.exists()


def test_analyst_imports_an_export_and_again_changes_nothing(nordjylland, tmp_path, mapped):
    path = write(tmp_path, "politi.csv", EXPORT)

    out, err = run("police", str(path), "--district", "1")
    again, _err = run("police", str(path), "--district", "1")

    first, second = ImportJob.objects.order_by("pk")
    assert out.endswith(
        "Indlæst: 2 nye, 0 ændrede og 0 uændrede celler i police.\n"
        f"Indlæsningen kan ses på {job_url(first)}\n"
    )
    assert again.endswith(
        "Indlæst: 0 nye, 0 ændrede og 2 uændrede celler i police.\n"
        "Ingen tal er ændret, så der er ikke registreret et nyt datasæt.\n"
        f"Indlæsningen kan ses på {job_url(second)}\n"
    )
    assert "Indlæser [" in err
    rows = Observation.objects.filter(table="police", derived=False)
    assert {(o.area.code, o.offence.code, o.period, o.value) for o in rows} == {
        ("851", "1252", "2023K1", 52),
        ("825", "1252", "2023K2", 1),
    }
    assert Dataset.objects.filter(source=Dataset.Source.POLICE).count() == 1


def test_an_export_with_unmapped_categories_or_another_district_is_refused(
    nordjylland, tmp_path, mapped
):
    path = write(tmp_path, "politi.csv", EXPORT + "Aalborg;Narkotika;2023K1;3\n")

    message, err = refused("police", str(path), "--district", "1")
    elsewhere, elsewhere_err = refused("police", str(path), "--district", "2")

    assert message == "Filen har 1 fejl, så intet er indlæst."
    assert "Kategorien »Narkotika« (linje 5) har ingen tilknytning til en overtrædelseskode." in err
    assert elsewhere == "Filen har 3 fejl, så intet er indlæst."
    assert "»Vold mod person« (linje 2)" in elsewhere_err
    assert not Observation.objects.exists()


def test_an_export_with_a_municipality_outside_the_district_is_refused(
    nordjylland, tmp_path, mapped
):
    path = write(tmp_path, "politi.csv", EXPORT + "0661;Vold mod person;2023K1;3\n")

    message, err = refused("police", str(path), "--district", "1")

    assert message == "Filen har 1 fejl, så intet er indlæst."
    assert err == (
        "linje 5, kolonne kommune, værdi »661«: Holstebro (661) (første gang i linje 5) er ikke "
        "en kommune i Nordjyllands Politi. Politiets eksport må kun have kredsens egne "
        "kommuner.\n"
    )
    assert not Observation.objects.exists()


# An import from the shell is a job, as an upload is -------------------------------------------------


def test_analyst_imports_an_export_from_the_shell_and_finds_it_among_the_districts_imports(
    client, analytiker, nordjylland, tmp_path, mapped
):
    path = write(tmp_path, "politi.csv", EXPORT)

    run("police", str(path), "--district", "1", "--by", analytiker.email)

    job = ImportJob.objects.get()
    assert (job.kind, job.status, job.table, job.created_by) == (
        "police",
        "done",
        "police",
        analytiker,
    )
    assert (job.done, job.total, job.district) == (2, 2, nordjylland)
    assert job.dataset.imported_by == analytiker
    client.force_login(analytiker)
    imports = client.get(reverse("statistics:upload", args=[nordjylland.slug])).content.decode()
    assert f'<a href="{job_url(job)}">politi.csv</a>' in imports
    assert client.get(job_url(job)).status_code == 200


def test_a_revised_export_from_the_shell_shows_its_revisions_from_the_job(
    client, analytiker, nordjylland, tmp_path, mapped
):
    run("police", str(write(tmp_path, "politi.csv", EXPORT)), "--district", "1")
    revised = EXPORT.replace("Læsø;Vold mod person;2023K2;1", "Læsø;Vold mod person;2023K2;3")
    out, _err = run("police", str(write(tmp_path, "rettet.csv", revised)), "--district", "1")
    job = ImportJob.objects.latest("pk")
    revisions_url = reverse("statistics:dataset_revisions", args=[nordjylland.slug, job.dataset.pk])
    client.force_login(analytiker)

    job_page = client.get(job_url(job)).content.decode()
    revisions = client.get(revisions_url)

    assert "Indlæst: 0 nye, 1 ændrede og 1 uændrede celler i police." in out
    assert f'<a href="{revisions_url}">Se de rettede tal</a>' in job_page
    assert revisions.status_code == 200
    assert "Læsø" in revisions.content.decode()


def test_an_export_from_the_shell_without_a_user_is_the_systems(nordjylland, tmp_path, mapped):
    path = write(tmp_path, "politi.csv", EXPORT)

    run("police", str(path), "--district", "1")
    run("police", str(path), "--district", "1")

    system = User.objects.get(email="system@kredsraad.invalid")
    assert (str(system), system.is_active, system.has_usable_password()) == (
        "Systemet",
        False,
        False,
    )
    assert set(ImportJob.objects.values_list("created_by", flat=True)) == {system.pk}


def test_an_unknown_user_is_refused_and_nothing_is_recorded(nordjylland, tmp_path, mapped):
    path = write(tmp_path, "politi.csv", EXPORT)

    message, _err = refused("police", str(path), "--district", "1", "--by", "ingen@example.dk")

    assert message == "Der er ingen bruger med e-mailadressen ingen@example.dk."
    assert not ImportJob.objects.exists()
    assert not Observation.objects.exists()


def test_a_refused_export_from_the_shell_is_a_refused_job_with_its_problems(
    nordjylland, tmp_path, mapped
):
    path = write(tmp_path, "politi.csv", EXPORT + "Aalborg;Narkotika;2023K1;3\n")
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "statistics", "police", str(path), "--district", "1", stdout=out, stderr=io.StringIO()
        )

    job = ImportJob.objects.get()
    assert (job.status, job.content, job.preview["unmapped"]) == ("refused", b"", ["Narkotika"])
    assert out.getvalue() == f"Afvisningen kan ses på {job_url(job)}\n"
    assert not Observation.objects.exists()


def test_a_mapping_from_the_shell_names_its_user_in_the_history(
    nordjylland, analytiker, tmp_path, mapped
):
    path = write(tmp_path, "kort.csv", "Vold mod person;12\n")

    run("police-mapping", str(path), "--district", "1", "--by", analytiker.email)

    (latest, *earlier) = police.mapping_history(nordjylland)
    assert (latest.user, latest.source) == (analytiker, "Kørsel på serveren")
    assert latest.text == ("»Vold mod person« tælles nu som 12 Vold i stedet for 1252 Simpel vold.")
    assert {change.user for change in earlier} == {None}
