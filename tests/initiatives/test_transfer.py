"""Initiatives and milestones go out and come back in as CSV and XLSX with the same columns: an
unchanged export changes nothing, external ids update instead of duplicating, and a file with
one bad row imports nothing and lists every problem by line, column and value."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.initiatives import transfer
from kredsraad.initiatives.models import Initiative, Milestone
from tests import factories

HEADER = "ekstern_id;titel;beskrivelse;tovholder;partnere;fora;kommuner;lokal_kommune;start;slut;status;viderefører;vægt"
MILESTONE_HEADER = "indsats_id;titel;type;frist;frist_kvartal;nået_den;resultat"
NEW_ROW = "NJ-ny;Ældre og nethandel;;Nordjyllands Politi;TrygFonden;;851|825;;01.03.2023;31.12.2023;I gang;;2"


def csv_upload(name, header, *rows, encoding="utf-8-sig"):
    return SimpleUploadedFile(name, "\r\n".join([header, *rows, ""]).encode(encoding))


def plan_for(district, *rows, header=HEADER, milestones=None):
    upload = transfer.read_upload(
        initiatives_file=("indsatser.csv", "\r\n".join([header, *rows]).encode("utf-8-sig")),
        milestones_file=(
            ("milepaele.csv", "\r\n".join([MILESTONE_HEADER, *milestones]).encode("utf-8-sig"))
            if milestones is not None
            else None
        ),
    )
    return transfer.plan_import(district, upload)


def problems(plan):
    return [(p.sheet, p.line, p.column, p.value, p.message) for p in plan.problems]


@pytest.fixture
def rich_world(
    nordjylland, politi_nord, trygfonden, socialbedrageri, bo_trygt, laesoe_lokal, sekretariat
):
    """Initiatives using every column: partners, forums, all or some municipalities, a local
    owner, lineage, text with line breaks and a leading minus, and milestones of each kind."""
    forum = factories.forum("SSP Aalborg", district=nordjylland, lead=politi_nord)
    socialbedrageri.partners.add(trygfonden)
    socialbedrageri.forums.add(forum)
    socialbedrageri.description = "- Pilot i to kommuner\r\n- Evaluering i marts"
    socialbedrageri.weight = 3
    socialbedrageri.save()
    bo_trygt.continues = socialbedrageri
    bo_trygt.title = "=Bo trygt"
    bo_trygt.save()
    factories.milestone(socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 31))
    factories.milestone(
        socialbedrageri,
        "Afrapportering",
        kind="report",
        due_quarter="2023K2",
        done_on=datetime.date(2023, 6, 1),
        result="Fremlagt på kredsrådets møde.\nGodkendt.",
    )
    factories.status_update(socialbedrageri, period="2023K1", progress=20, author=sekretariat)
    return nordjylland


def export(client, district, name, fmt):
    response = client.get(reverse("initiatives:export", args=[district.slug, name, fmt]))
    return b"".join(response.streaming_content) if response.streaming else response.content


def preview(client, district, **files):
    return client.post(reverse("initiatives:import", args=[district.slug]), files)


def apply(client, district, plan):
    return client.post(
        reverse("initiatives:import", args=[district.slug]),
        {"fingerprint": plan.fingerprint},
        follow=True,
    )


def test_export_is_semicolon_separated_utf8_with_bom(client, sekretariat, rich_world):
    client.force_login(sekretariat)

    body = export(client, rich_world, "indsatser", "csv")

    assert body.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    text = body.decode("utf-8-sig")
    assert "Tryg havn på Læsø;;Læsø Kommune;;;;825;" in text
    assert (
        "NJ-bo-trygt;'=Bo trygt;;Nordjyllands Politi;;;alle;;01.01.2023;;I gang;NJ-2023-socialbedrageri;1"
        in text
    )


def test_unchanged_csv_export_imports_as_no_changes(client, sekretariat, rich_world):
    client.force_login(sekretariat)
    initiatives = export(client, rich_world, "indsatser", "csv")
    milestones = export(client, rich_world, "milepaele", "csv")

    response = preview(
        client,
        rich_world,
        initiatives=SimpleUploadedFile("indsatser.csv", initiatives),
        milestones=SimpleUploadedFile("milepaele.csv", milestones),
    )

    plan = response.context["plan"]
    assert problems(plan) == []
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 5}
    assert "Filen ændrer ikke noget." in response.content.decode()


def test_unchanged_xlsx_export_imports_as_no_changes(client, sekretariat, rich_world):
    client.force_login(sekretariat)
    workbook = export(client, rich_world, "indsatser", "xlsx")

    response = preview(
        client, rich_world, initiatives=SimpleUploadedFile("indsatser.xlsx", workbook)
    )

    plan = response.context["plan"]
    assert problems(plan) == []
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 5}


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(client, sekretariat, rich_world):
    from openpyxl import load_workbook

    client.force_login(sekretariat)

    workbook = load_workbook(io.BytesIO(export(client, rich_world, "indsatser", "xlsx")))

    titles = [row[1] for row in workbook["Indsatser"].iter_rows(min_row=2, values_only=True)]
    assert "=Bo trygt" in titles
    assert workbook["Milepæle"].max_row == 3


def test_secretariat_imports_new_initiatives_and_a_reimport_changes_nothing(
    client, sekretariat, nordjylland, politi_nord, trygfonden, aalborg, laesoe
):
    client.force_login(sekretariat)
    rows = [
        NEW_ROW,
        "NJ-ny-2;Ældre og nethandel 2024;Fortsætter;Nordjyllands Politi;;;alle;;01.01.2024;;Planlagt;NJ-ny;",
    ]
    milestone_rows = ["NJ-ny;Foredrag afholdt;Evaluering;;2023K3;;"]

    def upload():
        return {
            "initiatives": csv_upload("indsatser.csv", HEADER, *rows),
            "milestones": csv_upload("milepaele.csv", MILESTONE_HEADER, *milestone_rows),
        }

    first = preview(client, nordjylland, **upload())
    assert first.context["plan"].counts == {"create": 3, "update": 0, "unchanged": 0}
    assert not Initiative.objects.exists()
    done = apply(client, nordjylland, first.context["plan"])

    new = Initiative.objects.get(external_id="NJ-ny")
    later = Initiative.objects.get(external_id="NJ-ny-2")
    assert "Filen er indlæst: 3 oprettet, 0 ændret, 0 uændret." in done.content.decode()
    assert (new.title, new.status, new.weight, new.starts) == (
        "Ældre og nethandel",
        "active",
        2,
        datetime.date(2023, 3, 1),
    )
    assert list(new.partners.all()) == [trygfonden]
    assert set(new.municipalities.all()) == {aalborg, laesoe}
    assert later.continues == new
    assert later.all_municipalities
    assert later.weight == 1
    assert new.milestones.get().due_quarter == "2023K3"

    again = preview(client, nordjylland, **upload())

    assert again.context["plan"].counts == {"create": 0, "update": 0, "unchanged": 3}
    assert Initiative.objects.count() == 2


def test_stable_external_id_updates_instead_of_duplicating(
    client, sekretariat, rich_world, socialbedrageri
):
    client.force_login(sekretariat)
    exported = export(client, rich_world, "indsatser", "csv").decode("utf-8-sig")
    edited = exported.replace("Pilotprojekt om socialbedrageri", "Socialbedrageri: pilot")

    response = preview(
        client,
        rich_world,
        initiatives=SimpleUploadedFile("indsatser.csv", edited.encode("utf-8-sig")),
    )
    plan = response.context["plan"]
    apply(client, rich_world, plan)

    assert [(r.key, r.changes) for r in plan.initiatives if r.action == "update"] == [
        (
            "NJ-2023-socialbedrageri",
            [("titel", "Pilotprojekt om socialbedrageri", "Socialbedrageri: pilot")],
        )
    ]
    socialbedrageri.refresh_from_db()
    assert socialbedrageri.title == "Socialbedrageri: pilot"
    assert socialbedrageri.version == 2
    assert Initiative.objects.count() == 3
    assert socialbedrageri.partners.count() == 1


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            NEW_ROW.replace("01.03.2023", "31.02.2023"),
            "start",
            "31.02.2023",
            "Datoen 31.02.2023 findes ikke.",
        ),
        (
            NEW_ROW.replace("01.03.2023", "2023/03/01"),
            "start",
            "2023/03/01",
            "Skriv datoen som dd.mm.åååå, fx 01.03.2023.",
        ),
        (
            NEW_ROW.replace("31.12.2023", "01.01.2023"),
            "slut",
            "01.01.2023",
            "Slutdatoen ligger før startdatoen.",
        ),
        (
            NEW_ROW.replace("851|825", "851|999"),
            "kommuner",
            "999",
            "Ukendt kommune »999« i politikredsen.",
        ),
        (
            NEW_ROW.replace("851|825", "851|661"),
            "kommuner",
            "661",
            "Ukendt kommune »661« i politikredsen.",
        ),
        (
            NEW_ROW.replace("TrygFonden", "TrygFonden|Ældre Sagen"),
            "partnere",
            "Ældre Sagen",
            "Ukendt partner »Ældre Sagen«.",
        ),
        (
            NEW_ROW.replace("Nordjyllands Politi", "Nordjyllands Poliit"),
            "tovholder",
            "Nordjyllands Poliit",
            "Ukendt organisation",
        ),
        (
            NEW_ROW.replace(";;851", ";SSP;851"),
            "fora",
            "SSP",
            "Ukendt forum »SSP«. Opret det under Fora først",
        ),
        (
            NEW_ROW.replace("I gang", "Igangværende"),
            "status",
            "Igangværende",
            "Ukendt værdi. Brug en af: Planlagt, I gang, Afsluttet, Gjort permanent, Stoppet.",
        ),
        (
            NEW_ROW.replace(";2", ";101"),
            "vægt",
            "101",
            "Vægten skal være et helt tal fra 0 til 100.",
        ),
        (NEW_ROW.replace(";;2", ";NJ-ukendt;2"), "viderefører", "NJ-ukendt", "Ukendt indsats"),
        (
            NEW_ROW.replace(";;2", ";NJ-ny;2"),
            "viderefører",
            "NJ-ny",
            "En indsats kan ikke videreføre sig selv.",
        ),
        (NEW_ROW.replace("Ældre og nethandel", ""), "titel", "", "Skal udfyldes."),
    ],
)
def test_bad_values_are_listed_by_line_column_and_value(
    nordjylland, politi_nord, trygfonden, holstebro, row, column, value, message
):
    plan = plan_for(nordjylland, NEW_ROW.replace("NJ-ny", "NJ-god"), row)

    assert len(plan.problems) == 1
    problem = plan.problems[0]
    assert (problem.sheet, problem.line, problem.column, problem.value) == (
        "Indsatser",
        3,
        column,
        value,
    )
    assert message in problem.message
    assert plan.initiatives[0].record["ekstern_id"] == "NJ-god"


def test_duplicate_external_ids_in_the_file_are_refused(nordjylland, politi_nord, trygfonden):
    plan = plan_for(nordjylland, NEW_ROW, NEW_ROW.replace("Ældre", "Yngre"))

    assert problems(plan) == [
        (
            "Indsatser",
            3,
            "ekstern_id",
            "NJ-ny",
            "Det eksterne id står også i linje 2. Hvert id må kun stå én gang.",
        )
    ]


def test_a_name_shared_by_two_organisations_is_refused_as_ambiguous(
    nordjylland, politi_nord, trygfonden
):
    factories.organisation("TrygFonden", district=nordjylland, kind="other")

    plan = plan_for(nordjylland, NEW_ROW)

    assert problems(plan) == [
        (
            "Indsatser",
            2,
            "partnere",
            "TrygFonden",
            "Flere organisationer hedder »TrygFonden«; giv dem entydige navne.",
        )
    ]


def test_wrong_and_missing_columns_are_named(nordjylland):
    header = HEADER.replace("vægt", "vaegt").replace(";fora", "")

    plan = plan_for(nordjylland, NEW_ROW, header=header)

    assert [(p.line, p.column, p.message.split(".")[0]) for p in plan.problems] == [
        (1, "vaegt", "Ukendt kolonne"),
        (1, "fora", "Kolonnen mangler"),
        (1, "vægt", "Kolonnen mangler"),
    ]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            "NJ-2023-socialbedrageri;Evaluering;Evaluering;15.12.2022;;;",
            "frist",
            "Fristen ligger før indsatsens start (01.01.2023).",
        ),
        (
            "NJ-2023-socialbedrageri;Evaluering;Evaluering;;2022K4;;",
            "frist_kvartal",
            "Kvartalet ligger før indsatsens start (01.01.2023).",
        ),
        (
            "NJ-2023-socialbedrageri;Evaluering;Evaluering;;2023-2;;",
            "frist_kvartal",
            "Skriv kvartalet som fx 2023K2",
        ),
        ("NJ-2023-socialbedrageri;Evaluering;Evaluering;;;;", "frist", "Angiv en frist"),
        (
            "NJ-2023-socialbedrageri;Evaluering;Status;01.03.2023;;;",
            "type",
            "Ukendt værdi. Brug en af: Evaluering, Beslutning",
        ),
        ("NJ-findes-ikke;Evaluering;Evaluering;01.03.2023;;;", "indsats_id", "Ukendt indsats"),
    ],
)
def test_bad_milestones_are_listed(nordjylland, socialbedrageri, row, column, message):
    upload = transfer.read_upload(
        milestones_file=("milepaele.csv", "\r\n".join([MILESTONE_HEADER, row]).encode())
    )

    plan = transfer.plan_import(nordjylland, upload)

    assert [(p.sheet, p.line, p.column) for p in plan.problems] == [("Milepæle", 2, column)]
    assert message in plan.problems[0].message


def test_one_bad_row_means_nothing_is_imported(
    client, sekretariat, nordjylland, politi_nord, trygfonden
):
    client.force_login(sekretariat)
    bad = NEW_ROW.replace("NJ-ny", "NJ-daarlig").replace("01.03.2023", "31.02.2023")

    response = preview(
        client, nordjylland, initiatives=csv_upload("indsatser.csv", HEADER, NEW_ROW, bad)
    )
    forced = apply(client, nordjylland, response.context["plan"])

    page = response.content.decode()
    assert "Filen har 1 fejl, så intet kan indlæses." in page
    assert "Indlæs ændringerne" not in page
    assert "Filen har fejl, så intet er indlæst." in forced.content.decode()
    assert not Initiative.objects.exists()


def test_data_changed_since_the_preview_is_not_applied(
    client, sekretariat, rich_world, socialbedrageri
):
    client.force_login(sekretariat)
    exported = export(client, rich_world, "indsatser", "csv").decode("utf-8-sig")
    edited = exported.replace("Pilotprojekt om socialbedrageri", "Socialbedrageri: pilot")
    response = preview(
        client, rich_world, initiatives=SimpleUploadedFile("i.csv", edited.encode("utf-8-sig"))
    )
    Initiative.objects.filter(pk=socialbedrageri.pk).update(weight=7)

    refused = apply(client, rich_world, response.context["plan"])

    assert "Data er ændret, siden forhåndsvisningen blev lavet" in refused.content.decode()
    socialbedrageri.refresh_from_db()
    assert socialbedrageri.title == "Pilotprojekt om socialbedrageri"
    changes = [r.changes for r in refused.context["plan"].initiatives if r.action == "update"]
    assert ("vægt", "7", "3") in changes[0]


def test_file_with_destroyed_danish_letters_is_refused(nordjylland):
    broken = NEW_ROW.replace("Ældre", "\ufffdldre")

    plan = plan_for(nordjylland, broken)

    assert [(p.line, p.value[:11]) for p in plan.problems] == [(2, "NJ-ny;\ufffdldre")]
    assert "bogstaver, der er gået tabt" in plan.problems[0].message
    assert plan.rows == []


def test_file_read_with_the_wrong_character_set_and_saved_again_is_refused(nordjylland):
    garbled = NEW_ROW.encode("utf-8").decode("cp1252").replace("\ufffd", "")

    plan = plan_for(nordjylland, garbled)

    assert "i stedet for ø og æ" in plan.problems[0].message


def test_windows_1252_file_from_danish_excel_is_read_with_a_note(
    nordjylland, politi_nord, trygfonden
):
    content = "\r\n".join([HEADER, NEW_ROW]).encode("cp1252")

    plan = transfer.plan_import(
        nordjylland, transfer.read_upload(initiatives_file=("indsatser.csv", content))
    )

    assert problems(plan) == []
    assert plan.initiatives[0].title == "Ældre og nethandel"
    assert "Windows-1252" in plan.notes[0]


def test_comma_separated_file_is_refused_with_an_explanation(nordjylland):
    plan = plan_for(nordjylland, NEW_ROW.replace(";", ","), header=HEADER.replace(";", ","))

    assert "semikolon" in plan.problems[0].message


def test_a_file_that_is_no_workbook_is_refused(nordjylland):
    upload = transfer.read_upload(initiatives_file=("indsatser.xlsx", b"not a zip"))

    assert upload.problems[0].message == "Filen kan ikke læses som et Excel-regneark (.xlsx)."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "Filen er i Excels gamle format (.xls).",
        ),
        (b"%PDF-1.7\n\x00\x01binary", "Filen skal være en CSV-fil (.csv) eller et Excel-regneark"),
    ],
)
def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_by_its_content(
    nordjylland, content, message
):
    upload = transfer.read_upload(initiatives_file=("indsatser.csv", content))

    assert len(upload.problems) == 1
    assert upload.problems[0].message.startswith(message)


def test_an_exported_workbook_is_read_whatever_its_name(nordjylland, politi_nord):
    factories.initiative("Bo trygt", district=nordjylland, lead=politi_nord, external_id="NJ-1")
    workbook = transfer.as_xlsx(transfer.tables(Initiative.objects.all()))

    upload = transfer.read_upload(initiatives_file=("download", workbook))

    assert upload.problems == []
    assert set(upload.sheets) == {"Indsatser", "Milepæle"}


def test_xlsx_import_creates_initiatives_and_milestones(
    client, sekretariat, nordjylland, politi_nord, trygfonden
):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Indsatser"
    sheet.append(HEADER.split(";"))
    sheet.append([*NEW_ROW.split(";")[:8], datetime.datetime(2023, 3, 1), None, "I gang", None, 2])
    milestones = workbook.create_sheet("Milepæle")
    milestones.append(MILESTONE_HEADER.split(";"))
    milestones.append(["NJ-ny", "Evaluering", "Evaluering", datetime.datetime(2023, 6, 30)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(sekretariat)

    response = preview(
        client, nordjylland, initiatives=SimpleUploadedFile("i.xlsx", buffer.getvalue())
    )
    apply(client, nordjylland, response.context["plan"])

    initiative = Initiative.objects.get()
    assert (initiative.starts, initiative.ends, initiative.weight) == (
        datetime.date(2023, 3, 1),
        None,
        2,
    )
    assert Milestone.objects.get().due_date == datetime.date(2023, 6, 30)


def test_coordinator_cannot_import(client, koordinator_laesoe, nordjylland, politi_nord):
    client.force_login(koordinator_laesoe)

    response = preview(client, nordjylland, initiatives=csv_upload("i.csv", HEADER, NEW_ROW))

    assert response.status_code == 404


def test_export_query_count_does_not_grow(
    client, sekretariat, nordjylland, politi_nord, trygfonden, laesoe
):
    client.force_login(sekretariat)

    def add(n):
        for _ in range(n):
            initiative = factories.initiative(
                "Indsats", district=nordjylland, lead=politi_nord, municipalities=[laesoe]
            )
            initiative.partners.add(trygfonden)
            factories.milestone(initiative, "Evaluering", due_date=datetime.date(2023, 3, 1))

    add(1)
    export(client, nordjylland, "indsatser", "xlsx")
    with CaptureQueriesContext(connection) as one:
        export(client, nordjylland, "indsatser", "xlsx")
    add(2)

    with CaptureQueriesContext(connection) as three:
        export(client, nordjylland, "indsatser", "xlsx")

    assert len(three.captured_queries) == len(one.captured_queries)


def test_import_query_count_does_not_grow(
    client, sekretariat, nordjylland, politi_nord, trygfonden
):
    client.force_login(sekretariat)
    rows = [NEW_ROW.replace("NJ-ny", f"NJ-{n}") for n in range(3)]
    preview(client, nordjylland, initiatives=csv_upload("i.csv", HEADER, *rows[:1]))

    with CaptureQueriesContext(connection) as one:
        preview(client, nordjylland, initiatives=csv_upload("i.csv", HEADER, *rows[:1]))
    with CaptureQueriesContext(connection) as three:
        response = preview(client, nordjylland, initiatives=csv_upload("i.csv", HEADER, *rows))

    assert response.context["plan"].counts["create"] == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_secretariat_updates_many_rows_at_once(client, sekretariat, rich_world):
    client.force_login(sekretariat)
    initiatives = export(client, rich_world, "indsatser", "csv").decode("utf-8-sig")
    milestones = export(client, rich_world, "milepaele", "csv").decode("utf-8-sig")
    initiatives = initiatives.replace(";I gang;", ";Afsluttet;").replace("TrygFonden", "")
    milestones = milestones.replace(";Evaluering;31.03", ";Beslutning;31.03").replace(
        ";2023K2;", ";2023K3;"
    )

    response = preview(
        client,
        rich_world,
        initiatives=SimpleUploadedFile("i.csv", initiatives.encode("utf-8-sig")),
        milestones=SimpleUploadedFile("m.csv", milestones.encode("utf-8-sig")),
    )
    apply(client, rich_world, response.context["plan"])

    assert response.context["plan"].counts == {"create": 0, "update": 5, "unchanged": 0}
    assert set(Initiative.objects.values_list("status", flat=True)) == {"finished"}
    assert not Initiative.partners.through.objects.exists()
    assert set(Milestone.objects.values_list("kind", "due_quarter")) == {
        ("decision", ""),
        ("report", "2023K3"),
    }


def test_import_cannot_move_a_start_past_a_milestone_left_out_of_the_file(
    client, sekretariat, rich_world
):
    client.force_login(sekretariat)
    initiatives = export(client, rich_world, "indsatser", "csv").decode("utf-8-sig")
    moved = initiatives.replace(";01.01.2023;30.09.2023;", ";01.07.2023;30.09.2023;")

    response = preview(
        client, rich_world, initiatives=SimpleUploadedFile("i.csv", moved.encode("utf-8-sig"))
    )

    assert [(p.column, p.value, p.message) for p in response.context["plan"].problems] == [
        (
            "start",
            "01.07.2023",
            "Startdatoen ligger efter fristen for milepælen »Evaluering« (31.03.2023).",
        ),
        (
            "start",
            "01.07.2023",
            "Startdatoen ligger efter fristen for milepælen »Afrapportering« (2023K2).",
        ),
    ]
