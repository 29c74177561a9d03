"""A plan of any shape: three heading levels, generated sections placed anywhere or left out."""

import pytest
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.document import plan_content, section_numbers
from kredsraad.plans.models import PlanSection


def _three_levels(plan, sekretariat):
    top = plan.sections.get(kind="organisation")
    middle = actions.add_section(plan, title="Lokalt", body="", parent=top, by=sekretariat)
    bottom = actions.add_section(plan, title="Nærstationer", body="", parent=middle, by=sekretariat)
    return top, middle, bottom


def test_secretariat_writes_three_heading_levels_numbered_like_the_documents(
    plan_2023, sekretariat
):
    top, middle, bottom = _three_levels(plan_2023, sekretariat)

    numbers = section_numbers(list(plan_2023.sections.all()))

    assert (numbers[top.pk], numbers[middle.pk], numbers[bottom.pk]) == ("01", "01.1", "01.1.1")


def test_plan_page_and_frozen_document_show_the_third_level(client, plan_2023, sekretariat):
    _three_levels(plan_2023, sekretariat)
    client.force_login(sekretariat)

    page = client.get(plan_2023.get_absolute_url()).content.decode()

    assert "<h5>01.1.1 Nærstationer</h5>" in page
    assert 'href="#afsnit-01.1.1"' in page


def test_secretariat_adds_a_subsection_under_a_subsection_through_the_page(
    client, plan_2023, sekretariat
):
    top = plan_2023.sections.get(kind="organisation")
    middle = actions.add_section(plan_2023, title="Lokalt", body="", parent=top, by=sekretariat)
    client.force_login(sekretariat)
    url = reverse("plans:section_create", args=[plan_2023.pk]) + f"?under={middle.pk}"

    response = client.post(url, {"title": "Tredje niveau", "kind": "text", "body": ""})

    assert response.status_code == 302
    assert middle.children.get().title == "Tredje niveau"


def test_a_fourth_heading_level_is_refused(plan_2023, sekretariat):
    _top, _middle, bottom = _three_levels(plan_2023, sekretariat)
    count = plan_2023.sections.count()

    with pytest.raises(actions.PlanStateError, match=r"højst tre overskriftsniveauer.*01\.1\.1"):
        actions.add_section(plan_2023, title="For dybt", body="", parent=bottom, by=sekretariat)

    assert plan_2023.sections.count() == count


def test_a_section_cannot_move_under_its_own_subsection(plan_2023, sekretariat):
    top, middle, _bottom = _three_levels(plan_2023, sekretariat)

    with pytest.raises(actions.PlanStateError, match="sig selv eller sine egne underafsnit"):
        actions.place_section(top, parent=middle, by=sekretariat)
    with pytest.raises(actions.PlanStateError, match="sig selv"):
        actions.place_section(top, parent=top, by=sekretariat)

    top.refresh_from_db()
    assert top.parent_id is None


def test_a_move_that_would_make_a_fourth_level_is_refused(plan_2023, sekretariat):
    _top, middle, _bottom = _three_levels(plan_2023, sekretariat)
    crime = plan_2023.sections.get(kind="crime_trends")
    sub = actions.add_section(plan_2023, title="Under", body="", parent=crime, by=sekretariat)

    # `middle` has a subsection: under 02.1 it would reach a fourth level.
    with pytest.raises(actions.PlanStateError, match="tredje overskriftsniveau"):
        actions.place_section(middle, parent=sub, by=sekretariat)

    middle.refresh_from_db()
    assert middle.parent_id == _top.pk


def test_secretariat_moves_a_section_under_another_and_numbers_follow(
    client, plan_2023, sekretariat
):
    forums = plan_2023.sections.get(kind="forums")
    crime = plan_2023.sections.get(kind="crime_trends")
    client.force_login(sekretariat)

    client.post(reverse("plans:section_place", args=[forums.pk]), {"parent": crime.pk})

    numbers = section_numbers(list(plan_2023.sections.all()))
    assert numbers[forums.pk] == "02.1"


def test_moving_under_a_descendant_through_the_page_says_why(client, plan_2023, sekretariat):
    top, middle, _bottom = _three_levels(plan_2023, sekretariat)
    client.force_login(sekretariat)

    response = client.post(
        reverse("plans:section_place", args=[top.pk]), {"parent": middle.pk}, follow=True
    )

    assert "sig selv eller sine egne underafsnit" in response.content.decode()


def test_secretariat_places_a_generated_section_at_the_second_level_and_deletes_it(
    plan_2023, sekretariat
):
    crime = plan_2023.sections.get(kind="crime_trends")

    extra = actions.add_section(
        plan_2023,
        title="Tal for indbrud",
        body="",
        kind=PlanSection.Kind.CRIME_TRENDS,
        parent=crime,
        by=sekretariat,
    )
    child = plan_content(plan_2023)["sections"][1]["children"][0]
    actions.delete_section(extra, by=sekretariat)

    assert (child["number"], child["kind"]) == ("02.1", "crime_trends")
    assert child["generated"] is not None
    assert not plan_2023.sections.filter(pk=extra.pk).exists()


def test_a_second_focus_area_section_is_refused(plan_2023, sekretariat):
    with pytest.raises(actions.PlanStateError, match="allerede et afsnit med indsatsområderne"):
        actions.add_section(
            plan_2023, title="Igen", body="", kind=PlanSection.Kind.FOCUS_AREAS, by=sekretariat
        )

    assert plan_2023.sections.filter(kind="focus_areas").count() == 1


def test_focus_areas_are_numbered_under_their_section_wherever_it_is(plan_2023, sekretariat):
    focus = plan_2023.sections.get(kind="focus_areas")
    crime = plan_2023.sections.get(kind="crime_trends")
    actions.add_section(plan_2023, title="Først", body="", parent=crime, by=sekretariat)

    actions.place_section(focus, parent=crime, by=sekretariat)

    section = plan_content(plan_2023)["sections"][1]["children"][1]
    assert [a["number"] for a in section["generated"]] == ["02.2.1", "02.2.2"]


def test_the_focus_area_section_stays_while_the_plan_has_focus_areas(plan_2023, sekretariat):
    with pytest.raises(actions.PlanStateError, match="rummer planens indsatsområder"):
        actions.delete_section(plan_2023.sections.get(kind="focus_areas"), by=sekretariat)


def test_a_plan_without_a_lokalraad_section_shows_no_handleplan_status(
    client, plan_2023, sekretariat, lokalraad_laesoe
):
    actions.delete_section(plan_2023.sections.get(kind="local_councils"), by=sekretariat)
    client.force_login(sekretariat)

    page = client.get(plan_2023.get_absolute_url()).content.decode()

    assert "<caption>Lokalrådenes handleplaner</caption>" not in page
    assert "Mangler (fristen er overskredet)" not in page
    assert "Ikke påbegyndt" not in page


def test_plan_page_queries_stay_the_same_with_more_sections_and_levels(
    client, plan_2023, sekretariat, django_assert_num_queries
):
    client.force_login(sekretariat)
    client.get(plan_2023.get_absolute_url())
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The page keeps the plan's document (plans.kept); both counts are of building it.
    cache.clear()
    with CaptureQueriesContext(connection) as before:
        client.get(plan_2023.get_absolute_url())
    _three_levels(plan_2023, sekretariat)
    actions.add_section(plan_2023, title="Mere", body="", by=sekretariat)

    cache.clear()
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(plan_2023.get_absolute_url())
