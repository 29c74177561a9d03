"""The import's focus-area column: each focus area by its plan's year and its number as the plan
shows it, or its title; an unknown one refuses the whole file with its line; an export comes
back unchanged, links to last year's plan included; a file without the column leaves the links."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kredsraad.initiatives import actions, transfer
from kredsraad.initiatives.models import Initiative
from kredsraad.plans import actions as plan_actions
from tests.initiatives.test_transfer import HEADER, NEW_ROW, export, plan_for, preview, problems

AREAS_HEADER = f"{HEADER};indsatsområder"


@pytest.fixture
def plan_2022(nordjylland, sekretariat, politi_nord):
    plan = plan_actions.create_plan(nordjylland, year=2022, by=sekretariat)
    plan_actions.add_focus_area(
        plan,
        title="Indbrud i private hjem",
        body="",
        themes=[],
        responsible=politi_nord,
        by=sekretariat,
    )
    return plan


def apply(district, plan_, user):
    upload = transfer.read_upload(initiatives_file=plan_.upload)
    return actions.import_initiatives(
        district, upload, expected_fingerprint=plan_.fingerprint, by=user
    )


def planned(district, *rows, header=AREAS_HEADER):
    plan_ = plan_for(district, *rows, header=header)
    plan_.upload = ("indsatser.csv", "\r\n".join([header, *rows]).encode("utf-8-sig"))
    return plan_


def test_export_names_focus_areas_by_year_and_number(client, sekretariat, socialbedrageri, areas):
    client.force_login(sekretariat)
    number = transfer.area_ref(areas[1]).label

    text = export(client, socialbedrageri.district, "indsatser", "csv").decode("utf-8-sig")

    assert text.splitlines()[0] == AREAS_HEADER
    assert number == "2023: 03.2"
    assert ";Pilotprojekt om socialbedrageri;" in text
    assert text.splitlines()[1].endswith(";1;2023: 03.2")


def test_secretariat_links_a_new_initiative_by_number_and_by_title(
    nordjylland, sekretariat, politi_nord, trygfonden, aalborg, laesoe, areas, plan_2022
):
    row = f"{NEW_ROW};2023: 03.1|2022: indbrud i private hjem"
    plan_ = planned(nordjylland, row)

    assert problems(plan_) == []
    apply(nordjylland, plan_, sekretariat)

    new = Initiative.objects.get(external_id="NJ-ny")
    assert set(new.focus_areas.all()) == {areas[0], plan_2022.focus_areas.get()}


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2023: 03.9", "Planen for 2023 har intet indsatsområde med nummeret eller titlen »03.9«."),
        (
            "2023: Indbrud",
            "Planen for 2023 har intet indsatsområde med nummeret eller titlen »Indbrud«.",
        ),
        ("2031: 03.1", "Politikredsen har ingen samarbejdsplan for 2031."),
        ("03.1", "Skriv planens år foran indsatsområdets nummer eller titel, fx »2023: 05.2«"),
    ],
)
def test_unknown_focus_area_refuses_the_file_naming_its_line(
    nordjylland, sekretariat, politi_nord, trygfonden, aalborg, laesoe, areas, cell, message
):
    good = f"{NEW_ROW.replace('NJ-ny', 'NJ-god')};2023: 03.1"
    bad = f"{NEW_ROW};{cell}"

    plan_ = planned(nordjylland, good, bad)

    [(sheet, line, column, value, text)] = problems(plan_)
    assert (sheet, line, column, value) == ("Indsatser", 3, "indsatsområder", cell)
    assert text.startswith(message)
    with pytest.raises(actions.ImportRefused):
        apply(nordjylland, plan_, sekretariat)
    assert not Initiative.objects.exists()


def test_a_round_trip_with_last_years_focus_area_changes_nothing(
    client, sekretariat, socialbedrageri, bo_trygt, plan_2022
):
    socialbedrageri.focus_areas.add(plan_2022.focus_areas.get())
    client.force_login(sekretariat)
    district = socialbedrageri.district

    for name, fmt in (("indsatser.csv", "csv"), ("indsatser.xlsx", "xlsx")):
        body = export(client, district, "indsatser", fmt)
        response = preview(client, district, initiatives=SimpleUploadedFile(name, body))

        plan_ = response.context["plan"]
        assert problems(plan_) == []
        assert plan_.counts == {"create": 0, "update": 0, "unchanged": 2}


def test_a_changed_focus_area_cell_moves_the_link(client, sekretariat, socialbedrageri, areas):
    client.force_login(sekretariat)
    district = socialbedrageri.district
    text = export(client, district, "indsatser", "csv").decode("utf-8-sig")
    edited = text.replace(";2023: 03.2", ";2023: Nærpoliti og tryghed")

    plan_ = planned(district, *edited.splitlines()[1:], header=edited.splitlines()[0])
    apply(district, plan_, sekretariat)

    assert [(r.key, r.changes) for r in plan_.initiatives] == [
        ("NJ-2023-socialbedrageri", [("indsatsområder", "2023: 03.2", "2023: 03.1")])
    ]
    assert list(socialbedrageri.focus_areas.all()) == [areas[0]]


def test_a_file_without_the_column_leaves_the_links_alone(
    client, sekretariat, socialbedrageri, areas
):
    client.force_login(sekretariat)
    district = socialbedrageri.district
    lines = export(client, district, "indsatser", "csv").decode("utf-8-sig").splitlines()
    old_format = [line.rsplit(";", 1)[0] for line in lines]
    row = old_format[1].replace("Pilotprojekt om socialbedrageri", "Pilot om socialbedrageri")

    plan_ = planned(district, row, header=old_format[0])
    apply(district, plan_, sekretariat)

    socialbedrageri.refresh_from_db()
    assert socialbedrageri.title == "Pilot om socialbedrageri"
    assert list(socialbedrageri.focus_areas.all()) == [areas[1]]
