# ruff: noqa: F811  (the fixtures imported from json_world are parameters by design)
"""Each resource as an anonymous reader, as a token of someone in the district, and as a token
of someone in another district: what is published is read by all, the rest only inside."""

import pytest

from kredsraad.councils.models import Council
from kredsraad.plans.models import ActionPlan
from tests import factories

from .json_world import (  # noqa: F401
    bearer,
    draft_plan,
    draft_plan_midtvest,
    initiative_midtvest,
    internal_meeting,
    local_initiative,
    public_initiative,
    public_meeting,
    published_plan,
)

pytestmark = pytest.mark.django_db


def uuids(response) -> set[str]:
    return {row["uuid"] for row in response.json()["results"]}


def test_visitor_reads_the_registry_without_email_addresses(client, kredsraad_nord, politi_nord):
    person = factories.person(
        title="Politidirektør", name="Anne Holm", organisation=politi_nord, email="ah@politi.dk"
    )
    seat = factories.membership(kredsraad_nord, person)

    districts = client.get("/api/districts/")
    municipalities = client.get("/api/municipalities/?district=nordjyllands-politi")
    councils = client.get("/api/councils/?district=nordjyllands-politi&kind=district")
    memberships = client.get(f"/api/memberships/?council={kredsraad_nord.pk}")

    assert districts.json()["count"] == 12
    assert municipalities.json()["count"] == 9
    assert [c["name"] for c in councils.json()["results"]] == [kredsraad_nord.name]
    assert memberships.json()["results"][0]["id"] == seat.pk
    assert memberships.json()["results"][0]["person"] == "Anne Holm"
    assert b"ah@politi.dk" not in memberships.content


def test_visitor_sees_only_published_plans_in_their_frozen_form(client, published_plan, draft_plan):
    listed = client.get("/api/plans/")
    detail = client.get(f"/api/plans/{published_plan.uuid}/")
    draft = client.get(f"/api/plans/{draft_plan.uuid}/")

    assert uuids(listed) == {str(published_plan.uuid)}
    assert detail.json()["published_version"] == 1
    assert detail.json()["content"] == published_plan.versions.get().content
    assert draft.status_code == 404
    assert draft.json()["detail"] == "Findes ikke, eller du har ikke adgang."


def test_raadsmedlem_with_token_also_sees_the_districts_draft(
    client, raadsmedlem, published_plan, draft_plan, draft_plan_midtvest
):
    headers = bearer(raadsmedlem)

    listed = client.get("/api/plans/", **headers)
    draft = client.get(f"/api/plans/{draft_plan.uuid}/", **headers)
    other = client.get(f"/api/plans/{draft_plan_midtvest.uuid}/", **headers)

    assert uuids(listed) == {str(published_plan.uuid), str(draft_plan.uuid)}
    assert draft.json()["status"] == "draft"
    assert draft.json()["versions"] == []
    assert other.status_code == 404


def test_another_districts_token_sees_only_what_is_published_in_nordjylland(
    client, sekretariat_midtvest, published_plan, draft_plan, draft_plan_midtvest
):
    listed = client.get("/api/plans/?district=nordjyllands-politi", **bearer(sekretariat_midtvest))

    assert uuids(listed) == {str(published_plan.uuid)}


def test_focus_areas_of_a_published_plan_are_public_and_a_drafts_are_not(
    client, sekretariat, published_plan, draft_plan
):
    from kredsraad.plans import actions

    hidden = actions.add_focus_area(draft_plan, title="Kladdeområde", body="", by=sekretariat)

    anonymous = client.get("/api/focus-areas/")
    inside = client.get("/api/focus-areas/", **bearer(sekretariat))
    direct = client.get(f"/api/focus-areas/{hidden.pk}/")

    assert [f["title"] for f in anonymous.json()["results"]] == ["Tryghed i nattelivet"]
    assert {f["title"] for f in inside.json()["results"]} == {
        "Tryghed i nattelivet",
        "Kladdeområde",
    }
    assert direct.status_code == 404


def test_visitor_sees_initiatives_serving_a_published_plan_without_the_status_text(
    client, public_initiative, local_initiative
):
    listed = client.get("/api/initiatives/")
    updates = client.get(f"/api/initiatives/{public_initiative.uuid}/status-updates/")
    local = client.get(f"/api/initiatives/{local_initiative.uuid}/")

    assert uuids(listed) == {str(public_initiative.uuid)}
    assert listed.json()["results"][0]["latest_status"] == {
        "period": "2023K2",
        "light": "on_track",
        "progress": 40,
    }
    assert updates.json()["results"][0]["text"] is None
    assert updates.json()["results"][0]["author"] is None
    assert local.status_code == 404


