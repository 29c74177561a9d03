"""`kredsraad demo` loads Nordjylland's samarbejdsplan 2023 with its 2022 predecessor, the
initiatives behind the focus areas and the lokalråd's handleplaner, and loading it again changes
nothing."""

import datetime

import pytest
from django.core.management import call_command
from pghistory.models import Events

from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.plans.document import section_numbers
from kredsraad.plans.models import (
    ActionPlan,
    ActionPlanItem,
    CooperationPlan,
    FocusArea,
    PlanSection,
)


@pytest.fixture
def plan_2023(db):
    call_command("demo", "--quiet")
    return CooperationPlan.objects.get(district__code=1, year=2023)


def _counts() -> dict[str, int]:
    models = (
        CooperationPlan,
        PlanSection,
        FocusArea,
        Initiative,
        Milestone,
        StatusUpdate,
        ActionPlan,
        ActionPlanItem,
        Events,
    )
    relations = (
        Initiative.partners,
        Initiative.forums,
        Initiative.municipalities,
        Initiative.focus_areas,
        ActionPlanItem.partners,
        ActionPlanItem.forums,
    )
    return {model.__name__: model.objects.count() for model in models} | {
        str(relation.through._meta): relation.through.objects.count() for relation in relations
    }


def test_demo_run_twice_leaves_plans_and_initiatives_as_they_were(plan_2023):
    before = _counts()

    call_command("demo", "--quiet")

    assert _counts() == before


def test_demo_2023_plan_is_approved_by_the_kredsraad_and_follows_2022(plan_2023):
    assert plan_2023.title == "Kredsrådets samarbejdsplan 2023"
    assert plan_2023.status == CooperationPlan.Status.PUBLISHED
    assert str(plan_2023.approved_by_council) == "Kredsrådet for Nordjyllands Politi"
    assert plan_2023.action_plans_due == datetime.date(2023, 2, 1)
    assert plan_2023.previous.year == 2022


def test_demo_plans_are_published_as_version_1_a_fortnight_after_approval(plan_2023):
    for plan in (plan_2023.previous, plan_2023):
        (version,) = plan.versions.all()
        assert version.number == 1
        assert version.published_at.date() == plan.approved_on + datetime.timedelta(days=14)
        assert plan.title in version.html

    call_command("demo", "--quiet")

    assert plan_2023.versions.count() == 1


def test_demo_status_updates_are_dated_after_their_quarter(plan_2023):
    updates = StatusUpdate.objects.filter(initiative__focus_areas__plan=plan_2023)

    assert {(u.period, u.created_at.date()) for u in updates} == {
        ("2023K1", datetime.date(2023, 4, 14)),
        ("2023K2", datetime.date(2023, 7, 14)),
    }


def test_demo_2023_plan_has_sections_01_to_07_in_the_plans_order(plan_2023):
    sections = list(plan_2023.sections.all())

    numbers = section_numbers(sections)

    outline = sorted((numbers[s.pk], s.title, s.kind) for s in sections)
    assert outline == [
        ("01", "Samarbejdet i det nordjyske kredsråd og lokalrådene", "organisation"),
        ("01.1", "Det løbende lokale samarbejde", "text"),
        ("02", "Overordnede tendenser i kriminalitetsudviklingen", "crime_trends"),
        ("03", "Den sikkerheds- og forsyningsmæssige situation", "text"),
        ("04", "Flerårsaftalen – fortsat fokus på danskernes tryghed", "text"),  # noqa: RUF001
        ("04.1", "Drøftelse af flerårsaftalen i kredsrådet og lokalrådene", "text"),
        ("04.2", "Nordjyllands Politi på vej ind i flerårsaftalens sidste år", "text"),
        ("05", "Indsatsområder for samarbejdet i Nordjylland i 2023", "focus_areas"),
        ("06", "Lokalrådenes udmøntning af samarbejdet i kommunerne", "local_councils"),
        ("07", "Bilag 1: De forebyggende samarbejdsfora i Nordjylland", "forums"),
    ]


def test_demo_2023_plan_has_focus_areas_05_1_to_05_9(plan_2023):
    areas = [(a.position, a.title) for a in plan_2023.focus_areas.all()]

    assert areas == [
        (1, "Det lokale samarbejde fra to nye nærstationer"),
        (2, "Fælles projekt fokuserer på indsats mod socialbedrageri"),
        (3, "Bedre samarbejde om indsatsen overfor sårbare borgere"),
        (4, "Udviklingen i ungdomskriminaliteten i Nordjylland følges"),
        (5, "Konkrete indsatser for tryghed"),
        (6, "Indbrud"),
        (7, "Fælles forebyggelsesindsats mod narko i Frederikshavn"),
        (8, "Tryghed og sikkerhed på nettet"),
        (9, "Indsatser for mere sikker trafik i Nordjylland"),
    ]


