"""The confirmation step (core.confirm): a step that locks, sends or publishes runs only from its
confirmation page's form, for the subject as the user saw it, and only once."""

import re
import time

from django.core import signing
from django.urls import reverse

from kredsraad.core.confirm import MAX_AGE_SECONDS, SALT, TOKEN_FIELD, token
from kredsraad.plans import actions
from kredsraad.plans.models import CooperationPlan
from tests.confirming import confirm


def _send_url(plan) -> str:
    return reverse("plans:plan_send", args=[plan.pk])


def _status(plan) -> str:
    return CooperationPlan.objects.get(pk=plan.pk).status


def _page_token(response) -> str:
    return re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', response.content.decode()).group(1)


def test_secretariat_reads_what_happens_before_anything_changes(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)

    page = client.get(_send_url(plan))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Planen får status »Til drøftelse«" in html
    assert f'name="{TOKEN_FIELD}"' in html
    assert _status(plan) == "draft"


def test_a_post_without_the_confirmation_changes_nothing(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)

    response = client.post(_send_url(plan))

    assert response.status_code == 400
    assert "Handlingen er ikke udført" in response.content.decode()
    assert _status(plan) == "draft"


def test_a_forged_token_changes_nothing(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)
    forged = token("plan-send", plan)[:-3] + "abc"

    response = client.post(_send_url(plan), {TOKEN_FIELD: forged})

    assert response.status_code == 400
    assert _status(plan) == "draft"


class _LongAgo(signing.TimestampSigner):
    """Signs as a page opened longer ago than a confirmation is trusted."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - MAX_AGE_SECONDS - 60)


def test_a_confirmation_page_left_open_too_long_is_shown_again(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)
    expired = _LongAgo(salt=SALT).sign_object(
        ["plan-send", "plans.cooperationplan", plan.pk, plan.version]
    )

    response = client.post(_send_url(plan), {TOKEN_FIELD: expired})

    assert response.status_code == 400
    assert _status(plan) == "draft"


def test_a_token_for_another_plan_or_step_changes_nothing(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    other = actions.create_plan(nordjylland, year=2031, by=sekretariat)
    client.force_login(sekretariat)

    other_plan = client.post(_send_url(plan), {TOKEN_FIELD: token("plan-send", other)})
    other_step = client.post(_send_url(plan), {TOKEN_FIELD: token("plan-roll-over", plan)})

    assert (other_plan.status_code, other_step.status_code) == (400, 400)
    assert (_status(plan), _status(other)) == ("draft", "draft")


def test_a_plan_changed_after_the_page_was_read_is_not_sent(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)
    page = client.get(_send_url(plan))
    plan.title = "Kredsrådets samarbejdsplan 2030, ny titel"
    actions.update_plan(plan, expected_version=plan.version, by=sekretariat)

    response = client.post(_send_url(plan), {TOKEN_FIELD: _page_token(page)})

    assert response.status_code == 409
    assert "Der er ændret noget" in response.content.decode()
    assert _status(plan) == "draft"


def test_a_confirmed_step_runs_once(client, sekretariat, nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)
    page = client.get(_send_url(plan))

    first = client.post(_send_url(plan), {TOKEN_FIELD: _page_token(page)})
    again = client.post(_send_url(plan), {TOKEN_FIELD: _page_token(page)})

    assert (first.status_code, first["Location"]) == (302, plan.get_absolute_url())
    assert again.status_code == 409
    assert _status(plan) == "discussion"


def test_a_second_confirmation_of_a_done_step_is_refused_by_its_state(
    client, sekretariat, nordjylland
):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)
    client.force_login(sekretariat)
    url = _send_url(plan)
    page = client.get(url)
    client.post(url, {TOKEN_FIELD: _page_token(page)})

    refused = confirm(client, url)  # a fresh page for the plan as it is now

    assert refused["Location"] == plan.get_absolute_url()
    shown = [str(m) for m in client.get(refused["Location"]).context["messages"]]
    assert shown == ["Kun en kladde kan sendes til drøftelse."]
    assert _status(plan) == "discussion"
