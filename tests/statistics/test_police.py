"""The police's own export: each district maps the police's categories to offence codes (a list
is saved all or nothing, every bad line named), and an export is imported with that mapping into
its own table, with the district's municipalities only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.statistics.importing import importer, police
from kredsraad.statistics.models import ImportJob, Observation, PoliceCategoryMapping
from tests import factories

CODES = [
    ("TOT", "Overtrædelsens art i alt"),
    ("1", "Straffelov i alt"),
    ("12", "Voldsforbrydelser i alt"),
    ("1252", "Simpel vold"),
    ("13", "Ejendomsforbrydelser i alt"),
    ("1320", "Indbrud i beboelser"),
]
EXPORT = (
    "Kommune;Kategori;Periode;Antal\n"
    "Aalborg Kommune;Vold mod person;2023K1;40\n"
    "Aalborg Kommune;Vold i nattelivet;2023K1;12\n"
    "Hjørring;Indbrud i privat bolig;2023K1;9\n"
)


@pytest.fixture(autouse=True)
def codes(db):
    importer.load_offence_codes(CODES)


@pytest.fixture
def mapped(nordjylland):
    police.save_mapping(
        nordjylland,
        police.read_mapping(
            "Vold mod person;1252\nVold i nattelivet;1252\nIndbrud i privat bolig;1320\n"
        ),
        by=None,
    )


def mapping(district) -> dict[str, str]:
    return dict(
        PoliceCategoryMapping.objects.filter(district=district).values_list(
            "category", "offence__code"
        )
    )


def messages_of(refused) -> list[str]:
    return [problem.message for problem in refused.value.problems]


# Reading and saving a mapping ---------------------------------------------------------------------


def test_mapping_lines_are_read_with_a_header_tabs_quotes_and_harmless_repeats(db):
    entries = police.read_mapping(
        "kategori;kode\n"
        "Vold mod person;1252\n"
        "\n"
        "Indbrud i privat bolig\t1320\n"
        '"Røveri; groft";tot\n'
        "vold  MOD person;1252\n"
    )

    assert [(e.line, e.category, e.code) for e in entries] == [
        (2, "Vold mod person", "1252"),
        (4, "Indbrud i privat bolig", "1320"),
        (5, "Røveri; groft", "TOT"),
    ]


def test_every_bad_line_is_named_and_nothing_is_saved(nordjylland):
    with pytest.raises(police.MappingRefused) as refused:
        police.read_mapping(
            "Vold mod person;1252\n"
            "Narkotika;7777\n"
            ";1320\n"
            "Butikstyveri\n"
            "Vold mod person;1320\n"
            "Indbrud;\n"
        )

    assert str(refused.value) == "Listen har 5 fejl, så intet er gemt."
    assert messages_of(refused) == [
        "Linje 2: ukendt overtrædelseskode »7777«. Brug Danmarks Statistiks koder, fx 1252 "
        "(simpel vold) eller 1320 (indbrud i beboelser).",
        "Linje 3 har ingen kategori.",
        "Linje 4 skal have en kategori og en kode adskilt af semikolon, fx »Vold mod "
        "person;1252«, men lyder »Butikstyveri«.",
        "Linje 5: kategorien »Vold mod person« står også i linje 1, men med koden 1252 i stedet "
        "for 1320.",
        "Linje 6: »Indbrud« har ingen overtrædelseskode.",
    ]
    assert mapping(nordjylland) == {}


def test_saving_adds_and_changes_and_replacing_also_removes(nordjylland, mapped):
    changed = police.save_mapping(
        nordjylland,
        police.read_mapping("vold mod  person;12\nIndbrud i privat bolig;1320\n"),
        by=None,
    )
    replaced = police.save_mapping(
        nordjylland,
        police.read_mapping("Vold mod person;12\nNarkotika;1\n"),
        replace=True,
        by=None,
    )

    assert (changed.created, changed.updated, changed.unchanged, changed.removed) == (0, 1, 1, 0)
    assert (replaced.created, replaced.updated, replaced.unchanged, replaced.removed) == (
        1,
        1,
        0,
        2,
    )
    assert mapping(nordjylland) == {"Vold mod person": "12", "Narkotika": "1"}


def test_each_district_has_its_own_mapping(nordjylland, midtvest, mapped):
    police.save_mapping(midtvest, police.read_mapping("Vold mod person;12\n"), by=None)

    assert mapping(nordjylland)["Vold mod person"] == "1252"
    assert mapping(midtvest) == {"Vold mod person": "12"}


# The mapping page ---------------------------------------------------------------------------------


def mapping_url(district):
    return reverse("statistics:police_mapping", args=[district.slug])


def test_analyst_pastes_a_list_and_sees_it_saved(client, analytiker, nordjylland):
    client.force_login(analytiker)

    response = client.post(
        mapping_url(nordjylland),
        {"list-text": "kategori;kode\nVold mod person;1252\nIndbrud i privat bolig;1320\n"},
        follow=True,
    )

    page = response.content.decode()
    assert "Kategorierne er gemt: 2 nye, 0 ændrede, 0 uændrede og 0 fjernet." in page
    assert "<td>Vold mod person</td>" in page
    assert mapping(nordjylland) == {"Vold mod person": "1252", "Indbrud i privat bolig": "1320"}


def test_analyst_uploads_a_mapping_file_saved_by_danish_excel(client, analytiker, nordjylland):
    client.force_login(analytiker)
    content = "Kategori;Kode\r\nRøveri;1252\r\n".encode("cp1252")

    client.post(
        mapping_url(nordjylland), {"list-file": SimpleUploadedFile("kategorier.csv", content)}
    )

    assert mapping(nordjylland) == {"Røveri": "1252"}


def test_a_bad_list_shows_every_bad_line_and_saves_nothing(client, analytiker, nordjylland, mapped):
    client.force_login(analytiker)

    response = client.post(
        mapping_url(nordjylland),
        {"list-text": "Narkotika;1\nButikstyveri;9999\n;12\n", "list-replace": "on"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Listen har 2 fejl, så intet er gemt." in page
    assert "Linje 2: ukendt overtrædelseskode »9999«." in page
    assert "Linje 3 har ingen kategori." in page
    assert "Butikstyveri;9999" in page  # the text is kept to be corrected
    assert len(mapping(nordjylland)) == 3


def test_analyst_adds_one_category_and_removes_another(client, analytiker, nordjylland, mapped):
    client.force_login(analytiker)
    night = PoliceCategoryMapping.objects.get(category="Vold i nattelivet")

    added = client.post(
        mapping_url(nordjylland),
        {"add": "1", "one-category": " Narkotika  i  nattelivet ", "one-offence": "1"},
    )
    removed = client.post(
        reverse("statistics:police_mapping_remove", args=[nordjylland.slug, night.pk])
    )

    assert added.status_code == removed.status_code == 302
    assert mapping(nordjylland) == {
        "Vold mod person": "1252",
        "Indbrud i privat bolig": "1320",
        "Narkotika i nattelivet": "1",
    }


def test_another_districts_category_cannot_be_removed(
    client, analytiker, nordjylland, midtvest, sekretariat_midtvest
):
    police.save_mapping(midtvest, police.read_mapping("Vold mod person;12\n"), by=None)
    theirs = PoliceCategoryMapping.objects.get(district=midtvest)
    client.force_login(analytiker)

    under_own = client.post(
        reverse("statistics:police_mapping_remove", args=[nordjylland.slug, theirs.pk])
    )
    under_theirs = client.post(
        reverse("statistics:police_mapping_remove", args=[midtvest.slug, theirs.pk])
    )

    assert (under_own.status_code, under_theirs.status_code) == (404, 404)
    assert PoliceCategoryMapping.objects.filter(pk=theirs.pk).exists()


def test_a_council_member_finds_no_mapping_page(client, raadsmedlem, nordjylland):
    client.force_login(raadsmedlem)

    assert client.get(mapping_url(nordjylland)).status_code == 404
    assert client.post(mapping_url(nordjylland), {"list-text": "A;1\n"}).status_code == 404
    assert mapping(nordjylland) == {}


# The mapping's history -------------------------------------------------------------------------------


def history_of_page(response) -> list[str]:
    """The sentences and bylines under "Historik", newest first, as plain text."""
    page = response.content.decode()
    section = page.split('id="history-heading"', 1)[1].split("</section>", 1)[0]
    return [
        " ".join(part.split("<", 1)[0].split())
        for part in section.split('<li class="history-entry">')[1:]
    ]


def test_analyst_changes_categories_and_the_history_says_who_changed_what(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)
    client.post(mapping_url(nordjylland), {"list-text": "Vold mod person;1252\nRøveri;12\n"})
    client.post(
        mapping_url(nordjylland),
        {"add": "1", "one-category": "Vold mod person", "one-offence": "12"},
    )
    robbery = PoliceCategoryMapping.objects.get(category="Røveri")
    client.post(reverse("statistics:police_mapping_remove", args=[nordjylland.slug, robbery.pk]))

    response = client.get(mapping_url(nordjylland))

    page = response.content.decode()
    texts = [change.text for change in police.mapping_history(nordjylland)]
    assert texts == [
        "»Røveri« fjernet (talt som 12 Voldsforbrydelser i alt).",
        "»Vold mod person« tælles nu som 12 Voldsforbrydelser i alt i stedet for 1252 Simpel vold.",
        "»Røveri« tilføjet og tælles som 12 Voldsforbrydelser i alt.",
        "»Vold mod person« tilføjet og tælles som 1252 Simpel vold.",
    ]
    for text in texts:
        assert text.replace("»", "&raquo;").replace("«", "&laquo;") in page or text in page
    assert (
        page.count(
            'Analytiker Nord · <span class="history-source">Politiets kategorier rettet</span>'
        )
        == 3
    )
    assert (
        'Analytiker Nord · <span class="history-source">Politiets kategori fjernet</span>' in page
    )


def test_a_category_spelled_otherwise_shows_as_such_in_the_history(nordjylland, analytiker, mapped):
    police.save_mapping(nordjylland, police.read_mapping("vold  MOD person;1252\n"), by=analytiker)

    (latest, *_earlier) = police.mapping_history(nordjylland)

    assert (latest.text, latest.user) == (
        "»Vold mod person« staves nu »vold MOD person«.",
        analytiker,
    )


def test_a_mapping_replaced_from_the_shell_without_a_user_is_the_systems(nordjylland, mapped):
    police.save_mapping(nordjylland, police.read_mapping("Narkotika;1\n"), replace=True, by=None)

    history = police.mapping_history(nordjylland)

    assert [change.text for change in history[:4]] == [
        "»Vold mod person« fjernet (talt som 1252 Simpel vold).",
        "»Vold i nattelivet« fjernet (talt som 1252 Simpel vold).",
        "»Indbrud i privat bolig« fjernet (talt som 1320 Indbrud i beboelser).",
        "»Narkotika« tilføjet og tælles som 1 Straffelov i alt.",
    ]
    assert {change.user for change in history} == {None}


def test_the_mapping_page_takes_the_same_queries_whatever_its_history(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)
    police.save_mapping(nordjylland, police.read_mapping("A;1\n"), by=analytiker)
    client.get(mapping_url(nordjylland))  # the session and the caches settle first
    with CaptureQueriesContext(connection) as one:
        client.get(mapping_url(nordjylland))
    police.save_mapping(nordjylland, police.read_mapping("A;12\nB;1\nC;13\n"), by=analytiker)
    police.save_mapping(nordjylland, police.read_mapping("A;1\n"), replace=True, by=None)

    with CaptureQueriesContext(connection) as many:
        response = client.get(mapping_url(nordjylland))

    assert len(history_of_page(response)) == 7
    assert len(many) == len(one)


# Importing an export --------------------------------------------------------------------------------


def upload_export(client, district, text: str):
    return client.post(
        reverse("statistics:upload", args=[district.slug]),
        {"kind": "police", "file": SimpleUploadedFile("politi.csv", text.encode())},
    )


def police_value(area: str, offence: str, period: str) -> int:
    return Observation.objects.get(
        table="police", area__code=area, offence__code=offence, period=period
    ).value


def test_an_export_is_imported_into_the_police_table_with_the_district_sum(
    client, analytiker, nordjylland, mapped, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)
    upload_export(client, nordjylland, EXPORT)
    job = ImportJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("statistics:import_start", args=[nordjylland.slug, job.pk]))

    job.refresh_from_db()
    assert (job.status, job.table, job.dataset.source) == ("done", "police", "police")
    assert police_value("851", "1252", "2023K1") == 40 + 12
    assert police_value("860", "1320", "2023K1") == 9
    assert police_value("politikreds:1", "1252", "2023K1") == 52
    assert not Observation.objects.exclude(table="police").exists()


def test_an_export_with_unmapped_categories_lists_every_one_and_links_to_the_mapping(
    client, analytiker, nordjylland, mapped
):
    client.force_login(analytiker)

    response = upload_export(
        client,
        nordjylland,
        EXPORT + "Hjørring;Narkotika;2023K1;3\nAalborg;Butikstyveri;2023K1;30\n"
        "Aalborg;Narkotika;2023K1;8\n",
    )
    job = ImportJob.objects.get()
    page = client.get(response.url).content.decode()
    prefilled = client.get(mapping_url(nordjylland), {"indlaesning": job.pk}).content.decode()

    assert job.status == ImportJob.Status.REFUSED
    assert job.preview["unmapped"] == ["Narkotika", "Butikstyveri"]
    assert "<li>Narkotika</li>" in page
    assert "<li>Butikstyveri</li>" in page
    assert f'href="{mapping_url(nordjylland)}?indlaesning={job.pk}"' in page
    assert "kategori;kode\nNarkotika;\nButikstyveri;\n</textarea>" in prefilled
    assert not Observation.objects.exists()


def test_an_export_with_another_districts_municipality_is_refused(
    client, analytiker, nordjylland, mapped
):
    client.force_login(analytiker)

    response = upload_export(
        client,
        nordjylland,
        EXPORT + "Holstebro;Vold mod person;2023K1;7\n000;Vold mod person;2023K1;1\n",
    )

    page = client.get(response.url).content.decode()
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED
    assert (
        "Holstebro (661) (første gang i linje 5) er ikke en kommune i Nordjyllands Politi. "
        "Politiets eksport må kun have kredsens egne kommuner." in page
    )
    assert "Hele landet (000) (første gang i linje 6)" in page
    assert not Observation.objects.exists()


def test_a_category_unmapped_after_the_preview_stops_the_import(
    client, analytiker, nordjylland, mapped, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)
    upload_export(client, nordjylland, EXPORT)
    job = ImportJob.objects.get()
    PoliceCategoryMapping.objects.get(category="Vold i nattelivet").delete()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("statistics:import_start", args=[nordjylland.slug, job.pk]))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED
    assert job.preview["unmapped"] == ["Vold i nattelivet"]
    assert not Observation.objects.exists()


def test_the_same_category_mapped_in_another_district_does_not_help(client, nordjylland, midtvest):
    police.save_mapping(midtvest, police.read_mapping("Vold mod person;1252\n"), by=None)
    analyst = factories.user(role="analyst", district=nordjylland)
    client.force_login(analyst)

    upload_export(
        client, nordjylland, "Kommune;Kategori;Periode;Antal\nAalborg;Vold mod person;2023K1;4\n"
    )

    assert ImportJob.objects.get().preview["unmapped"] == ["Vold mod person"]
