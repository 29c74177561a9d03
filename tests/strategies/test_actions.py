"""The rules of a multi-year strategy: its period, its lifecycle, its frozen versions, and the
yearly plans tied to it. Every refusal is Danish, names the field, and changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kredsraad.core.concurrency import EditConflict
from kredsraad.core.saving import Refused
from kredsraad.plans import actions as plan_actions
from kredsraad.strategies import actions
from kredsraad.strategies.models import DASH, Strategy, StrategyVersion

from .conftest import add_goal, approve


def _update(strategy, by, **changes):
    values = {
        "title": strategy.title,
        "first_year": strategy.first_year,
        "last_year": strategy.last_year,
        "body": strategy.body,
        **changes,
    }
    return actions.update_strategy(strategy, **values, expected_version=strategy.version, by=by)


def test_sekretariat_creates_a_strategy_for_four_years(strategy):
    assert strategy.status == Strategy.Status.DRAFT
    assert strategy.period_label == f"2023{DASH}2026"


def test_a_period_ending_before_it_starts_is_refused(nordjylland, sekretariat):
    with pytest.raises(ValidationError) as refused:
        actions.create_strategy(
            nordjylland, title="Baglæns", first_year=2026, last_year=2023, by=sekretariat
        )

    assert refused.value.message_dict == {
        "last_year": ["Sidste år (2023) ligger før første år (2026)."]
    }
    assert not Strategy.objects.exists()


def test_a_period_of_more_than_ten_years_is_refused(nordjylland, sekretariat):
    with pytest.raises(ValidationError) as refused:
        actions.create_strategy(
            nordjylland, title="For lang", first_year=2023, last_year=2033, by=sekretariat
        )

    assert refused.value.message_dict == {
        "last_year": [f"En strategi dækker højst 10 år; 2023{DASH}2033 er 11 år."]
    }
    assert not Strategy.objects.exists()


def test_a_year_outside_2000_to_2100_is_refused(nordjylland, sekretariat):
    with pytest.raises(ValidationError) as refused:
        actions.create_strategy(
            nordjylland, title="Gammel", first_year=1999, last_year=2001, by=sekretariat
        )

    assert list(refused.value.message_dict) == ["first_year"]


def test_sekretariat_edits_a_draft(strategy, sekretariat):
    _update(strategy, sekretariat, title=f"Tryghed 2023{DASH}2027", last_year=2027)

    strategy.refresh_from_db()
    assert (strategy.title, strategy.last_year) == (f"Tryghed 2023{DASH}2027", 2027)


def test_an_edit_of_a_stale_strategy_is_a_conflict(strategy, sekretariat):
    stale = Strategy.objects.get(pk=strategy.pk)
    _update(strategy, sekretariat, title="Først")

    with pytest.raises(EditConflict):
        _update(stale, sekretariat, title="Sidst")

    strategy.refresh_from_db()
    assert strategy.title == "Først"


def test_a_bad_period_on_edit_changes_nothing(strategy, sekretariat):
    with pytest.raises(ValidationError) as refused:
        _update(strategy, sekretariat, title="Ny titel", first_year=2027)

    assert list(refused.value.message_dict) == ["last_year"]
    strategy.refresh_from_db()
    assert (strategy.title, strategy.first_year) == (f"Tryghed i Nordjylland 2023{DASH}2026", 2023)


def test_an_approved_strategy_cannot_be_edited(strategy, sekretariat):
    approve(strategy, sekretariat)

    with pytest.raises(actions.StrategyStateError) as refused:
        _update(strategy, sekretariat, title="Ændret")

    assert str(refused.value) == "Strategien er godkendt og kan ikke længere redigeres."


def test_only_a_draft_is_approved(strategy, sekretariat):
    approve(strategy, sekretariat)

    with pytest.raises(actions.StrategyStateError) as refused:
        approve(strategy, sekretariat)

    assert str(refused.value) == "Kun en kladde kan godkendes."


def test_an_approval_in_the_future_is_refused(strategy, sekretariat):
    with pytest.raises(actions.StrategyStateError):
        actions.approve_strategy(
            strategy,
            on=datetime.date.today() + datetime.timedelta(days=1),
            reference="Næste møde",
            by=sekretariat,
        )

    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DRAFT


def test_a_draft_cannot_be_published(strategy, sekretariat):
    with pytest.raises(actions.StrategyStateError) as refused:
        actions.publish_strategy(strategy, by=sekretariat)

    assert str(refused.value) == "Kun en godkendt strategi eller en rettelse kan offentliggøres."
    assert not StrategyVersion.objects.exists()


def test_publishing_freezes_the_strategy_with_its_goals(published_strategy):
    version = published_strategy.versions.get()

    assert version.number == 1
    assert version.content["title"] == f"Tryghed i Nordjylland 2023{DASH}2026"
    assert version.content["period"] == f"2023{DASH}2026"
    assert [g["statement"] for g in version.content["goals"]] == [
        "Flere deltagere i tryghedsvandringer"
    ]
    assert f"Tryghed i Nordjylland 2023{DASH}2026" in version.html
    assert published_strategy.status == Strategy.Status.PUBLISHED


def test_a_correction_leaves_the_published_version_as_it_was(published_strategy, sekretariat):
    actions.start_correction(published_strategy, by=sekretariat)
    _update(published_strategy, sekretariat, title="Rettet titel")

    version = published_strategy.versions.get()
    assert version.content["title"] == f"Tryghed i Nordjylland 2023{DASH}2026"
    assert "Rettet titel" not in version.html


def test_a_correction_needs_a_change_note(published_strategy, sekretariat):
    actions.start_correction(published_strategy, by=sekretariat)

    with pytest.raises(actions.StrategyStateError) as refused:
        actions.publish_strategy(published_strategy, change_note="  ", by=sekretariat)

    assert str(refused.value) == "Skriv en ændringsnote, der forklarer rettelsen."
    assert published_strategy.versions.count() == 1


def test_a_correction_is_published_as_the_next_version(published_strategy, sekretariat):
    actions.start_correction(published_strategy, by=sekretariat)
    _update(published_strategy, sekretariat, title="Rettet titel")

    version = actions.publish_strategy(
        published_strategy, change_note="Titlen er rettet.", by=sekretariat
    )

    assert (version.number, version.content["title"]) == (2, "Rettet titel")
    published_strategy.refresh_from_db()
    assert not published_strategy.in_correction


def test_only_a_published_strategy_is_corrected(strategy, sekretariat):
    with pytest.raises(actions.StrategyStateError) as refused:
        actions.start_correction(strategy, by=sekretariat)

    assert str(refused.value) == "Kun en offentliggjort strategi kan rettes."


# Yearly plans ------------------------------------------------------------------------------


def test_sekretariat_ties_the_years_plan_to_the_strategy(plan_2023, strategy, sekretariat):
    actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)

    plan_2023.refresh_from_db()
    assert plan_2023.strategy == strategy


def test_a_plan_outside_the_period_is_refused(nordjylland, strategy, sekretariat):
    plan = plan_actions.create_plan(nordjylland, year=2027, by=sekretariat)

    with pytest.raises(actions.StrategyStateError) as refused:
        actions.link_plan(plan, strategy=strategy, by=sekretariat)

    assert str(refused.value) == (
        f"Planen for 2027 ligger uden for strategiens periode 2023{DASH}2026; vælg en strategi, "
        "hvis periode omfatter 2027."
    )
    plan.refresh_from_db()
    assert plan.strategy is None


def test_another_districts_strategy_is_refused(plan_2023, strategy_midtvest, sekretariat):
    with pytest.raises(actions.StrategyStateError) as refused:
        actions.link_plan(plan_2023, strategy=strategy_midtvest, by=sekretariat)

    assert str(refused.value) == "Strategien hører til en anden politikreds end planen."


def test_an_approved_plan_keeps_its_strategy(plan_2023, strategy, sekretariat, kredsraad_nord):
    plan_actions.send_for_discussion(plan_2023, by=sekretariat)
    plan_actions.approve_plan(
        plan_2023,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="Møde",
        by=sekretariat,
    )

    with pytest.raises(actions.StrategyStateError):
        actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)

    plan_2023.refresh_from_db()
    assert plan_2023.strategy is None


def test_a_tied_plan_keeps_the_period_from_shrinking_past_it(plan_2023, strategy, sekretariat):
    actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)

    with pytest.raises(ValidationError) as refused:
        _update(strategy, sekretariat, first_year=2024)

    assert refused.value.message_dict == {
        "first_year": [
            "Årsplanen for 2023 er knyttet til strategien og ville ligge uden for perioden "
            f"2024{DASH}2026. Fjern koblingen på planen først."
        ]
    }


def test_untying_a_plan(plan_2023, strategy, sekretariat):
    actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)

    actions.link_plan(plan_2023, strategy=None, by=sekretariat)

    plan_2023.refresh_from_db()
    assert plan_2023.strategy is None


def test_goals_of_an_approved_strategy_cannot_be_added(strategy, sekretariat, politi_nord):
    approve(strategy, sekretariat)

    with pytest.raises(Refused):
        add_goal(strategy, politi_nord, sekretariat)
