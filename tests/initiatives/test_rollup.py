"""Progress rolls up: an initiative's is its latest report, a focus area's the weighted
average of its reporting initiatives, a plan's the weighted average of all its initiatives."""

from decimal import Decimal

from kredsraad.initiatives.queries import (
    progress_of_focus_areas,
    progress_of_initiative,
    progress_of_plan,
    weighted_progress,
)
from kredsraad.plans import actions as plan_actions
from tests import factories


def test_weighted_average_counts_weights_and_leaves_out_the_unreported():
    assert weighted_progress([(1, 50), (3, 10)]) == Decimal("20.0")
    assert weighted_progress([(1, 50), (5, None)]) == Decimal("50.0")
    assert weighted_progress([(1, 10), (1, 15), (1, 15)]) == Decimal("13.3")
    assert weighted_progress([(2, None)]) is None
    assert weighted_progress([]) is None


def test_weight_zero_leaves_an_initiative_out_of_the_roll_up():
    assert weighted_progress([(0, 90), (1, 30)]) == Decimal("30.0")
    assert weighted_progress([(0, 90)]) is None


def test_latest_period_counts_then_the_latest_report_for_it(socialbedrageri, sekretariat):
    factories.status_update(socialbedrageri, period="2023K2", progress=80, author=sekretariat)
    factories.status_update(socialbedrageri, period="2023K1", progress=30, author=sekretariat)
    assert progress_of_initiative(socialbedrageri) == 80

    factories.status_update(socialbedrageri, period="2023K2", progress=70, author=sekretariat)

    assert progress_of_initiative(socialbedrageri) == 70


def test_initiative_without_reports_has_no_progress(socialbedrageri):
    assert progress_of_initiative(socialbedrageri) is None


def test_focus_areas_average_their_reporting_initiatives_by_weight(
    plan_2023, areas, nordjylland, politi_nord, sekretariat, django_assert_num_queries
):
    empty = plan_actions.add_focus_area(
        plan_2023, title="Trafik", body="", themes=[], responsible=None, by=sekretariat
    )
    both = factories.initiative(
        "I to områder", district=nordjylland, lead=politi_nord, weight=2, focus_areas=areas
    )
    heavy = factories.initiative(
        "Tung", district=nordjylland, lead=politi_nord, weight=1, focus_areas=[areas[0]]
    )
    factories.initiative(
        "Uden rapport", district=nordjylland, lead=politi_nord, weight=5, focus_areas=[areas[1]]
    )
    factories.status_update(both, period="2023K1", progress=40, author=sekretariat)
    factories.status_update(heavy, period="2023K1", progress=100, author=sekretariat)

    with django_assert_num_queries(1):
        progress = progress_of_focus_areas(plan_2023)

    assert progress == {
        areas[0].pk: Decimal("60.0"),  # (2·40 + 1·100) / 3
        areas[1].pk: Decimal("40.0"),  # the unreported initiative is left out
        empty.pk: None,
    }


def test_plan_counts_an_initiative_in_two_focus_areas_once(
    plan_2023, areas, nordjylland, politi_nord, sekretariat, django_assert_num_queries
):
    both = factories.initiative(
        "I to områder", district=nordjylland, lead=politi_nord, weight=2, focus_areas=areas
    )
    one = factories.initiative(
        "I ét område", district=nordjylland, lead=politi_nord, weight=1, focus_areas=[areas[0]]
    )
    factories.initiative("Uden plan", district=nordjylland, lead=politi_nord)
    factories.status_update(both, period="2023K1", progress=40, author=sekretariat)
    factories.status_update(one, period="2023K1", progress=100, author=sekretariat)

    with django_assert_num_queries(1):
        progress = progress_of_plan(plan_2023)

    assert progress == Decimal("60.0")  # (2·40 + 1·100) / 3, not (2·40·2 + 100) / 5


def test_plan_without_reports_has_no_progress(plan_2023, socialbedrageri):
    assert progress_of_plan(plan_2023) is None
    assert set(progress_of_focus_areas(plan_2023).values()) == {None}


def test_plan_page_shows_the_roll_up(client, sekretariat, plan_2023, socialbedrageri, bo_trygt):
    from django.urls import reverse

    factories.status_update(socialbedrageri, period="2023K1", progress=40, author=sekretariat)
    factories.status_update(bo_trygt, period="2023K1", progress=80, author=sekretariat)
    client.force_login(sekretariat)

    body = client.get(reverse("plans:plan", args=[plan_2023.pk])).content.decode()

    assert "Samlet fremdrift for planens indsatser: 60,0 %" in body
    assert '<progress max="100" value="40.0"' in body
