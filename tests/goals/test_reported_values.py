"""A reported indicator: the responsible organisation's people or the secretariat file a value
per period, append-only; the latest value for a period counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import ProgrammingError, transaction

from kredsraad.goals import actions
from kredsraad.goals.content import goal_entries
from kredsraad.goals.models import ReportedValue
from tests.goals.conftest import burglary_goal, reported_goal

TODAY = datetime.date(2024, 2, 1)


def report(goal, by, period, value, note=""):
    return actions.report_value(
        goal, period=period, value=Decimal(value), note=note, by=by, today=TODAY
    )


@pytest.fixture
def courses(area, sekretariat, laesoe_kommune):
    goal = reported_goal(area, sekretariat, laesoe_kommune)
    report(goal, sekretariat, "2022", 10)
    return goal


def test_reported_value_is_on_track(courses, sekretariat):
    # 10 → 20 by 2025: after 2023, a third of the way, 13.3 is due; 14 is on track.
    report(courses, sekretariat, "2023", 14)

    shown = goal_entries([courses])[0]

    assert (shown["baseline_text"], shown["latest_text"], shown["latest_label"]) == (
        "10",
        "14",
        "2023",
    )
    assert (shown["target_text"], shown["unit_label"]) == ("20 kurser", "kurser")
    assert shown["progress"] == "on_track"
    assert shown["indicator"] == "Indberettes af Læsø Kommune pr. periode (kurser)"


def test_latest_report_for_a_period_counts(courses, sekretariat, koordinator_laesoe):
    report(courses, sekretariat, "2023", 14)

    report(courses, koordinator_laesoe, "2023", 12, note="Rettet: to kurser blev aflyst")

    shown = goal_entries([courses])[0]
    assert (shown["latest_text"], shown["progress"]) == ("12", "off_track")
    assert ReportedValue.objects.filter(goal=courses).count() == 3


def test_without_reports_after_the_baseline_it_is_ingen_data(courses):
    shown = goal_entries([courses])[0]

    assert (shown["latest_value"], shown["latest_text"], shown["progress"]) == (
        None,
        "ingen data",
        "no_data",
    )


def test_a_reported_value_is_never_changed(courses):
    row = ReportedValue.objects.get(goal=courses)

    with pytest.raises(ProgrammingError, match="Cannot update"), transaction.atomic():
        ReportedValue.objects.filter(pk=row.pk).update(value=Decimal(99))

    assert ReportedValue.objects.get(pk=row.pk).value == Decimal(10)


def test_values_filed_after_publication_are_left_out_of_a_frozen_reading(courses, sekretariat):
    frozen_at = ReportedValue.objects.get(goal=courses).created_at
    report(courses, sekretariat, "2023", 14)

    shown = goal_entries([courses], frozen_at=frozen_at)[0]

    assert shown["latest_text"] == "ingen data"


@pytest.mark.parametrize(
    ("period", "value", "field", "message"),
    [
        ("sidste år", 3, "period", "Ugyldig periode »sidste år«."),
        ("2024K2", 3, "period", "2. kvartal 2024 er ikke begyndt endnu."),
        ("2023", None, "value", "Angiv værdien."),
        ("2023", -1, "value", "Værdien kan ikke være negativ."),
    ],
)
def test_bad_report_is_refused_and_changes_nothing(
    courses, sekretariat, period, value, field, message
):
    with pytest.raises(ValidationError) as refused:
        actions.report_value(
            courses,
            period=period,
            value=None if value is None else Decimal(value),
            by=sekretariat,
            today=TODAY,
        )

    assert message in refused.value.message_dict[field][0]
    assert ReportedValue.objects.filter(goal=courses).count() == 1


def test_a_statistics_goal_takes_no_reports(area, sekretariat, burglaries):
    goal = burglary_goal(area, sekretariat)

    with pytest.raises(actions.GoalStateError, match="kun et mål med en indberettet indikator"):
        report(goal, sekretariat, "2023", 3)

    assert ReportedValue.objects.count() == 0


def test_koordinator_of_the_reporting_organisation_reports(courses, koordinator_laesoe):
    assert koordinator_laesoe.has_perm("goals.report_value", courses)


def test_others_may_not_report(courses, koordinator_hjoerring, raadsmedlem, analytiker):
    assert not any(
        user.has_perm("goals.report_value", courses)
        for user in (koordinator_hjoerring, raadsmedlem, analytiker)
    )


def test_koordinator_reports_on_an_initiative_goal_they_take_part_in(
    initiative, sekretariat, politi_nord, koordinator_hjoerring, hjoerring
):
    goal = reported_goal(initiative, sekretariat, politi_nord)
    initiative.municipalities.set([hjoerring])
    initiative.refresh_from_db()
    goal.initiative = initiative

    assert koordinator_hjoerring.has_perm("goals.report_value", goal)