def test_visitor_reads_milestones_without_their_result_and_the_sekretariat_with_it(
    client, sekretariat, public_initiative
):
    import datetime

    factories.milestone(
        public_initiative,
        "Evaluering af nattevagterne",
        due_date=datetime.date(2023, 6, 30),
        done_on=datetime.date(2023, 6, 1),
        result="Intern vurdering: færre anmeldelser end ventet.",
    )
    url = f"/api/initiatives/{public_initiative.uuid}/milestones/"

    anonymous = client.get(url)
    inside = client.get(url, **bearer(sekretariat))

    assert anonymous.json()["results"][0]["done_on"] == "2023-06-01"
    assert anonymous.json()["results"][0]["result"] is None
    assert b"Intern vurdering" not in anonymous.content
    assert inside.json()["results"][0]["result"] == (
        "Intern vurdering: færre anmeldelser end ventet."
    )


def test_koordinator_reads_their_local_initiative_and_the_status_text(
    client, koordinator_hjoerring, public_initiative, local_initiative, initiative_midtvest
):
    headers = bearer(koordinator_hjoerring)

    listed = client.get("/api/initiatives/", **headers)
    updates = client.get(f"/api/initiatives/{public_initiative.uuid}/status-updates/", **headers)
    other = client.get(f"/api/initiatives/{initiative_midtvest.uuid}/milestones/", **headers)

    assert uuids(listed) == {str(public_initiative.uuid), str(local_initiative.uuid)}
    assert updates.json()["results"][0]["text"] == "Intern vurdering."
    assert other.status_code == 404


def test_visitor_sees_public_meetings_and_only_their_open_items(
    client, public_meeting, internal_meeting
):
    listed = client.get("/api/meetings/")
    detail = client.get(f"/api/meetings/{public_meeting.uuid}/")
    internal = client.get(f"/api/meetings/{internal_meeting.uuid}/")

    assert uuids(listed) == {str(public_meeting.uuid)}
    assert [i["title"] for i in detail.json()["items"]] == ["Åbent punkt"]
    assert b"Lukket punkt" not in detail.content
    assert internal.status_code == 404


def test_raadsmedlem_sees_the_closed_item_and_another_district_does_not(
    client, raadsmedlem, sekretariat_midtvest, public_meeting, internal_meeting
):
    inside = client.get(f"/api/meetings/{public_meeting.uuid}/", **bearer(raadsmedlem))
    internal = client.get(f"/api/meetings/{internal_meeting.uuid}/", **bearer(raadsmedlem))
    outside = client.get(f"/api/meetings/{public_meeting.uuid}/", **bearer(sekretariat_midtvest))
    hidden = client.get(f"/api/meetings/{internal_meeting.uuid}/", **bearer(sekretariat_midtvest))

    assert [i["title"] for i in inside.json()["items"]] == ["Åbent punkt", "Lukket punkt om en sag"]
    assert internal.status_code == 200
    assert [i["title"] for i in outside.json()["items"]] == ["Åbent punkt"]
    assert hidden.status_code == 404


def test_handleplaner_are_public_once_published(
    client, koordinator_hjoerring, sekretariat, draft_plan
):
    from kredsraad.plans import actions

    council = Council.objects.get(municipality__code=860)
    action_plan = actions.create_action_plan(council, plan=draft_plan, by=sekretariat)

    anonymous = client.get(f"/api/action-plans/{action_plan.uuid}/")
    koordinator = client.get(
        f"/api/action-plans/{action_plan.uuid}/", **bearer(koordinator_hjoerring)
    )

    assert anonymous.status_code == 404
    assert koordinator.json()["municipality"] == 860


def test_unknown_ids_and_bad_filters_answer_json(client):
    missing = client.get("/api/initiatives/00000000-0000-0000-0000-000000000000/")
    not_uuid = client.get("/api/plans/17/")
    bad_year = client.get("/api/plans/?year=tyve")
    bad_district = client.get("/api/initiatives/?district=atlantis")

    assert missing.status_code == 404
    assert missing.json()["detail"] == "Findes ikke, eller du har ikke adgang."
    assert not_uuid.status_code == 422
    assert bad_year.status_code == 422
    assert bad_year.json()["errors"][0]["loc"] == ["query", "year"]
    assert bad_district.status_code == 422
    assert "»atlantis«" in bad_district.json()["detail"]


