"""Each step that sends, locks or publishes a plan or a handleplan is a link to a confirmation
page that says what will happen and who will see it; only its form runs the step."""

import datetime

import pytest
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.models import CooperationPlan
from tests.confirming import confirm

from .conftest import approved


def _plan(plan) -> CooperationPlan:
    return CooperationPlan.objects.get(pk=plan.pk)


def test_the_plan_page_offers_the_steps_as_links_to_their_confirmation(
    client, sekretariat, plan_2023
):
    client.force_login(sekretariat)

    html = client.get(plan_2023.get_absolute_url()).content.decode()

    send = reverse("plans:plan_send", args=[plan_2023.pk])
    roll_over = reverse("plans:plan_roll_over", args=[plan_2023.pk])
    assert f'<a class="button button-primary" href="{send}">' in html
    assert f'href="{roll_over}"' in html
    assert f'action="{send}"' not in html
    assert f'action="{roll_over}"' not in html


@pytest.mark.parametrize(
    "name", ["plan_send", "plan_approve", "plan_publish", "plan_correct", "plan_roll_over"]
)
def test_a_step_posted_without_its_confirmation_changes_nothing(
    client, sekretariat, plan_2023, name
):
    client.force_login(sekretariat)
    before = _plan(plan_2023)

    response = client.post(
        reverse(f"plans:{name}", args=[plan_2023.pk]),
        {"approved_on": "2022-12-06", "reference": "Møde", "change_note": "Ny"},
    )

    after = _plan(plan_2023)
    assert response.status_code == 400
    assert (after.status, after.version, after.in_correction) == (
        before.status,
        before.version,
        before.in_correction,
    )
    assert not CooperationPlan.objects.filter(year=2024).exists()


def test_secretariat_sends_the_draft_for_discussion_through_the_confirmation(
    client, sekretariat, plan_2023
):
    client.force_login(sekretariat)
    url = reverse("plans:plan_send", args=[plan_2023.pk])

    page = client.get(url).content.decode()
    response = confirm(client, url)

    assert "Intet offentliggøres, og der sendes ingen e-mail." in page
    assert "Alle med en rolle i Nordjyllands Politi kan læse planen" in page
    assert response.status_code == 302
    assert _plan(plan_2023).status == "discussion"


def test_secretariat_records_the_approval_with_date_and_reference_on_the_confirmation(
    client, sekretariat, plan_2023
):
    actions.send_for_discussion(plan_2023, by=sekretariat)
    client.force_login(sekretariat)
    url = reverse("plans:plan_approve", args=[plan_2023.pk])

    page = client.get(url).content.decode()
    response = confirm(
        client, url, {"approved_on": "2022-12-06", "reference": "Kredsrådets møde 6.12.2022"}
    )

    assert 'name="approved_on"' in page and 'type="date"' in page
    assert "Planen låses" in page
    assert response.status_code == 302
    plan = _plan(plan_2023)
    assert (plan.status, plan.approved_on) == ("approved", datetime.date(2022, 12, 6))


def test_secretariat_is_told_where_the_published_plan_can_be_seen(
    client, sekretariat, plan_2023, kredsraad_nord
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    client.force_login(sekretariat)
    url = reverse("plans:plan_publish", args=[plan_2023.pk])
    public = reverse("publishing:public_plan", args=[plan_2023.district.slug, plan_2023.uuid])

    page = client.get(url).content.decode()
    response = confirm(client, url)

    assert (
        f"Planen offentliggøres som version 1 på http://testserver{public} og kan ses af alle."
        in page
    )
    assert "Versionen låses; rettelser offentliggøres som en ny version." in page
    assert response.status_code == 302
    assert _plan(plan_2023).status == "published"
    assert plan_2023.versions.count() == 1


def test_a_correction_is_published_only_with_a_change_note(client, sekretariat, published_2023):
    actions.start_correction(published_2023, by=sekretariat)
    client.force_login(sekretariat)
    url = reverse("plans:plan_publish", args=[published_2023.pk])

    without = confirm(client, url, {"change_note": ""})
    with_note = confirm(client, url, {"change_note": "Rettet stavefejl i afsnit 2."})

    assert without.status_code == 400
    assert without.context["form"].errors == {
        "change_note": ["Skriv en ændringsnote, der forklarer rettelsen."]
    }
    assert with_note.status_code == 302
    assert list(published_2023.versions.values_list("number", "change_note")) == [
        (2, "Rettet stavefejl i afsnit 2."),
        (1, ""),
    ]


def test_secretariat_opens_a_correction_through_the_confirmation(
    client, sekretariat, published_2023
):
    client.force_login(sekretariat)
    url = reverse("plans:plan_correct", args=[published_2023.pk])

    page = client.get(url).content.decode()
    confirm(client, url)

    assert "Den offentliggjorte version 1 bliver stående uændret og offentlig" in page
    assert _plan(published_2023).in_correction


def test_the_roll_over_says_what_it_copies(client, sekretariat, published_2023):
    client.force_login(sekretariat)
    url = reverse("plans:plan_roll_over", args=[published_2023.pk])
    sections = published_2023.sections.count()

    page = client.get(url).content.decode()
    response = confirm(client, url)

    assert "Opret samarbejdsplan 2024 ud fra 2023" in page
    assert f"kopierer {sections} afsnit, 2 indsatsområder, 0 mål" in page
    new = CooperationPlan.objects.get(district=published_2023.district, year=2024)
    assert response["Location"] == new.get_absolute_url()


def test_a_second_roll_over_is_warned_of_and_refused(client, sekretariat, published_2023):
    client.force_login(sekretariat)
    url = reverse("plans:plan_roll_over", args=[published_2023.pk])
    confirm(client, url)

    page = client.get(url).content.decode()
    confirm(client, url)

    assert "Der findes allerede en plan for 2024" in page
    assert CooperationPlan.objects.filter(district=published_2023.district, year=2024).count() == 1


def test_koordinator_adopts_and_the_secretariat_publishes_a_handleplan_through_confirmations(
    client, sekretariat, koordinator_hjoerring, published_2023, lokalraad_hjoerring
):
    action_plan = actions.create_action_plan(
        lokalraad_hjoerring, plan=published_2023, by=koordinator_hjoerring
    )
    actions.add_item(action_plan, title="Tryghedsvandring", by=koordinator_hjoerring)
    client.force_login(koordinator_hjoerring)
    adopt = reverse("plans:action_plan_adopt", args=[action_plan.pk])
    publish = reverse("plans:action_plan_publish", args=[action_plan.pk])

    unconfirmed = client.post(adopt, {"adopted_on": "2023-01-25"})
    confirm(client, adopt, {"adopted_on": "2023-01-25"})
    page = client.get(publish).content.decode()
    confirm(client, publish)

    assert unconfirmed.status_code == 400
    assert "Handleplanen offentliggøres på http://testserver/offentlig/" in page
    action_plan.refresh_from_db()
    assert (action_plan.status, action_plan.adopted_on) == (
        "published",
        datetime.date(2023, 1, 25),
    )
