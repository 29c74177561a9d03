"""The demo's second district, Midt- og Vestjylland: set up from the registry in one step, with
a published plan of another shape than Nordjylland's (three heading levels, no lokalråd
section), and loading it again changes nothing."""

import pytest
from pghistory.models import Events

from kredsraad.councils.models import Council, Membership, Organisation, Person, PoliceDistrict
from kredsraad.demo.data import load_demo
from kredsraad.demo.second_district import load_second_district
from kredsraad.goals.models import Goal
from kredsraad.plans.document import section_numbers
from kredsraad.plans.models import CooperationPlan, FocusArea, PlanSection, PlanVersion
from kredsraad.plans.setup import preview_setup

Kind = PlanSection.Kind


@pytest.fixture
def midtvest_plan(db):
    load_demo()
    district = load_second_district()
    return CooperationPlan.objects.get(district=district, year=2024)


def test_second_district_plan_has_three_heading_levels(midtvest_plan):
    sections = list(midtvest_plan.sections.all())

    numbers = sorted(section_numbers(sections).values())

    assert numbers == [
        "01",
        "01.1",
        "01.2",
        "02",
        "03",
        "04",
        "05",
        "05.1",
        "05.1.1",
        "05.1.2",
        "05.2",
        "05.2.1",
    ]


def test_second_district_plan_has_no_lokalraad_section_and_is_published(midtvest_plan):
    kinds = set(midtvest_plan.sections.values_list("kind", flat=True))
    version = midtvest_plan.versions.get()

    assert Kind.LOCAL_COUNCILS not in kinds
    assert Kind.FOCUS_AREAS in kinds
    assert midtvest_plan.status == CooperationPlan.Status.PUBLISHED
    assert Kind.LOCAL_COUNCILS not in {s["kind"] for s in version.content["sections"]}
    assert not midtvest_plan.district.action_plans_required
    assert [a.title for a in midtvest_plan.focus_areas.all()] == [
        "Færre indbrud i boliger og sommerhuse",
        "Tryg trafik på landevejene",
        "Unge, rusmidler og store arrangementer",
    ]


def test_second_district_plan_publishes_goals_of_its_own(midtvest_plan):
    content = midtvest_plan.versions.get().content
    section = next(s for s in content["sections"] if s["kind"] == Kind.FOCUS_AREAS)

    goals = {g["statement"]: g for area in section["generated"] for g in area["goals"]}

    burglary = goals["Færre indbrud i beboelser pr. 1.000 indbyggere i 2025 end i 2022 (demo)"]
    stretches = goals["Flere strækninger med fælles fartkontrol og ny skiltning (demo)"]
    assert (burglary["unit"], burglary["source"]) == ("per_1000", "statistics")
    assert (stretches["baseline_text"], stretches["latest_text"]) == ("4", "6")
    assert stretches["progress"] == "on_track"


def test_second_district_is_set_up_with_its_statutory_seats(midtvest_plan):
    district = midtvest_plan.district
    kredsraad = Council.objects.get(district=district, kind=Council.Kind.DISTRICT)

    chair = kredsraad.memberships.get(role=Membership.Role.CHAIR)
    mayors = kredsraad.memberships.filter(person__title="Borgmester")

    assert (chair.person.title, chair.represents.name) == (
        "Politidirektør",
        "Midt- og Vestjyllands Politi",
    )
    assert mayors.count() == 11
    assert Organisation.objects.filter(district=district, kind="municipality").count() == 11


def test_loading_the_second_district_again_changes_nothing(midtvest_plan):
    models = (Organisation, Person, Membership, CooperationPlan, PlanSection, FocusArea, Goal)
    before = [m.objects.count() for m in (*models, PlanVersion, Events)]

    load_second_district()

    assert [m.objects.count() for m in (*models, PlanVersion, Events)] == before


def test_setup_finds_every_seat_the_demo_gave_nordjylland(db):
    load_demo()
    nordjylland = PoliceDistrict.objects.get(code=1)

    preview = preview_setup(nordjylland, year=2023)

    assert [(step.what, step.name) for step in preview.created] == [
        ("Samarbejdsplan", "Kredsrådets samarbejdsplan 2023")
    ]
