"""Milestones have a due date or quarter no earlier than the initiative's start, and are marked
reached with the day and the result."""

import datetime

import pytest
from django.urls import reverse

from kredsraad.initiatives.models import Milestone
from tests import factories


def milestone_form(**values):
    data = {
        "title": "Evaluering af piloten",
        "kind": "evaluation",
        "due_date": "",
        "due_quarter": "",
    }
    data.update(values)
    return data


def test_secretariat_adds_a_milestone_due_in_a_quarter(client, sekretariat, socialbedrageri):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:milestone_create", args=[socialbedrageri.pk]),
        milestone_form(due_quarter="2023k1"),
    )

    milestone = Milestone.objects.get()
    assert response.url == socialbedrageri.get_absolute_url()
    assert (milestone.title, milestone.due_quarter, milestone.due_date) == (
        "Evaluering af piloten",
        "2023K1",
        None,
    )


def test_milestone_due_before_the_start_is_refused_naming_the_field(
    client, sekretariat, socialbedrageri
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:milestone_create", args=[socialbedrageri.pk]),
        milestone_form(due_date="2022-12-15"),
    )

    assert response.context["form"].errors == {
        "due_date": [
            "Fristen (15. december 2022) ligger før indsatsens start (1. januar 2023). "
            "Vælg en frist fra starten og frem."
        ]
    }
    assert "Frist" in response.content.decode()
    assert not Milestone.objects.exists()


def test_milestone_quarter_before_the_start_is_refused(client, sekretariat, socialbedrageri):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:milestone_create", args=[socialbedrageri.pk]),
        milestone_form(due_quarter="2022K4"),
    )

    assert response.context["form"].errors == {
        "due_quarter": [
            "Kvartalet for fristen (2022K4) ligger før indsatsens start (1. januar 2023). "
            "Vælg et kvartal fra starten og frem."
        ]
    }


def test_quarter_in_the_starting_quarter_is_accepted(client, sekretariat, socialbedrageri):
    socialbedrageri.starts = datetime.date(2023, 2, 15)
    socialbedrageri.save()
    client.force_login(sekretariat)

    client.post(
        reverse("initiatives:milestone_create", args=[socialbedrageri.pk]),
        milestone_form(due_quarter="2023K1"),
    )

    assert Milestone.objects.get().due_quarter == "2023K1"


def test_milestone_needs_a_due_date_or_quarter_in_the_right_form(
    client, sekretariat, socialbedrageri
):
    client.force_login(sekretariat)
    url = reverse("initiatives:milestone_create", args=[socialbedrageri.pk])

    without = client.post(url, milestone_form())
    badly_written = client.post(url, milestone_form(due_quarter="23-K2"))

    assert "Angiv en frist: en dato eller et kvartal." in without.content.decode()
    assert "Angiv kvartal som fx 2023K2" in badly_written.content.decode()
    assert not Milestone.objects.exists()


def test_secretariat_edits_a_milestone(client, sekretariat, socialbedrageri):
    milestone = factories.milestone(
        socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 1)
    )
    client.force_login(sekretariat)

    client.post(
        reverse("initiatives:milestone_edit", args=[milestone.pk]),
        milestone_form(title="Evaluering i marts", due_date="2023-03-31", version=1),
    )

    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_date, milestone.version) == (
        "Evaluering i marts",
        datetime.date(2023, 3, 31),
        2,
    )


def test_secretariat_marks_a_milestone_reached_with_its_result(
    client, sekretariat, socialbedrageri
):
    milestone = factories.milestone(
        socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 1)
    )
    client.force_login(sekretariat)

    client.post(
        reverse("initiatives:milestone_done", args=[milestone.pk]),
        {"done_on": "2023-03-20", "result": "Piloten fortsætter året ud.", "version": 1},
    )

    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2023, 3, 20)
    assert milestone.result == "Piloten fortsætter året ud."


def test_milestone_cannot_be_reached_in_the_future(client, sekretariat, socialbedrageri):
    milestone = factories.milestone(
        socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 1)
    )
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:milestone_done", args=[milestone.pk]),
        {"done_on": tomorrow.isoformat(), "result": "", "version": 1},
    )

    assert response.context["form"].errors == {"done_on": ["Datoen ligger i fremtiden."]}


def test_start_cannot_move_past_a_milestone(client, sekretariat, socialbedrageri):
    from .test_initiatives import initiative_form

    factories.milestone(socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 1))
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:initiative_edit", args=[socialbedrageri.pk]),
        initiative_form(socialbedrageri, starts="2023-04-01"),
    )

    assert "Startdatoen ligger efter fristen for milepælen »Evaluering« (1. marts 2023)" in str(
        response.context["form"].errors["starts"]
    )
    socialbedrageri.refresh_from_db()
    assert socialbedrageri.starts == datetime.date(2023, 1, 1)


def test_milestone_edits_appear_in_the_initiatives_history(client, sekretariat, socialbedrageri):
    milestone = factories.milestone(
        socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 1)
    )
    client.force_login(sekretariat)
    client.post(
        reverse("initiatives:milestone_edit", args=[milestone.pk]),
        milestone_form(title="Evaluering i marts", due_date="2023-03-31", version=1),
    )

    response = client.get(reverse("initiatives:initiative_history", args=[socialbedrageri.pk]))

    assert "Milepæl: Evaluering i marts" in response.content.decode()


def test_start_cannot_move_past_a_milestones_quarter(socialbedrageri, sekretariat):
    from django.core.exceptions import ValidationError

    from kredsraad.initiatives import actions

    factories.milestone(socialbedrageri, "Afrapportering", kind="report", due_quarter="2023K1")
    socialbedrageri.starts = datetime.date(2023, 4, 1)

    with pytest.raises(ValidationError, match="milepælen »Afrapportering« \\(2023K1\\)"):
        actions.update_initiative(
            socialbedrageri,
            partners=[],
            forums=[],
            municipalities=[],
            expected_version=1,
            by=sekretariat,
        )
