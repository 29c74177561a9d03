"""The plan's lifecycle: kladde → til drøftelse → godkendt → offentliggjort, and corrections."""

import datetime

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.models import CooperationPlan, PlanVersion
from tests.confirming import confirm

from .conftest import approved


def test_secretariat_creates_draft_with_the_standard_sections(nordjylland, sekretariat):
    plan = actions.create_plan(nordjylland, year=2024, by=sekretariat)

    assert plan.status == "draft"
    assert plan.action_plans_due == datetime.date(2024, 2, 1)
    assert [s.kind for s in plan.sections.all()] == [
        "organisation",
        "crime_trends",
        "focus_areas",
        "local_councils",
        "forums",
    ]


def test_second_plan_for_same_year_is_refused(plan_2023, nordjylland, sekretariat):
    with pytest.raises(actions.PlanStateError, match="har allerede en samarbejdsplan for 2023"):
        actions.create_plan(nordjylland, year=2023, by=sekretariat)

    assert CooperationPlan.objects.filter(district=nordjylland).count() == 1


def test_draft_cannot_be_approved(plan_2023, sekretariat, kredsraad_nord):
    with pytest.raises(
        actions.PlanStateError, match="Kun en plan, der er sendt til drøftelse, kan godkendes"
    ):
        actions.approve_plan(
            plan_2023,
            council=kredsraad_nord,
            on=datetime.date(2022, 12, 6),
            reference="",
            by=sekretariat,
        )

    plan_2023.refresh_from_db()
    assert plan_2023.status == "draft"


def test_another_districts_council_cannot_approve(plan_2023, sekretariat, kredsraad_midtvest):
    actions.send_for_discussion(plan_2023, by=sekretariat)

    with pytest.raises(actions.PlanStateError, match="godkendes af politikredsens kredsråd"):
        actions.approve_plan(
            plan_2023,
            council=kredsraad_midtvest,
            on=datetime.date(2022, 12, 6),
            reference="",
            by=sekretariat,
        )


def test_approved_plan_can_no_longer_be_edited(plan_2023, sekretariat, kredsraad_nord):
    approved(plan_2023, sekretariat, kredsraad_nord)
    area = plan_2023.focus_areas.first()

    with pytest.raises(actions.PlanStateError, match="er godkendt og kan ikke længere redigeres"):
        actions.update_focus_area(area, expected_version=area.version, by=sekretariat)
    with pytest.raises(actions.PlanStateError):
        actions.add_section(plan_2023, title="Sent tilføjet", body="", by=sekretariat)


def test_publishing_freezes_version_one(published_2023):
    version = published_2023.versions.get()

    assert (published_2023.status, version.number) == ("published", 1)
    assert version.content["sections"][2]["generated"][0]["number"] == "03.1"
    assert "Det lokale samarbejde fra to nye nærstationer" in version.html


def test_published_version_does_not_change_when_the_data_does(published_2023, sekretariat):
    area = published_2023.focus_areas.first()
    html_before = published_2023.versions.get().html
    actions.start_correction(published_2023, by=sekretariat)

    area.title = "Nyt navn"
    actions.update_focus_area(area, expected_version=area.version, by=sekretariat)

    assert published_2023.versions.get().html == html_before


def test_the_database_refuses_to_change_a_published_version(published_2023):
    version = published_2023.versions.get()

    with pytest.raises(ProgrammingError, match="Cannot update rows"), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(html="<p>Omskrevet</p>")

    version.refresh_from_db()
    assert "Omskrevet" not in version.html


def test_correction_needs_a_note_and_becomes_version_two(published_2023, sekretariat):
    actions.start_correction(published_2023, by=sekretariat)

    with pytest.raises(actions.PlanStateError, match="ændringsnote"):
        actions.publish_plan(published_2023, change_note="  ", by=sekretariat)
    second = actions.publish_plan(
        published_2023, change_note="Rettet stavefejl i 05.2", by=sekretariat
    )

    published_2023.refresh_from_db()
    assert second.number == 2
    assert second.change_note == "Rettet stavefejl i 05.2"
    assert published_2023.in_correction is False
    assert [v.number for v in published_2023.versions.all()] == [2, 1]


def test_published_plan_without_correction_cannot_be_published_again(published_2023, sekretariat):
    with pytest.raises(actions.PlanStateError):
        actions.publish_plan(published_2023, change_note="igen", by=sekretariat)

    assert PlanVersion.objects.count() == 1


def test_stale_focus_area_edit_shows_conflict(client, sekretariat, plan_2023):
    area = plan_2023.focus_areas.first()
    url = reverse("plans:focus_area_edit", args=[area.pk])
    loaded = {
        "title": area.title,
        "body": "",
        "themes": ["local_policing"],
        "responsible": area.responsible_id,
        "version": area.version,
    }
    client.force_login(sekretariat)
    client.post(url, {**loaded, "title": "Nærstationerne i Aars og Brønderslev"})

    response = client.post(url, {**loaded, "title": "To nærstationer"})

    assert response.status_code == 409
    area.refresh_from_db()
    assert area.title == "Nærstationerne i Aars og Brønderslev"


def test_secretariat_walks_the_lifecycle_through_the_pages(client, sekretariat, plan_2023):
    client.force_login(sekretariat)

    confirm(client, reverse("plans:plan_send", args=[plan_2023.pk]))
    confirm(
        client,
        reverse("plans:plan_approve", args=[plan_2023.pk]),
        {"approved_on": "2022-12-06", "reference": "Møde 4. kvartal 2022, punkt 3"},
    )
    published = confirm(client, reverse("plans:plan_publish", args=[plan_2023.pk]))
    response = client.get(published["Location"])

    plan_2023.refresh_from_db()
    assert plan_2023.status == "published"
    assert plan_2023.approval_reference == "Møde 4. kvartal 2022, punkt 3"
    assert "Version 1 er offentliggjort og låst." in response.content.decode()


def test_approval_without_date_is_explained_and_changes_nothing(client, sekretariat, plan_2023):
    client.force_login(sekretariat)
    confirm(client, reverse("plans:plan_send", args=[plan_2023.pk]))

    response = confirm(
        client,
        reverse("plans:plan_approve", args=[plan_2023.pk]),
        {"approved_on": "31.02.2023", "reference": ""},
    )

    plan_2023.refresh_from_db()
    assert plan_2023.status == "discussion"
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "approved_on": ["Angiv godkendelsesdatoen som en gyldig dato, fx 06.12.2022."],
        "reference": ["Angiv en reference til godkendelsen, fx mødet og punktet."],
    }