@pytest.fixture
def plan_under_correction(published_plan, sekretariat):
    """The published 2023 plan, being corrected: renamed, its focus area renamed and a new
    focus area added. None of it is published yet."""
    from kredsraad.plans import actions

    actions.start_correction(published_plan, by=sekretariat)
    published_plan.refresh_from_db()
    published_plan.title = "Kladdetitel under rettelse"
    actions.update_plan(published_plan, expected_version=published_plan.version, by=sekretariat)
    area = published_plan.focus_areas.get()
    area.title = "Kladdeområde under rettelse"
    area.body = "Kladdetekst"
    actions.update_focus_area(area, expected_version=area.version, by=sekretariat)
    actions.add_focus_area(published_plan, title="Nyt kladdeområde", body="", by=sekretariat)
    return published_plan


def test_visitor_reads_a_plan_under_correction_as_it_was_published(client, plan_under_correction):
    plan = plan_under_correction
    published = plan.versions.get().content

    listed = client.get("/api/plans/")
    detail = client.get(f"/api/plans/{plan.uuid}/")
    areas = client.get("/api/focus-areas/")
    area = client.get(f"/api/focus-areas/{plan.focus_areas.get(position=1).pk}/")
    added = client.get(f"/api/focus-areas/{plan.focus_areas.get(position=2).pk}/")

    assert [p["title"] for p in listed.json()["results"]] == [published["title"]]
    assert detail.json()["title"] == published["title"]
    assert detail.json()["content"] == published
    assert [a["title"] for a in areas.json()["results"]] == ["Tryghed i nattelivet"]
    assert area.json()["title"] == "Tryghed i nattelivet"
    assert area.json()["themes"] == ["nightlife"]
    assert area.json()["body"] is None
    assert added.status_code == 404
    for response in (listed, detail, areas, area):
        assert b"Kladde" not in response.content


def test_sekretariat_reads_the_plan_under_correction_as_it_is_now(
    client, sekretariat, plan_under_correction
):
    headers = bearer(sekretariat)
    plan = plan_under_correction

    detail = client.get(f"/api/plans/{plan.uuid}/", **headers)
    areas = client.get(f"/api/focus-areas/?plan={plan.uuid}", **headers)

    assert detail.json()["title"] == "Kladdetitel under rettelse"
    assert detail.json()["content"]["title"] == "Kladdetitel under rettelse"
    assert detail.json()["published_version"] == 1
    assert [(a["title"], a["body"]) for a in areas.json()["results"]] == [
        ("Kladdeområde under rettelse", "Kladdetekst"),
        ("Nyt kladdeområde", ""),
    ]


def test_visitor_still_finds_the_initiatives_of_a_plan_under_correction(
    client, public_initiative, sekretariat
):
    from kredsraad.plans import actions
    from kredsraad.publishing import public

    plan = public_initiative.focus_areas.get().plan
    actions.start_correction(plan, by=sekretariat)

    listed = client.get("/api/initiatives/")
    areas = client.get("/api/focus-areas/")

    assert uuids(listed) == {str(public_initiative.uuid)}
    assert {i.uuid for i in public.public_initiatives(plan.district)} == {public_initiative.uuid}
    assert [a["title"] for a in areas.json()["results"]] == ["Tryghed i nattelivet"]


def test_a_published_handleplan_of_an_unpublished_plan_is_not_public(
    client, sekretariat, draft_plan
):
    import datetime

    from kredsraad.plans import actions
    from kredsraad.publishing import public

    council = Council.objects.get(municipality__code=860)
    action_plan = actions.create_action_plan(council, plan=draft_plan, by=sekretariat)
    actions.add_item(action_plan, title="Tryghedsvandring", by=sekretariat)
    actions.adopt_action_plan(action_plan, on=datetime.date.today(), by=sekretariat)
    # publish_action_plan refuses this now; rows from before that rule may still say it.
    ActionPlan.objects.filter(pk=action_plan.pk).update(status=ActionPlan.Status.PUBLISHED)

    listed = client.get("/api/action-plans/")
    detail = client.get(f"/api/action-plans/{action_plan.uuid}/")
    oparl = client.get(f"/oparl/v1/paper/{action_plan.uuid}")

    assert list(public.published_action_plans(draft_plan.district)) == []
    assert listed.json()["results"] == []
    assert detail.status_code == 404
    assert oparl.status_code == 404


def test_an_initiative_serving_only_an_area_a_correction_added_is_not_public_yet(
    client, public_initiative, plan_under_correction, nordjylland, politi_nord
):
    from kredsraad.publishing import public

    added = plan_under_correction.focus_areas.get(position=2)
    waiting = factories.initiative(
        "Indsats i det nye område", district=nordjylland, lead=politi_nord, focus_areas=[added]
    )

    listed = client.get("/api/initiatives/")
    detail = client.get(f"/api/initiatives/{waiting.uuid}/")

    assert uuids(listed) == {str(public_initiative.uuid)}
    assert {i.uuid for i in public.public_initiatives(nordjylland)} == {public_initiative.uuid}
    assert detail.status_code == 404
