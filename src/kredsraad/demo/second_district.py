"""Midt- og Vestjyllands Politi as a second demo district, set up the way an administrator would
(kredsraad.plans.setup) and given a short samarbejdsplan of another shape than Nordjylland's:
three heading levels (01, 01.1, 01.1.1), no lokalråd section, since the district's lokalråd have
no handleplan duty here, and three focus areas.

The district's facts (its eleven municipalities) come from the registry. Every text is the
demo's own; the plan is not a real plan of the district, and its dates are invented. Like the
rest of the demo, loading it again changes nothing: rows are found by their natural keys, and
the plan goes through discussion, approval and publication only the first time.

Later parts extend `second_district_plan` (an image, goals) before the plan is published.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from kredsraad.accounts.models import User
from kredsraad.councils.models import (
    Council,
    LocalCouncils,
    Organisation,
    PoliceDistrict,
)
from kredsraad.councils.registry import ensure
from kredsraad.demo.data import MIDT_OG_VESTJYLLAND, TERM_START
from kredsraad.demo.images import add_organisation_chart
from kredsraad.demo.plans import COPENHAGEN, DEMO_NOTE, Section
from kredsraad.goals.models import Goal, ReportedValue
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import CooperationPlan, FocusArea, PlanSection
from kredsraad.plans.setup import set_up_district

D = datetime.date
SectionKind = PlanSection.Kind

ADMINISTRATOR = "admin@demo.kredsraad.dk"
SECRETARIAT = "sekretariat.midtvest@demo.kredsraad.dk"

# The district keeps lokalråd, but without the yearly handleplan (demo choice), so its plan has
# no lokalråd section and nothing is reported missing.
DISTRICT_SETTINGS = {"local_councils": LocalCouncils.ONE, "action_plans_required": False}


@dataclass(frozen=True)
class Area:
    title: str
    themes: tuple[str, ...]
    body: str


YEAR = 2024
TITLE = "Kredsrådets samarbejdsplan 2024"
APPROVED_ON = D(2024, 1, 23)  # demo: invented
APPROVAL_REFERENCE = "Kredsrådets møde 1. kvartal 2024 (demo)"

SECTIONS = (
    Section(
        "Indledning",
        "Kredsrådet for Midt- og Vestjyllands Politi samler politidirektøren og borgmestrene "
        "fra kredsens elleve kommuner. Planen samler det, vi vil gøre sammen i 2024.\n\n"
        + DEMO_NOTE,
        children=(
            Section(
                "Kredsrådets opgave",
                "Kredsrådet drøfter kriminalitetens udvikling og politiets arbejde og lægger "
                "hvert år en plan for det forebyggende samarbejde.",
            ),
            Section(
                "En stor kreds med land og by",
                "Kredsen strækker sig fra Thy og Mors til Ringkøbing-Skjern og fra Vesterhavet "
                "til Silkeborg. Lange afstande og mange små byer præger både politiets arbejde "
                "og kriminaliteten.",
            ),
        ),
    ),
    Section(
        "Kredsrådet og lokalrådene",
        "Hvem der sidder i rådene, hentes fra registret.",
        SectionKind.ORGANISATION,
    ),
    Section(
        "Kriminalitetsudviklingen",
        "Tallene kommer fra Danmarks Statistik og opdateres, indtil planen godkendes.",
        SectionKind.CRIME_TRENDS,
    ),
    Section(
        "Indsatsområder 2024",
        "Tre indsatsområder, som alle elleve kommuner tager del i.",
        SectionKind.FOCUS_AREAS,
    ),
    Section(
        "Sådan arbejder vi sammen",
        "Samarbejdet bæres af lokalrådene og de faste fora i kommunerne.",
        children=(
            Section(
                "Lokalt samarbejde uden handleplaner",
                "Lokalrådene mødes efter behov og følger op på planen uden en særskilt handleplan.",
                children=(
                    Section(
                        "Tryghedsvandringer",
                        "Politi, kommune og borgere går sammen gennem boligområder og bymidter "
                        "og aftaler, hvad der skal gøres ved det, de ser.",
                    ),
                    Section(
                        "Sommerhusområderne",
                        "I højsæsonen er politiet mere synligt ved kysten, og kommunerne "
                        "informerer gæster og ejere om at sikre husene.",
                    ),
                ),
            ),
            Section(
                "Opfølgning",
                "Kredsrådet følger indsatserne på hvert møde.",
                children=(
                    Section(
                        "Status hvert kvartal",
                        "Den ansvarlige for hver indsats melder status ind en gang i kvartalet, "
                        "så kredsrådet ser, hvad der er nået.",
                    ),
                ),
            ),
        ),
    ),
)

FOCUS_AREAS = (
    Area(
        "Færre indbrud i boliger og sommerhuse",
        ("burglary",),
        "Nabohjælp og gode råd om sikring skal gøre det sværere at bryde ind, både i "
        "helårshuse og i sommerhusene langs kysten uden for sæsonen.",
    ),
    Area(
        "Tryg trafik på landevejene",
        ("traffic",),
        "Mange af de alvorlige uheld sker på veje uden for byerne. Politi og kommuner "
        "vælger sammen de strækninger, hvor kontrol og bedre skiltning gør mest gavn.",
    ),
    Area(
        "Unge, rusmidler og store arrangementer",
        ("youth_crime", "nightlife"),
        "Ved festivaler og andre store arrangementer arbejder politi, kommuner og arrangører "
        "sammen om at forebygge rusmidler og uro blandt unge.",
    ),
)


# The plan's own goals (focus area position, statement, values); demo targets, invented.
GOALS = (
    (
        1,
        "Færre indbrud i beboelser pr. 1.000 indbyggere i 2025 end i 2022 (demo)",
        {
            "direction": "down",
            "target": Decimal("2.10"),
            "source": "statistics",
            "table": "STRAF11",
            "measure": "1320",
            "area": "politikreds:3",
            "unit": "per_1000",
        },
    ),
    (
        2,
        "Flere strækninger med fælles fartkontrol og ny skiltning (demo)",
        {
            "direction": "up",
            "target": Decimal(12),
            "source": "reported",
            "reported_unit": "strækninger",
        },
    ),
)
# The reported goal's value per year (demo figures), filed in January after the year.
ROAD_STRETCHES = {"2022": 4, "2023": 6}


def load_second_district() -> PoliceDistrict:
    """Set Midt- og Vestjylland up, then give it its plan for `YEAR` and publish it. Run after
    demo.data.load_demo (the demo users) with effects paused; the caller owns the transaction
    and the history context."""
    district = PoliceDistrict.objects.get(code=MIDT_OG_VESTJYLLAND)
    ensure(PoliceDistrict, {"pk": district.pk}, DISTRICT_SETTINGS)
    district.refresh_from_db()
    administrator = User.objects.get(email=ADMINISTRATOR)
    set_up_district(district, year=YEAR, start=TERM_START, by=administrator)
    plan = second_district_plan(district)
    add_organisation_chart(plan, secretariat=User.objects.get(email=SECRETARIAT))
    _load_goals(plan)
    publish_second_district_plan(plan)
    return district


def second_district_plan(district: PoliceDistrict) -> CooperationPlan:
    """The plan's sections and focus areas, restored on every run as the rest of the demo is.
    The setup made a draft with the standard sections; while the draft does not yet have this
    plan's first section, those give way to this plan's own shape."""
    plan = CooperationPlan.objects.get(district=district, year=YEAR)
    if (
        plan.status == CooperationPlan.Status.DRAFT
        and not plan.sections.filter(title=SECTIONS[0].title).exists()
    ):
        plan.sections.all().delete()
    ensure(CooperationPlan, {"pk": plan.pk}, {"title": TITLE})
    plan.refresh_from_db()
    for position, section in enumerate(SECTIONS, start=1):
        _load_section(plan, section, position, parent=None)
    police = Organisation.objects.get(district=district, kind=Organisation.Kind.POLICE)
    for position, area in enumerate(FOCUS_AREAS, start=1):
        row, _ = ensure(
            FocusArea,
            {"plan": plan, "position": position},
            {"title": area.title, "body": area.body, "responsible": police},
        )
        if set(row.themes.values_list("pk", flat=True)) != set(area.themes):
            row.themes.set(area.themes)
    return plan


def _load_goals(plan: CooperationPlan) -> None:
    """The plan's goals, found by focus area and statement; a reported value is filed only for
    a period without one (reported values are never changed)."""
    secretariat = User.objects.get(email=SECRETARIAT)
    police = Organisation.objects.get(district=plan.district, kind=Organisation.Kind.POLICE)
    for position, statement, values in GOALS:
        area = plan.focus_areas.get(position=position)
        reported = values["source"] == "reported"
        goal, _ = ensure(
            Goal,
            {"focus_area": area, "statement": statement},
            {
                "district": plan.district,
                "baseline_period": "2022",
                "deadline": "2026" if reported else "2025",
                "table": "",
                "measure": "",
                "area": "",
                "unit": "count",
                "reported_by": police if reported else None,
                "reported_unit": "",
                **values,
            },
        )
        if not reported:
            continue
        filed = set(goal.reported_values.values_list("period", flat=True))
        ReportedValue.objects.bulk_create(
            ReportedValue(
                goal=goal,
                period=period,
                value=Decimal(value),
                author=secretariat,
                created_at=datetime.datetime(int(period) + 1, 1, 20, 10, tzinfo=COPENHAGEN),
                note="Demo: tallet er opfundet til demoen.",
            )
            for period, value in ROAD_STRETCHES.items()
            if period not in filed
        )


def _load_section(plan, section: Section, position: int, parent) -> PlanSection:
    """The section and its subsections, to any depth."""
    row, _ = ensure(
        PlanSection,
        {"plan": plan, "parent": parent, "position": position},
        {"title": section.title, "kind": section.kind, "body": section.body},
    )
    for sub, child in enumerate(section.children, start=1):
        _load_section(plan, child, sub, parent=row)
    return row


def publish_second_district_plan(plan: CooperationPlan) -> None:
    """Discussed, approved by the kredsråd and published a fortnight later, the first time only,
    through the same actions the secretariat uses."""
    if plan.status != CooperationPlan.Status.DRAFT or plan.versions.exists():
        return
    secretariat = User.objects.get(email=SECRETARIAT)
    kredsraad = Council.objects.get(district=plan.district, kind=Council.Kind.DISTRICT)
    plan_actions.send_for_discussion(plan, by=secretariat)
    plan_actions.approve_plan(
        plan, council=kredsraad, on=APPROVED_ON, reference=APPROVAL_REFERENCE, by=secretariat
    )
    published = datetime.datetime.combine(
        APPROVED_ON + datetime.timedelta(days=14), datetime.time(10), tzinfo=COPENHAGEN
    )
    plan_actions.publish_plan(plan, by=secretariat, at=published)