def test_demo_narko_focus_area_carries_on_from_2022(plan_2023):
    narko = plan_2023.focus_areas.select_related("previous__plan").get(position=7)

    assert (narko.previous.plan.year, narko.previous.title) == (
        2022,
        "Frederikshavn fri for narko",
    )


def test_demo_no_drugs_more_hugs_continues_frederikshavn_fri_for_narko(plan_2023):
    hugs = Initiative.objects.select_related("continues").get(title="No drugs more hugs")

    assert hugs.continues.title == "Frederikshavn fri for narko"
    assert hugs.continues.status == Initiative.Status.FINISHED
    assert [a.plan.year for a in hugs.continues.focus_areas.select_related("plan")] == [2022]
    assert [a.plan.year for a in hugs.focus_areas.select_related("plan")] == [2023]


def test_demo_koer_rent_is_permanent_and_in_both_years_plans(plan_2023):
    koer_rent = Initiative.objects.get(title="Kør rent!")

    years = sorted(a.plan.year for a in koer_rent.focus_areas.select_related("plan"))

    assert koer_rent.status == Initiative.Status.PERMANENT
    assert years == [2022, 2023]


def test_demo_social_fraud_pilot_runs_in_aalborg_and_broenderslev_until_september(plan_2023):
    pilot = Initiative.objects.get(district__code=1, external_id="NJ-socialbedrageri-pilot")

    municipalities = sorted(m.name for m in pilot.municipalities.all())
    milestones = [
        (m.kind, m.due_date, m.due_quarter)
        for m in pilot.milestones.order_by("due_date", "due_quarter")
    ]

    assert municipalities == ["Aalborg", "Brønderslev"]
    assert pilot.ends == datetime.date(2023, 9, 30)
    assert milestones == [
        (Milestone.Kind.EVALUATION, datetime.date(2023, 3, 31), ""),
        (Milestone.Kind.COMPLETION, datetime.date(2023, 9, 30), ""),
        (Milestone.Kind.REPORT, None, "2023K2"),
    ]


def test_demo_accident_data_project_runs_to_2026_with_aau_and_the_region(plan_2023):
    project = Initiative.objects.get(district__code=1, external_id="NJ-uheldsdata")

    partners = sorted(o.name for o in project.partners.all())

    assert partners == ["Aalborg Universitet", "Region Nordjylland"]
    assert project.ends == datetime.date(2026, 12, 31)


def test_demo_every_2023_initiative_reports_for_the_first_two_quarters(plan_2023):
    initiatives = (
        Initiative.objects.filter(focus_areas__plan=plan_2023)
        .distinct()
        .prefetch_related("status_updates")
    )

    periods = {i.title: sorted(u.period for u in i.status_updates.all()) for i in initiatives}

    assert len(periods) == 15  # the plan's 14 and Aalborg's Nabohjælp mod indbrud
    assert set(map(tuple, periods.values())) == {("2023K1", "2023K2")}


def test_demo_eight_lokalraad_have_a_handleplan_and_jammerbugt_adopted_late(plan_2023):
    action_plans = plan_2023.action_plans.select_related("council__municipality")

    late = [
        a.council.municipality.name
        for a in action_plans
        if a.adopted_on > plan_2023.action_plans_due
    ]
    municipalities = {a.council.municipality.name for a in action_plans}
    unpublished = [
        a.council.municipality.name for a in action_plans if a.status != ActionPlan.Status.PUBLISHED
    ]

    assert len(action_plans) == 8
    assert late == ["Jammerbugt"]
    assert unpublished == ["Jammerbugt"]
    assert action_plans.get(council__municipality__name="Jammerbugt").status == "adopted"
    assert "Vesthimmerlands" not in municipalities


def test_demo_handleplan_items_serve_the_2023_focus_areas_or_a_local_need(plan_2023):
    items = ActionPlanItem.objects.filter(action_plan__plan=plan_2023).select_related("focus_area")

    plans_of_focus_areas = {i.focus_area.plan_id for i in items if not i.is_local_need}

    assert plans_of_focus_areas == {plan_2023.pk}
    assert any(i.is_local_need for i in items)
    assert all(2 <= a.items.count() <= 4 for a in plan_2023.action_plans.all())
