# ruff: noqa: F811  (the fixtures imported from json_world are parameters by design)
"""Every free text has a length limit (core.text), refused in Danish with the field and the limit
on each way in: the edit form, the JSON API and the spreadsheet import."""

import pytest
from django.urls import reverse

from kredsraad.core.text import LONG_TEXT, TEXT, LimitedTextField
from kredsraad.initiatives.models import Initiative
from tests.api.json_world import bearer, public_initiative, published_plan  # noqa: F401
from tests.initiatives.test_initiatives import initiative_form
from tests.initiatives.test_transfer import NEW_ROW, plan_for

pytestmark = pytest.mark.django_db


def test_every_rendered_free_text_has_a_limit():
    from kredsraad.initiatives.models import Milestone, StatusUpdate
    from kredsraad.meetings.models import AgendaItem, Minutes
    from kredsraad.plans.models import ActionPlan, ActionPlanItem, FocusArea, PlanSection

    limits = {
        (model.__name__, name): model._meta.get_field(name).max_length
        for model, name in [
            (PlanSection, "body"),
            (FocusArea, "body"),
            (ActionPlan, "introduction"),
            (ActionPlanItem, "description"),
            (Initiative, "description"),
            (Milestone, "result"),
            (StatusUpdate, "text"),
            (AgendaItem, "description"),
            (AgendaItem, "proposal"),
            (AgendaItem, "decision"),
            (Minutes, "body"),
        ]
        if isinstance(model._meta.get_field(name), LimitedTextField)
    }

    assert set(limits.values()) == {LONG_TEXT, TEXT}
    assert len(limits) == 11


def test_secretariat_cannot_save_an_initiative_description_over_the_limit(
    client, sekretariat, socialbedrageri
):
    client.force_login(sekretariat)
    description = "[" * 45_312

    response = client.post(
        reverse("initiatives:initiative_edit", args=[socialbedrageri.pk]),
        initiative_form(socialbedrageri, description=description),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        "»Beskrivelse« må højst være 20.000 tegn; teksten er 45.312."
    ]
    socialbedrageri.refresh_from_db()
    assert socialbedrageri.description != description


def test_a_status_report_over_the_limit_is_refused_by_the_api(
    client, sekretariat, public_initiative
):
    report = {"period": "2023K3", "light": "challenged", "progress": 55, "text": "x" * 5_001}

    response = client.post(
        f"/api/initiatives/{public_initiative.uuid}/status-updates/",
        report,
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **bearer(sekretariat),
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "loc": ["body", "text"],
            "msg": "»Status« må højst være 5.000 tegn; teksten er 5.001.",
            "type": "invalid",
        }
    ]
    assert public_initiative.status_updates.count() == 1


def test_an_imported_description_over_the_limit_is_named_by_line_and_column(
    nordjylland, politi_nord, trygfonden
):
    row = NEW_ROW.replace(";;Nordjyllands Politi", ";" + "a" * 20_001 + ";Nordjyllands Politi")

    plan = plan_for(nordjylland, row)

    assert [(p.line, p.column, p.message) for p in plan.problems] == [
        (2, "beskrivelse", "Teksten må højst være 20.000 tegn; den er 20.001.")
    ]
