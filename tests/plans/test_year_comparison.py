"""The year comparison: word-level differences of sections, focus areas, goals and
initiatives, and "Ingen ændringer" only when nothing changed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kredsraad.goals.models import Goal
from kredsraad.plans import actions
from kredsraad.plans.comparison import compare_plans, word_diff
from tests import factories


def test_word_diff_shows_changed_words():
    assert word_diff("Volden steg 26 % i 2022.", "Volden steg 12 % i 2023.") == [
        (" ", "Volden steg"),
        ("-", "26"),
        ("+", "12"),
        (" ", "% i"),
        ("-", "2022."),
        ("+", "2023."),
    ]


def test_word_diff_shows_added_and_removed_words():
    assert word_diff("Nærpoliti i Aars", "Nærpoliti og tryghed i Aars") == [
        (" ", "Nærpoliti"),
        ("+", "og tryghed"),
        (" ", "i Aars"),
    ]
    assert word_diff("Fælles projekt mod socialbedrageri", "Fælles projekt") == [
        (" ", "Fælles projekt"),
        ("-", "mod socialbedrageri"),
    ]


def test_word_diff_ignores_line_breaks():
    assert word_diff("To nye\nnærstationer", "To nye nærstationer") == [
        (" ", "To nye nærstationer")
    ]


@pytest.fixture
def plan_2024(published_2023, sekretariat):
    return actions.roll_over(published_2023, by=sekretariat)


def test_a_fresh_rollover_has_no_changes(client, sekretariat, published_2023, plan_2024):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:compare", args=[plan_2024.pk]))

    assert response.context["comparison"].unchanged
    assert "Ingen ændringer." in response.content.decode()


def test_a_changed_focus_area_text_is_a_change(client, sekretariat, published_2023, plan_2024):
    area = plan_2024.focus_areas.first()
    area.body = "Nærstationerne i Aars og Brønderslev."
    actions.update_focus_area(area, expected_version=area.version, by=sekretariat)
    client.force_login(sekretariat)

    response = client.get(reverse("plans:compare", args=[plan_2024.pk]))

    comparison = response.context["comparison"]
    assert not comparison.unchanged
    assert [(c.title, [f.label for f in c.fields]) for c in comparison.focus_areas_changed] == [
        ("Det lokale samarbejde fra to nye nærstationer", ["Tekst"])
    ]
    html = response.content.decode()
    assert "Ingen ændringer." not in html
    assert (
        '<ins><span class="sr-only">tilføjet: </span>Nærstationerne i Aars og Brønderslev.</ins>'
        in html
    )


def test_a_changed_section_text_is_shown_word_by_word(
    client, sekretariat, published_2023, plan_2024
):
    section = plan_2024.sections.get(kind="crime_trends")
    section.body = "Volden faldt."
    actions.update_section(section, expected_version=section.version, by=sekretariat)
    client.force_login(sekretariat)

    response = client.get(reverse("plans:compare", args=[plan_2024.pk]))

    assert '<ins><span class="sr-only">tilføjet: </span>Volden faldt.</ins>' in (
        response.content.decode()
    )


def _goal(area, **values):
    fields = {
        "district": area.plan.district,
        "focus_area": area,
        "statement": "Færre indbrud i beboelser end i 2022",
        "direction": "down",
        "target": Decimal("900"),
        "baseline_period": "2022",
        "deadline": "2025",
        "source": "reported",
    }
    fields.update(values)
    return Goal.objects.create(**fields)


def test_goals_show_new_removed_and_changed(published_2023, plan_2024):
    old_area, other_old_area = published_2023.focus_areas.all()
    new_area = plan_2024.focus_areas.get(previous=old_area)
    kept = _goal(old_area)
    _goal(other_old_area, statement="Flere kurser om socialbedrageri")
    _goal(new_area, previous=kept, target=Decimal("850"), deadline="2026")
    _goal(new_area, statement="Flere trygge borgere i Aars")

    goals = compare_plans(published_2023, plan_2024).goals

    assert [(g.title, g.status, [(f.label, f.words) for f in g.fields]) for g in goals] == [
        (
            "Færre indbrud i beboelser end i 2022",
            "changed",
            [("Målværdi", [("-", "900"), ("+", "850")]), ("Frist", [("-", "2025"), ("+", "2026")])],
        ),
        ("Flere trygge borgere i Aars", "added", []),
        ("Flere kurser om socialbedrageri", "removed", []),
    ]


def test_an_initiative_changed_since_last_years_publication_is_a_change(
    sekretariat, published_2023, nordjylland, politi_nord
):
    area = published_2023.focus_areas.first()
    initiative = factories.initiative(
        "Nærbetjente", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    # A correction publishes the plan again, now with the initiative as it was then.
    actions.start_correction(published_2023, by=sekretariat)
    actions.publish_plan(published_2023, change_note="Indsats tilføjet.", by=sekretariat)
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)
    type(initiative).objects.filter(pk=initiative.pk).update(
        title="Nærbetjente i hele kredsen", status="permanent"
    )
    # The history triggers stamp a row with its transaction's start, the same for the whole
    # test: the change is dated a day on, as a later request would date it.
    _dated_later(initiative)

    changes = compare_plans(published_2023, plan_2024).initiatives_changed

    assert [(c.title, [(f.label, f.words) for f in c.fields]) for c in changes] == [
        (
            "Nærbetjente i hele kredsen",
            [
                ("Titel", [(" ", "Nærbetjente"), ("+", "i hele kredsen")]),
                ("Status", [("-", "I gang"), ("+", "Gjort permanent")]),
            ],
        )
    ]


def _dated_later(initiative):
    from kredsraad.core.history import event_models_tracking

    for event_model in event_models_tracking(type(initiative)):
        last = event_model.objects.filter(pgh_obj_id=initiative.pk).order_by("pgh_id").last()
        event_model.objects.filter(pk=last.pk).update(
            pgh_created_at=last.pgh_created_at + datetime.timedelta(days=1)
        )


def test_an_initiative_continued_under_a_new_name_is_compared_with_the_old(
    sekretariat, published_2023, nordjylland, politi_nord
):
    old_area = published_2023.focus_areas.first()
    old = factories.initiative(
        "Natteravne",
        district=nordjylland,
        lead=politi_nord,
        focus_areas=[old_area],
        status="finished",
    )
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)
    factories.initiative(
        "Natteravne i Aalborg",
        district=nordjylland,
        lead=politi_nord,
        focus_areas=[plan_2024.focus_areas.get(previous=old_area)],
        continues=old,
    )

    changes = compare_plans(published_2023, plan_2024).initiatives_changed

    assert [(c.title, [f.label for f in c.fields]) for c in changes] == [
        ("Natteravne i Aalborg", ["Titel", "Status"])
    ]
