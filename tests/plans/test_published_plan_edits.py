"""A published plan is locked: its edit forms answer with the reason, in Danish, and change
nothing; ids in the address that are not ids are a 404, never a server error."""

import pytest
from django.urls import reverse

from kredsraad.plans.models import PlanSection


def _edit_forms(plan) -> list[str]:
    return [
        reverse("plans:plan_edit", args=[plan.pk]),
        reverse("plans:section_create", args=[plan.pk]),
        reverse("plans:section_edit", args=[plan.sections.first().pk]),
        reverse("plans:focus_area_create", args=[plan.pk]),
        reverse("plans:focus_area_edit", args=[plan.focus_areas.first().pk]),
    ]


def _filled(form) -> dict:
    """The form as the page shows it, with a new title: what a user sends who opened it before
    the plan was published."""
    data = {name: form[name].value() for name in form.fields}
    return {**{k: v for k, v in data.items() if v not in (None, "")}, "title": "Ny titel"}


@pytest.mark.parametrize("form", range(5))
def test_secretariat_is_told_a_published_plan_is_locked(client, sekretariat, published_2023, form):
    client.force_login(sekretariat)
    url = _edit_forms(published_2023)[form]
    data = _filled(client.get(url).context["form"])
    before = PlanSection.objects.filter(plan=published_2023).count()

    response = client.post(url, data)

    assert response.status_code == 200
    assert "kan ikke længere redigeres" in response.content.decode()
    published_2023.refresh_from_db()
    assert published_2023.title != "Ny titel"
    assert PlanSection.objects.filter(plan=published_2023).count() == before


@pytest.mark.parametrize("query", ["?med=abc", "?med=1%200", "?med=٣"])
def test_a_comparison_with_a_bad_id_is_not_found(client, sekretariat, plan_2023, query):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:compare", args=[plan_2023.pk]) + query)

    assert response.status_code == 404


def test_a_new_subsection_under_a_bad_id_is_not_found(client, sekretariat, plan_2023):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:section_create", args=[plan_2023.pk]) + "?under=x")

    assert response.status_code == 404
