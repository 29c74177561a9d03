"""The strategy pages: the district's list, the strategy with its goals and plans, the edit
form's refusals, the lifecycle buttons, a version, and the choice of strategy on a plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.strategies import actions
from kredsraad.strategies.models import DASH, Strategy
from tests.confirming import confirm

from .conftest import add_goal, approve


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_sekretariat_reads_the_districts_strategies(client, sekretariat, strategy):
    client.force_login(sekretariat)

    response = client.get(reverse("strategies:strategies", args=["nordjyllands-politi"]))

    assert response.status_code == 200
    assert strategy.title in response.content.decode()


def test_strategy_list_query_count_does_not_grow(client, sekretariat, nordjylland, strategy):
    client.force_login(sekretariat)
    url = reverse("strategies:strategies", args=[nordjylland.slug])
    client.get(url)
    one = _queries(client, url)
    for first in (2027, 2031):
        actions.create_strategy(
            nordjylland,
            title=f"Strategi {first}",
            first_year=first,
            last_year=first + 3,
            by=sekretariat,
        )

    assert _queries(client, url) == one


def test_strategy_page_query_count_does_not_grow_with_goals(
    client, sekretariat, strategy, politi_nord, plan_2023
):
    actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)
    add_goal(strategy, politi_nord, sekretariat, statement="Mål 1")
    client.force_login(sekretariat)
    url = strategy.get_absolute_url()
    client.get(url)
    one = _queries(client, url)
    add_goal(strategy, politi_nord, sekretariat, statement="Mål 2")
    add_goal(strategy, politi_nord, sekretariat, statement="Mål 3")

    three = _queries(client, url)

    assert three == one
    page = client.get(url).content.decode()
    assert all(f"Mål {n}" in page for n in (1, 2, 3))
    assert plan_2023.title in page


def test_another_districts_strategy_is_not_found(client, sekretariat_midtvest, strategy):
    client.force_login(sekretariat_midtvest)

    assert client.get(strategy.get_absolute_url()).status_code == 404
    assert client.get(reverse("strategies:strategy_edit", args=[strategy.pk])).status_code == 404


def test_raadsmedlem_reads_but_cannot_edit(client, raadsmedlem, strategy):
    client.force_login(raadsmedlem)

    assert client.get(strategy.get_absolute_url()).status_code == 200
    assert client.get(reverse("strategies:strategy_edit", args=[strategy.pk])).status_code == 404


def test_visitor_is_sent_to_login(client, strategy):
    assert client.get(strategy.get_absolute_url()).status_code == 302


def test_sekretariat_creates_a_strategy_on_the_form(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.post(
        reverse("strategies:strategy_create", args=[nordjylland.slug]),
        {"title": "Tryghed 2023-2026", "first_year": "2023", "last_year": "2026", "body": ""},
    )

    strategy = Strategy.objects.get()
    assert response.status_code == 302
    assert (strategy.district, strategy.period_label) == (nordjylland, f"2023{DASH}2026")


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2026", "2023", "Sidste år (2023) ligger før første år (2026)."),
        ("2023", "2040", f"En strategi dækker højst 10 år; 2023{DASH}2040 er 18 år."),
    ],
)
def test_a_bad_period_on_the_form_is_explained(client, sekretariat, strategy, first, last, message):
    client.force_login(sekretariat)

    response = client.post(
        reverse("strategies:strategy_edit", args=[strategy.pk]),
        {
            "title": "Ny titel",
            "first_year": first,
            "last_year": last,
            "body": "",
            "version": strategy.version,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["last_year"] == [message]
    strategy.refresh_from_db()
    assert strategy.title == f"Tryghed i Nordjylland 2023{DASH}2026"


def test_sekretariat_approves_and_publishes_on_the_page(client, sekretariat, strategy):
    client.force_login(sekretariat)

    confirm(
        client,
        reverse("strategies:strategy_approve", args=[strategy.pk]),
        {"approved_on": "2023-01-10", "reference": "Kredsrådets møde 1/2023"},
    )
    confirm(client, reverse("strategies:strategy_publish", args=[strategy.pk]))

    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.PUBLISHED
    version = strategy.versions.get()
    response = client.get(reverse("strategies:version", args=[strategy.pk, 1]))
    assert response.status_code == 200
    assert version.html in response.content.decode()


def test_an_approval_without_a_reference_changes_nothing(client, sekretariat, strategy):
    client.force_login(sekretariat)

    response = confirm(
        client,
        reverse("strategies:strategy_approve", args=[strategy.pk]),
        {"approved_on": "2023-01-10", "reference": ""},
    )

    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DRAFT
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reference": ["Angiv en reference til godkendelsen, fx mødet og punktet."]
    }


def test_a_correction_without_a_note_is_refused_on_the_page(
    client, sekretariat, published_strategy
):
    actions.start_correction(published_strategy, by=sekretariat)
    client.force_login(sekretariat)

    response = confirm(
        client,
        reverse("strategies:strategy_publish", args=[published_strategy.pk]),
        {"change_note": ""},
    )

    assert response.status_code == 400
    assert "Skriv en ændringsnote, der forklarer rettelsen." in response.content.decode()
    assert published_strategy.versions.count() == 1


def test_sekretariat_adds_a_goal_to_the_strategy(client, sekretariat, strategy, politi_nord):
    client.force_login(sekretariat)

    response = client.post(
        reverse("strategies:goal_create", args=[strategy.pk]),
        {
            "statement": "Flere tryghedsvandringer",
            "direction": "up",
            "target": "40",
            "baseline_period": "2022",
            "deadline": "2026",
            "source": "reported",
            "reported_by": politi_nord.pk,
            "unit": "count",
        },
    )

    assert response.status_code == 302
    assert [g.statement for g in strategy.goals.all()] == ["Flere tryghedsvandringer"]


# The yearly plan's strategy ------------------------------------------------------------------


def test_sekretariat_ties_the_plan_to_a_strategy_on_the_plan_page(
    client, sekretariat, plan_2023, strategy
):
    client.force_login(sekretariat)
    page = client.get(plan_2023.get_absolute_url()).content.decode()
    assert strategy.title in page  # offered in the select

    client.post(reverse("strategies:plan_strategy", args=[plan_2023.pk]), {"strategy": strategy.pk})

    plan_2023.refresh_from_db()
    assert plan_2023.strategy == strategy
    page = client.get(plan_2023.get_absolute_url()).content.decode()
    assert f"Strategi 2023{DASH}2026" in page


def test_a_strategy_outside_the_plans_year_is_refused_on_the_page(
    client, sekretariat, plan_2023, nordjylland
):
    later = actions.create_strategy(
        nordjylland, title="Senere", first_year=2025, last_year=2028, by=sekretariat
    )
    client.force_login(sekretariat)

    response = client.post(
        reverse("strategies:plan_strategy", args=[plan_2023.pk]),
        {"strategy": later.pk},
        follow=True,
    )

    assert "ligger uden for strategiens periode" in response.content.decode()
    plan_2023.refresh_from_db()
    assert plan_2023.strategy is None


def test_another_districts_strategy_cannot_be_chosen(
    client, sekretariat, plan_2023, strategy_midtvest
):
    client.force_login(sekretariat)

    client.post(
        reverse("strategies:plan_strategy", args=[plan_2023.pk]), {"strategy": strategy_midtvest.pk}
    )

    plan_2023.refresh_from_db()
    assert plan_2023.strategy is None


def test_approved_strategy_has_no_edit_button(client, sekretariat, strategy):
    approve(strategy, sekretariat)
    client.force_login(sekretariat)

    page = client.get(strategy.get_absolute_url()).content.decode()

    assert reverse("strategies:strategy_edit", args=[strategy.pk]) not in page


# Everyone with a role in Nordjylland reads its strategies; the secretariat and the
# administrators edit them; another district's secretariat and a user without a role get 404.
READS = [
    "sekretariat",
    "analytiker",
    "raadsmedlem",
    "koordinator_laesoe",
    "koordinator_hjoerring",
    "administrator",
]
EDITS = ["sekretariat", "administrator"]
STRATEGY_PAGES = [
    ("strategies:strategy", READS),
    ("strategies:strategy_edit", EDITS),
    ("strategies:goal_create", EDITS),
]


@pytest.mark.parametrize("persona", [*READS, "sekretariat_midtvest", "uden_rolle"])
@pytest.mark.parametrize(("name", "allowed"), STRATEGY_PAGES)
def test_every_role_sees_exactly_its_strategies(client, request, strategy, persona, name, allowed):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse(name, args=[strategy.pk]))

    assert response.status_code == (200 if persona in allowed else 404)
