"""The goal pages: the "Mål" block on the focus area and the initiative, the secretariat's
forms, reporting a value, scope, and query counts that do not grow with the goals."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.goals.models import Goal, ReportedValue
from tests.goals.conftest import burglary_goal, reported_goal


def test_focus_area_page_lists_its_goals(client, sekretariat, area, burglaries):
    burglary_goal(area, sekretariat)
    client.force_login(sekretariat)

    html = client.get(area.get_absolute_url()).content.decode()

    assert "Færre indbrud i beboelser i Aalborg i 2025 end i 2022" in html
    assert "På vej</span>" in html
    assert "Tilføj mål" in html


def test_goal_without_data_reads_ingen_data(client, sekretariat, area, burglaries):
    burglary_goal(area, sekretariat, measure="12")
    client.force_login(sekretariat)

    html = client.get(area.get_absolute_url()).content.decode()

    assert "<dt>Seneste værdi</dt><dd>ingen data</dd>" in html
    assert "Ingen data</span>" in html


def test_secretariat_adds_a_goal_and_is_warned_of_a_wrong_direction(
    client, sekretariat, area, burglaries
):
    client.force_login(sekretariat)
    url = reverse("goals:goal_create_for_focus_area", args=[area.pk])

    response = client.post(
        url,
        {
            "statement": "Færre indbrud",
            "direction": "down",
            "target": "450",
            "baseline_period": "2022",
            "deadline": "2025",
            "source": "statistics",
            "table": "STRAF11",
            "measure": "1320",
            "area": "851",
            "unit": "count",
        },
        follow=True,
    )

    goal = Goal.objects.get()
    assert response.redirect_chain[-1][0] == reverse("goals:goal", args=[goal.pk])
    assert "men målet er at komme ned. Tjek retning og målværdi." in response.content.decode()


def test_form_names_the_field_that_is_wrong(client, sekretariat, area, burglaries):
    client.force_login(sekretariat)
    url = reverse("goals:goal_create_for_focus_area", args=[area.pk])

    response = client.post(
        url,
        {
            "statement": "Færre indbrud",
            "direction": "down",
            "baseline_period": "2022",
            "source": "statistics",
            "table": "STRAF11",
            "measure": "1320",
            "area": "politikreds:77",
            "unit": "count",
        },
    )

    assert response.context["form"].errors == {
        "target": ["Angiv målværdien."],
        "deadline": ["Angiv fristen som et år (2025) eller et kvartal (2025K4)."],
        "area": [
            "Området »politikreds:77« findes ikke. Brug en kommunekode (851), politikreds:N, en "
            "regionskode (081) eller 000 for hele landet."
        ],
    }
    assert Goal.objects.count() == 0


def test_form_marks_only_the_indicators_fields_optional(client, sekretariat, area):
    client.force_login(sekretariat)

    response = client.get(reverse("goals:goal_create_for_focus_area", args=[area.pk]))

    form = response.context["form"]
    assert sorted(name for name, field in form.fields.items() if not field.required) == [
        "area",
        "contributes_to",
        "measure",
        "reported_by",
        "reported_unit",
        "table",
    ]


def test_secretariat_edits_and_deletes_a_goal(client, sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat)
    client.force_login(sekretariat)
    data = {
        "version": goal.version,
        "statement": goal.statement,
        "direction": "down",
        "target": "320",
        "baseline_period": "2022",
        "deadline": "2025",
        "source": "statistics",
        "table": "STRAF11",
        "measure": "1320",
        "area": "851",
        "unit": "count",
    }

    client.post(reverse("goals:goal_edit", args=[goal.pk]), data)
    edited = Goal.objects.get(pk=goal.pk).target
    client.post(reverse("goals:goal_delete", args=[goal.pk]))

    assert edited == Decimal(320)
    assert not Goal.objects.exists()


def test_koordinator_reports_through_the_form(
    client, sekretariat, area, laesoe_kommune, koordinator_laesoe
):
    goal = reported_goal(area, sekretariat, laesoe_kommune)
    client.force_login(koordinator_laesoe)

    client.post(reverse("goals:goal_report", args=[goal.pk]), {"period": "2022", "value": "10"})
    page = client.get(reverse("goals:goal", args=[goal.pk])).content.decode()

    assert ReportedValue.objects.get().author == koordinator_laesoe
    assert "Indberettede værdier" in page


@pytest.mark.parametrize("persona", ["koordinator_hjoerring", "raadsmedlem"])
def test_others_cannot_edit_or_report(client, request, persona, sekretariat, area, laesoe_kommune):
    goal = reported_goal(area, sekretariat, laesoe_kommune)
    client.force_login(request.getfixturevalue(persona))

    edit = client.get(reverse("goals:goal_edit", args=[goal.pk]))
    add = client.get(reverse("goals:goal_create_for_focus_area", args=[area.pk]))
    reported = client.post(
        reverse("goals:goal_report", args=[goal.pk]), {"period": "2022", "value": "10"}
    )

    assert (edit.status_code, add.status_code, reported.status_code) == (404, 404, 404)
    assert not ReportedValue.objects.exists()


def test_another_districts_goal_is_not_found(
    client, sekretariat_midtvest, sekretariat, area, burglaries
):
    goal = burglary_goal(area, sekretariat)
    client.force_login(sekretariat_midtvest)

    assert client.get(reverse("goals:goal", args=[goal.pk])).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_focus_area_page_queries_do_not_grow_with_goals(client, sekretariat, area, burglaries):
    client.force_login(sekretariat)
    burglary_goal(area, sekretariat, unit="per_1000", target=Decimal(1))
    client.get(area.get_absolute_url())
    one = _queries(client, area.get_absolute_url())
    burglary_goal(area, sekretariat, area="825")
    burglary_goal(area, sekretariat, measure="12", unit="change", target=Decimal(-5))

    three = _queries(client, area.get_absolute_url())

    assert three == one


def test_initiative_page_queries_do_not_grow_with_goals(
    client, sekretariat, initiative, politi_nord, laesoe_kommune
):
    client.force_login(sekretariat)
    reported_goal(initiative, sekretariat, politi_nord)
    client.get(initiative.get_absolute_url())
    one = _queries(client, initiative.get_absolute_url())
    reported_goal(initiative, sekretariat, laesoe_kommune, statement="Flere besøg")
    reported_goal(initiative, sekretariat, politi_nord, unit="change", target=Decimal(10))

    three = _queries(client, initiative.get_absolute_url())

    assert three == one


def test_dashboard_counts_the_plans_goals(
    client, sekretariat, area, initiative, burglaries, nordjylland, politi_nord
):
    burglary_goal(area, sekretariat)
    burglary_goal(initiative, sekretariat, measure="12")
    client.force_login(sekretariat)

    response = client.get(reverse("initiatives:dashboard", args=[nordjylland.slug]))

    goals = {code: count for code, _, count, _ in response.context["dashboard"].goals}
    assert goals == {"reached": 0, "on_track": 1, "off_track": 0, "no_data": 1}
