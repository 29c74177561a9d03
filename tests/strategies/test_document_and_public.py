"""What the public and the plan's document read of a strategy: only published versions, as
frozen; the yearly plan carries the strategy's goals and this year's contribution."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.api.auth import create_token
from kredsraad.goals.models import Goal
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.document import plan_content
from kredsraad.publishing.documents.plan import plan_document
from kredsraad.strategies import actions
from kredsraad.strategies.models import DASH

from .conftest import add_goal


def _public_url(strategy, number=None):
    if number:
        return reverse(
            "publishing:public_strategy_version",
            args=[strategy.district.slug, strategy.uuid, number],
        )
    return reverse("publishing:public_strategy", args=[strategy.district.slug, strategy.uuid])


def test_the_plans_content_carries_the_strategy_and_this_years_contribution(
    sekretariat, plan_2023, published_strategy, politi_nord
):
    actions.link_plan(plan_2023, strategy=published_strategy, by=sekretariat)
    strategy_goal = published_strategy.goals.get()
    area = plan_2023.focus_areas.get()
    add_goal(
        area,
        politi_nord,
        sekretariat,
        statement="20 tryghedsvandringer i 2023",
        deadline="2023K4",
        target="20",
        contributes_to=strategy_goal,
    )

    content = plan_content(plan_2023)

    assert content["strategy"]["title"] == published_strategy.title
    assert content["strategy"]["period"] == f"2023{DASH}2026"
    assert content["strategy"]["url"] == _public_url(published_strategy)
    assert [g["statement"] for g in content["strategy"]["goals"]] == [strategy_goal.statement]
    assert content["strategy"]["contributions"] == [
        {"strategy_goal_id": strategy_goal.pk, "goals": ["20 tryghedsvandringer i 2023"]}
    ]


def test_a_plan_without_a_strategy_says_so(plan_2023):
    assert plan_content(plan_2023)["strategy"] is None


def test_the_published_plan_keeps_the_strategy_it_was_published_with(
    sekretariat, kredsraad_nord, plan_2023, published_strategy
):
    actions.link_plan(plan_2023, strategy=published_strategy, by=sekretariat)
    plan_actions.send_for_discussion(plan_2023, by=sekretariat)
    plan_actions.approve_plan(
        plan_2023,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="M",
        by=sekretariat,
    )
    version = plan_actions.publish_plan(plan_2023, by=sekretariat)
    actions.start_correction(published_strategy, by=sekretariat)
    Goal.objects.filter(strategy=published_strategy).update(statement="Ændret bagefter")

    version.refresh_from_db()
    assert version.content["strategy"]["goals"][0]["statement"] == (
        "Flere deltagere i tryghedsvandringer"
    )
    assert f"Strategi 2023{DASH}2026" in version.html


def test_visitor_reads_the_published_strategy(client, published_strategy):
    response = client.get(_public_url(published_strategy))

    assert response.status_code == 200
    assert published_strategy.versions.get().html in response.content.decode()


def test_visitor_reads_the_published_version_not_the_correction(
    client, sekretariat, published_strategy
):
    actions.start_correction(published_strategy, by=sekretariat)
    actions.update_strategy(
        published_strategy,
        title="Kladde til rettelse",
        first_year=2023,
        last_year=2026,
        body="",
        expected_version=published_strategy.version,
        by=sekretariat,
    )

    page = client.get(_public_url(published_strategy)).content.decode()
    district_page = client.get(
        reverse("publishing:public_district", args=["nordjyllands-politi"])
    ).content.decode()

    assert "Kladde til rettelse" not in page
    assert "Kladde til rettelse" not in district_page
    assert published_strategy.versions.get().content["title"] in district_page


def test_a_draft_strategy_is_not_public(client, strategy):
    assert client.get(_public_url(strategy)).status_code == 404


def test_an_approved_strategy_is_not_public_before_it_is_published(client, sekretariat, strategy):
    actions.approve_strategy(
        strategy, on=datetime.date(2023, 1, 10), reference="Møde", by=sekretariat
    )

    assert client.get(_public_url(strategy)).status_code == 404


def test_a_strategy_is_not_found_under_another_district(client, published_strategy):
    url = reverse(
        "publishing:public_strategy", args=["midt-og-vestjyllands-politi", published_strategy.uuid]
    )

    assert client.get(url).status_code == 404


def test_visitor_reads_an_earlier_version(client, sekretariat, published_strategy):
    actions.start_correction(published_strategy, by=sekretariat)
    actions.publish_strategy(published_strategy, change_note="Rettet.", by=sekretariat)

    response = client.get(_public_url(published_strategy, 1))

    assert response.status_code == 200
    assert "afløst af en nyere version" in response.content.decode()


# The JSON API ----------------------------------------------------------------------------------


def _bearer(user):
    _token, secret = create_token(user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_api_shows_the_public_only_published_strategies(
    client, published_strategy, nordjylland, sekretariat
):
    actions.create_strategy(
        nordjylland, title="Kladde", first_year=2027, last_year=2030, by=sekretariat
    )

    listed = client.get("/api/strategies/").json()

    assert [s["title"] for s in listed["results"]] == [published_strategy.title]
    assert listed["results"][0]["first_year"] == 2023


def test_the_api_shows_a_signed_in_user_the_drafts_of_their_district(
    client, sekretariat, strategy, strategy_midtvest
):
    listed = client.get("/api/strategies/", **_bearer(sekretariat)).json()

    assert [s["title"] for s in listed["results"]] == [strategy.title]


def test_the_api_detail_of_a_draft_is_not_found_for_the_public(client, strategy):
    response = client.get(f"/api/strategies/{strategy.uuid}/")

    assert response.status_code == 404


def test_the_api_detail_is_the_frozen_version_for_the_public(
    client, sekretariat, published_strategy
):
    actions.start_correction(published_strategy, by=sekretariat)
    actions.update_strategy(
        published_strategy,
        title="Kladde til rettelse",
        first_year=2023,
        last_year=2027,
        body="",
        expected_version=published_strategy.version,
        by=sekretariat,
    )

    public = client.get(f"/api/strategies/{published_strategy.uuid}/").json()
    inside = client.get(
        f"/api/strategies/{published_strategy.uuid}/", **_bearer(sekretariat)
    ).json()

    assert (public["title"], public["last_year"]) == (f"Tryghed i Nordjylland 2023{DASH}2026", 2026)
    assert public["content"]["goals"][0]["statement"] == "Flere deltagere i tryghedsvandringer"
    assert (inside["title"], inside["last_year"]) == ("Kladde til rettelse", 2027)


def test_the_api_filters_by_year(client, published_strategy):
    assert client.get("/api/strategies/?year=2025").json()["count"] == 1
    assert client.get("/api/strategies/?year=2027").json()["count"] == 0


def test_a_plan_tied_to_an_unpublished_strategy_is_not_published(
    sekretariat, kredsraad_nord, plan_2023, strategy
):
    actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)
    plan_actions.send_for_discussion(plan_2023, by=sekretariat)
    plan_actions.approve_plan(
        plan_2023,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="M",
        by=sekretariat,
    )

    with pytest.raises(plan_actions.PlanStateError) as refused:
        plan_actions.publish_plan(plan_2023, by=sekretariat)

    assert str(refused.value) == (
        f"Planen hører til strategien »Tryghed i Nordjylland 2023{DASH}2026«, som ikke er "
        "offentliggjort. Offentliggør strategien først, eller fjern planens kobling til den."
    )
    assert not plan_2023.versions.exists()


def test_the_api_list_query_count_does_not_grow(client, sekretariat, nordjylland, strategy):
    headers = _bearer(sekretariat)
    client.get("/api/strategies/", **headers)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/strategies/", **headers)
    for first in (2027, 2031):
        actions.create_strategy(
            nordjylland, title=f"S {first}", first_year=first, last_year=first + 2, by=sekretariat
        )

    with CaptureQueriesContext(connection) as three:
        listed = client.get("/api/strategies/", **headers).json()

    assert listed["count"] == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_public_district_page_query_count_does_not_grow_with_strategies(
    client, sekretariat, published_strategy, nordjylland
):
    url = reverse("publishing:public_district", args=[nordjylland.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for first in (2027, 2031):
        later = actions.create_strategy(
            nordjylland, title=f"S {first}", first_year=first, last_year=first + 2, by=sekretariat
        )
        actions.approve_strategy(
            later, on=datetime.date(2023, 1, 10), reference="Møde", by=sekretariat
        )
        actions.publish_strategy(later, by=sekretariat)

    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()

    assert "S 2031" in page
    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_plans_pdf_and_word_show_the_strategy_and_this_years_contribution(
    sekretariat, kredsraad_nord, plan_2023, published_strategy, politi_nord
):
    actions.link_plan(plan_2023, strategy=published_strategy, by=sekretariat)
    add_goal(
        plan_2023.focus_areas.get(),
        politi_nord,
        sekretariat,
        statement="20 tryghedsvandringer i 2023",
        deadline="2023K4",
        target="20",
        contributes_to=published_strategy.goals.get(),
    )
    plan_actions.send_for_discussion(plan_2023, by=sekretariat)
    plan_actions.approve_plan(
        plan_2023,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="M",
        by=sekretariat,
    )
    version = plan_actions.publish_plan(plan_2023, by=sekretariat)

    blocks = plan_document(version).blocks

    assert blocks[0].text == f"Strategi 2023{DASH}2026"
    assert blocks[2].items[-1] == "Årets bidrag: 20 tryghedsvandringer i 2023"
