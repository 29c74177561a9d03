"""A synthetic national installation for benchmarks (`kredsraad demo --national`): all twelve
police districts set up as an administrator would, ten years of plans with focus areas,
initiatives, goals and handleplaner, the councils' meetings with approved minutes, users for
each role, and the whole of STRAF11 with FOLK1A from a seeded generator.

Nothing here is real and every text says so ("Syntetisk indsats 7 (2019)"). It is built only in
an empty database (`NotEmpty` otherwise), so it never mixes with the ordinary demo, and the
ordinary demo refuses a database that holds it. Rows are written with bulk_create in batches
rather than through the actions, which would take hours for this much history; the actions run
where they are cheap and decide something (setting a district up, publishing a plan, whose
frozen version the public site serves). The statistics go through the normal importer, so the
districts' sums and the derived totals exist exactly as after a real import. Effects are paused:
no document is built.
"""

import csv
import datetime
import hashlib
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pghistory
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.core import effects
from kredsraad.councils.models import Council, Membership, Organisation, PoliceDistrict
from kredsraad.demo.data import PASSWORD
from kredsraad.demo.statistics import CODES, shared_data
from kredsraad.goals.models import Goal, ReportedValue
from kredsraad.initiatives.models import (
    Initiative,
    InitiativeFocusArea,
    InitiativeMunicipality,
    InitiativePartner,
    Milestone,
    StatusUpdate,
)
from kredsraad.meetings.actions import PARTICIPANT_KIND, minutes_document
from kredsraad.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    Minutes,
    Paper,
    PaperContent,
    Participant,
)
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import (
    ActionPlan,
    ActionPlanItem,
    CooperationPlan,
    FocusArea,
    FocusAreaTheme,
    PlanSection,
    PlanVersion,
    Theme,
)
from kredsraad.plans.setup import set_up_district
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DOMAIN = "national.invalid"
ADMINISTRATOR = f"admin@{DOMAIN}"
LAST_YEAR = 2025  # the newest plan year; the statistics run to its fourth quarter
FIRST_STATISTICS_YEAR = 2007  # STRAF11 begins with 2007K1
SMALL_STATISTICS_YEARS = 4  # --statistics small: 2022K1-2025K4 …
SMALL_OFFENCES = ("TOT", "1", "12", "13", "1320", "3")  # … for these codes, as far as they exist
SEED = 2026
MAX_YEARS = 20  # plan years from 2006: years and quarters are written 20xx everywhere
BATCH = 2_000

FOCUS_AREAS = 10
INITIATIVES = 15
KREDSRAAD_MEETINGS = ((1, 25), (3, 15), (5, 10), (6, 20), (9, 15), (11, 20))  # (month, day)
LOKALRAAD_MEETINGS = ((1, 18), (8, 28))
STATISTICS = ("full", "small", "none")
# What the synthetic texts are about, so that a search ("indbrud") finds some of them, as it
# would in real plans; the texts stay visibly synthetic.
TOPICS = (
    "indbrud i boliger",
    "vold i nattelivet",
    "unge og kriminalitet",
    "svindel mod ældre",
    "tryghed i boligområder",
    "trafiksikkerhed",
)

# The roles the benchmark signs in as, by the prefix of their e-mail.
ROLES = (
    ("sekretariat", RoleAssignment.Role.SECRETARIAT, "Sekretariat"),
    ("analytiker", RoleAssignment.Role.ANALYST, "Analytiker"),
    ("koordinator", RoleAssignment.Role.COORDINATOR, "Koordinator"),
    ("raadsmedlem", RoleAssignment.Role.COUNCIL_MEMBER, "Rådsmedlem"),
)


class NotEmpty(Exception):
    """The database already holds plans, the ordinary demo or statistics: nothing was written.
    The message says what, in Danish."""


@dataclass
class Counts:
    """What the build made, and how long each part took (seconds, in order)."""

    districts: int = 0
    councils: int = 0
    users: int = 0
    plans: int = 0
    published_plans: int = 0
    focus_areas: int = 0
    initiatives: int = 0
    milestones: int = 0
    status_updates: int = 0
    goals: int = 0
    meetings: int = 0
    agenda_items: int = 0
    papers: int = 0
    decisions: int = 0
    minutes: int = 0
    action_plans: int = 0
    statistics_cells: int = 0
    population_rows: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    LABELS = {
        "districts": "politikredse",
        "councils": "råd (kredsråd og lokalråd)",
        "users": "brugere",
        "plans": "samarbejdsplaner",
        "published_plans": "heraf offentliggjort",
        "focus_areas": "indsatsområder",
        "initiatives": "indsatser",
        "milestones": "milepæle",
        "status_updates": "statusopdateringer",
        "goals": "mål",
        "meetings": "møder",
        "agenda_items": "dagsordenspunkter",
        "papers": "bilag",
        "decisions": "beslutninger",
        "minutes": "godkendte referater",
        "action_plans": "handleplaner",
        "statistics_cells": "statistikceller (STRAF11 m.fl.)",
        "population_rows": "folketal (FOLK1A)",
    }

    def rows(self) -> list[tuple[str, int]]:
        return [(label, getattr(self, name)) for name, label in self.LABELS.items()]


def national_email(prefix: str, district: PoliceDistrict) -> str:
    return f"{prefix}.{district.slug}@{DOMAIN}"


# Progress: the command passes a factory of core.progress.ProgressBar; tests pass nothing.
Progress = Callable[[str, int], object]


class _Silent:
    done = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def advance(self, steps: int = 1) -> None:
        pass


def refuse_unless_empty(*, statistics: str) -> None:
    """Raise NotEmpty when the database already holds plans, the ordinary demo, meetings, or
    (when statistics are to be built) any imported statistics."""
    if User.objects.filter(email__endswith="@demo.kredsraad.dk").exists():
        raise NotEmpty(
            "Databasen indeholder den almindelige demo. Landsdata bygges kun i en tom database "
            "(kredsraad migrate i en ny database), så syntetiske data aldrig blandes med demoen."
        )
    if CooperationPlan.objects.exists() or Meeting.objects.exists():
        raise NotEmpty(
            "Databasen indeholder allerede samarbejdsplaner eller møder. Landsdata bygges kun i "
            "en tom database (kredsraad migrate i en ny database)."
        )
    if statistics != "none" and Dataset.objects.exists():
        raise NotEmpty(
            "Databasen indeholder allerede statistik. Byg landsdata i en tom database, eller "
            "brug --statistics none."
        )


def build(
    *,
    districts: int = 12,
    years: int = 10,
    statistics: str = "full",
    progress: Progress | None = None,
) -> Counts:
    """Build the national dataset: the first `districts` police districts (by code), plan years
    LAST_YEAR - `years` + 1 … LAST_YEAR, and the statistics (`full`, `small` or `none`), all in
    one transaction. Raises NotEmpty (writing nothing) unless the database is empty."""
    if not 1 <= districts <= 12:
        raise ValueError("districts must be 1-12")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be 1-{MAX_YEARS}")
    if statistics not in STATISTICS:
        raise ValueError(f"statistics must be one of {STATISTICS}")
    bar = progress or (lambda label, total: _Silent())
    counts = Counts()
    clock = time.monotonic()

    def lap(label: str) -> None:
        nonlocal clock
        now = time.monotonic()
        counts.seconds[label] = round(now - clock, 1)
        clock = now

    with (
        pghistory.context(command="kredsraad demo --national"),
        transaction.atomic(),
        effects.paused(),
    ):
        refuse_unless_empty(statistics=statistics)
        plan_years = list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
        chosen = list(PoliceDistrict.objects.order_by("code")[:districts])
        worlds = _set_up(chosen, plan_years[0], bar)
        lap("kredse, råd og brugere")
        if statistics != "none":
            _import_statistics(small=statistics == "small", bar=bar)
        lap("statistik")
        with bar("Planer og indsatser", len(worlds) * len(plan_years)) as plans_bar:
            for world in worlds:
                for year in plan_years:
                    _plan_year(world, year, newest=year == LAST_YEAR and years > 1)
                    plans_bar.advance()
        lap("planer, indsatser, mål og handleplaner")
        with bar("Møder og referater", len(worlds) * len(plan_years)) as meetings_bar:
            for world in worlds:
                for year in plan_years:
                    _meetings(world, year)
                    meetings_bar.advance()
        lap("møder, bilag og referater")
        approved = list(
            CooperationPlan.objects.filter(status=CooperationPlan.Status.APPROVED)
            .select_related("district")
            .order_by("district__code", "year")
        )
        secretariats = {w.district.pk: w.users["sekretariat"] for w in worlds}
        with bar("Offentliggørelse", len(approved)) as publish_bar:
            for plan in approved:
                published = datetime.datetime(plan.year, 2, 8, 10, tzinfo=COPENHAGEN)
                plan_actions.publish_plan(plan, by=secretariats[plan.district_id], at=published)
                publish_bar.advance()
        lap("offentliggørelse af planer")
    _count(counts)
    return counts


def _count(counts: Counts) -> None:
    counts.districts = PoliceDistrict.objects.filter(plans__isnull=False).distinct().count()
    counts.councils = Council.objects.filter(district__plans__isnull=False).distinct().count()
    counts.users = User.objects.filter(email__endswith=f"@{DOMAIN}").count()
    counts.plans = CooperationPlan.objects.count()
    counts.published_plans = PlanVersion.objects.values("plan").distinct().count()
    counts.focus_areas = FocusArea.objects.count()
    counts.initiatives = Initiative.objects.count()
    counts.milestones = Milestone.objects.count()
    counts.status_updates = StatusUpdate.objects.count()
    counts.goals = Goal.objects.count()
    counts.meetings = Meeting.objects.count()
    counts.agenda_items = AgendaItem.objects.count()
    counts.papers = Paper.objects.count()
    counts.decisions = AgendaItem.objects.filter(decided=True).count()
    counts.minutes = Minutes.objects.filter(status=Minutes.Status.APPROVED).count()
    counts.action_plans = ActionPlan.objects.count()
    counts.statistics_cells = Observation.objects.count()
    counts.population_rows = Population.objects.count()


# Districts, councils and users --------------------------------------------------------------------


@dataclass
class _World:
    """One district and what its years are built from, fetched once."""

    district: PoliceDistrict
    police: Organisation
    municipalities: list  # Organisation rows of the municipalities, by name
    kredsraad: Council
    lokalraad: list[Council]
    seats: dict[int, list[Membership]]  # council pk → its seats
    users: dict[str, User]
    rng: random.Random
    plans: dict[int, CooperationPlan] = field(default_factory=dict)
    focus_areas: dict[int, list[FocusArea]] = field(default_factory=dict)
    initiatives: dict[int, list[Initiative]] = field(default_factory=dict)
    action_plans: dict[tuple[int, int], ActionPlan] = field(default_factory=dict)


def _set_up(districts: list[PoliceDistrict], first_year: int, bar: Progress) -> list["_World"]:
    """Each district set up from the registry (organisations, kredsråd, lokalråd, seats from
    1 January of the first year, the first year's draft plan), and its users."""
    password = make_password(PASSWORD)  # one hash for all: hashing is deliberately slow
    admin = User.objects.create_user(
        email=ADMINISTRATOR, password=None, full_name="Syntetisk Administrator", is_staff=True
    )
    User.objects.filter(pk=admin.pk).update(password=password, is_superuser=True)
    RoleAssignment.objects.create(user=admin, role=RoleAssignment.Role.ADMINISTRATOR)
    worlds = []
    with bar("Politikredse", len(districts)) as districts_bar:
        for district in districts:
            set_up_district(
                district, year=first_year, start=datetime.date(first_year, 1, 1), by=admin
            )
            councils = list(Council.objects.filter(district=district).order_by("kind", "name"))
            kredsraad = next(c for c in councils if c.kind == Council.Kind.DISTRICT)
            lokalraad = [c for c in councils if c.kind == Council.Kind.LOCAL]
            seats = {c.pk: [] for c in councils}
            for seat in Membership.objects.filter(council__district=district).select_related(
                "person__organisation"
            ):
                seats[seat.council_id].append(seat)
            organisations = Organisation.objects.filter(district=district)
            worlds.append(
                _World(
                    district=district,
                    police=organisations.get(kind=Organisation.Kind.POLICE),
                    municipalities=list(
                        organisations.filter(kind=Organisation.Kind.MUNICIPALITY)
                        .select_related("municipality")
                        .order_by("name")
                    ),
                    kredsraad=kredsraad,
                    lokalraad=lokalraad,
                    seats=seats,
                    users=_users(district, kredsraad, lokalraad, password),
                    rng=random.Random(f"{SEED}-{district.code}"),
                )
            )
            districts_bar.advance()
    return worlds


def _users(district, kredsraad, lokalraad, password) -> dict[str, User]:
    users = {}
    for prefix, role, label in ROLES:
        user = User.objects.create_user(
            email=national_email(prefix, district),
            password=None,
            full_name=f"Syntetisk {label} {district.name}",
        )
        User.objects.filter(pk=user.pk).update(password=password)
        scope = {
            RoleAssignment.Role.COORDINATOR: {"municipality_id": lokalraad[0].municipality_id},
            RoleAssignment.Role.COUNCIL_MEMBER: {"council": kredsraad},
        }.get(role, {"district": district})
        RoleAssignment.objects.create(user=user, role=role, **scope)
        users[prefix] = user
    return users


def sign_ins() -> list[tuple[str, str, str]]:
    """(e-mail, role and scope, password) of every user the build made, for the command's
    output, in the order they were made: the administrator, then each district's roles."""
    roles = (
        RoleAssignment.objects.filter(user__email__endswith=f"@{DOMAIN}")
        .select_related("user", "district", "municipality", "council")
        .order_by("user_id")
    )
    return [(role.user.email, str(role), PASSWORD) for role in roles]


# Statistics ---------------------------------------------------------------------------------------


def _offence_codes(*, small: bool) -> list[tuple[str, str]]:
    """(code, label): Danmarks Statistik's codes from the reference data beside the checkout when
    present, else a list of the same shape (groups and 83 types) with synthetic labels."""
    shared = shared_data()
    path = shared / "dst" / CODES if shared else None
    if path is not None and path.is_file():
        codes = importer.read_offence_codes(path.read_bytes())
    else:
        groups = ["TOT", "1", "3", "11", "12", "13", "14"]
        types = [f"1{n:03d}" for n in range(60)] + [f"3{n:03d}" for n in range(23)]
        codes = [(code, f"Syntetisk overtrædelse {code}") for code in groups + types]
    if small:
        wanted = set(SMALL_OFFENCES)
        codes = [(code, label) for code, label in codes if code in wanted]
    return codes


def statistics_periods(*, small: bool) -> list[str]:
    first = LAST_YEAR - SMALL_STATISTICS_YEARS + 1 if small else FIRST_STATISTICS_YEAR
    return [f"{year}K{quarter}" for year in range(first, LAST_YEAR + 1) for quarter in range(1, 5)]


class SyntheticRows:
    """STRAF11's cells for every area, offence and period, made while the importer reads them, so
    the 725,000 rows of a full build are never held in memory at once. The same seed gives the
    same values on every pass."""

    def __init__(self, areas: list[str], offences: list[str], periods: list[str]):
        self.areas, self.offences, self.periods = areas, offences, periods

    def __len__(self) -> int:
        return len(self.areas) * len(self.offences) * len(self.periods)

    def __iter__(self) -> Iterator[Row]:
        rng = random.Random(SEED)
        line = 1
        for area in self.areas:
            for offence in self.offences:
                for period in self.periods:
                    line += 1
                    yield Row(STRAF11, area, offence, period, rng.randrange(500), line=line)


def synthetic_straf11(*, small: bool = False) -> SyntheticRows:
    """The synthetic STRAF11 over the registry's areas (every one but the police districts,
    whose sums the importer derives) and the offence codes in the database."""
    areas = list(
        Area.objects.exclude(kind=Area.Kind.DISTRICT)
        .order_by("code")
        .values_list("code", flat=True)
    )
    wanted = {code for code, _label in _offence_codes(small=small)}
    offences = [
        c for c in Offence.objects.order_by("code").values_list("code", flat=True) if c in wanted
    ]
    return SyntheticRows(areas, offences, statistics_periods(small=small))


def synthetic_folk1a(*, small: bool = False) -> list[Row]:
    """The population on 1 January of every year for every area but the districts."""
    rng = random.Random(SEED + 1)
    first = LAST_YEAR - SMALL_STATISTICS_YEARS + 1 if small else FIRST_STATISTICS_YEAR
    areas = Area.objects.exclude(kind=Area.Kind.DISTRICT).order_by("code")
    return [
        Row(FOLK1A, area, "", f"{year}K1", rng.randrange(2_000, 600_000), line=line)
        for line, (area, year) in enumerate(
            (
                (a, y)
                for a in areas.values_list("code", flat=True)
                for y in range(first, LAST_YEAR + 1)
            ),
            start=2,
        )
    ]


def write_synthetic_files(folder: Path, *, small: bool = False) -> tuple[Path, Path]:
    """The synthetic STRAF11 and FOLK1A as CSV files in `folder`, in the columns of Danmarks
    Statistik's API, for timing `kredsraad statistics import` on a file (make bench). Loads the
    offence codes first, as the file needs them to be known. Returns the two paths."""
    importer.load_offence_codes(_offence_codes(small=small))
    names = dict(Area.objects.values_list("code", "name"))
    labels = dict(Offence.objects.values_list("code", "label"))
    straf11 = folder / "straf11_SYNTETISK_alle_koder_alle_omraader.csv"
    folk1a = folder / "folk1a_SYNTETISK_alle_omraader.csv"
    with straf11.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["OMRÅDE_kode", "OMRÅDE", "OVERTRÆD_kode", "OVERTRÆD", "TID", "INDHOLD"])
        for row in synthetic_straf11(small=small):
            writer.writerow(
                [row.area, names[row.area], row.offence, labels[row.offence], row.period, row.value]
            )
    with folk1a.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["OMRÅDE_kode", "OMRÅDE", "TID", "INDHOLD"])
        for row in synthetic_folk1a(small=small):
            writer.writerow([row.area, names[row.area], row.period, row.value])
    return straf11, folk1a


def _import_statistics(*, small: bool, bar: Progress) -> None:
    """The offence codes, then STRAF11 and FOLK1A through the importer, as a file would go."""
    importer.load_offence_codes(_offence_codes(small=small))
    fetched_at = timezone.now()
    for table, rows in (
        (STRAF11, synthetic_straf11(small=small)),
        (FOLK1A, synthetic_folk1a(small=small)),
    ):
        parsed = Parsed(table=table, format="synthetic", rows=rows)
        with bar(f"Syntetisk {table}", len(rows)) as table_bar:
            importer.apply(
                parsed,
                source=Dataset.Source.DEMO,
                file_name=f"{table.lower()}_SYNTETISK_landsdata",
                fetched_at=fetched_at,
                progress=lambda done, total, b=table_bar: b.advance(done - b.done),
            )


# One district's plan year -------------------------------------------------------------------------


def _plan_year(world: _World, year: int, *, newest: bool) -> None:
    """The year's plan (approved, to be published; the newest in draft), its sections, focus
    areas, initiatives with milestones and quarterly status updates, goals and handleplaner."""
    district = world.district
    previous = world.plans.get(year - 1)
    values = {
        "title": f"Kredsrådets samarbejdsplan {year} (syntetisk)",
        "previous": previous,
        "action_plans_due": CooperationPlan.default_action_plans_due(year),
    }
    if not newest:
        values |= {
            "status": CooperationPlan.Status.APPROVED,
            "approved_by_council": world.kredsraad,
            "approved_on": datetime.date(year, 1, 25),
            "approval_reference": f"Kredsrådets møde {year}-01-25 (syntetisk)",
        }
    plan = CooperationPlan.objects.filter(district=district, year=year).first()
    if plan is None:
        plan = CooperationPlan.objects.create(district=district, year=year, **values)
        PlanSection.objects.bulk_create(
            PlanSection(plan=plan, position=position, title=str(title), kind=kind)
            for position, (title, kind) in enumerate(plan_actions.STANDARD_SECTIONS, start=1)
        )
    else:  # the first year's, made by the setup with the standard sections
        CooperationPlan.objects.filter(pk=plan.pk).update(**values)
        plan.refresh_from_db()
    world.plans[year] = plan
    PlanSection.objects.filter(plan=plan, kind=PlanSection.Kind.ORGANISATION).update(
        body=f"Syntetisk tekst: sådan samarbejder kredsrådet og lokalrådene i {district} i {year}."
    )
    follow_up = PlanSection.objects.create(
        plan=plan,
        position=len(plan_actions.STANDARD_SECTIONS) + 1,
        title="Syntetisk opfølgning",
        body=f"Syntetisk tekst til benchmark: opfølgningen på planen for {year}.",
    )
    PlanSection.objects.create(
        plan=plan,
        parent=follow_up,
        position=1,
        title="Status hvert kvartal (syntetisk)",
        body="Syntetisk tekst: hver indsats melder status en gang i kvartalet.",
    )

    last_year = world.focus_areas.get(year - 1, [])
    areas = FocusArea.objects.bulk_create(
        FocusArea(
            plan=plan,
            position=n,
            title=f"Syntetisk indsatsområde {n} ({year})",
            body=f"Syntetisk tekst om indsatsområde {n} i {district} i {year}: "
            f"{TOPICS[n % len(TOPICS)]}.",
            responsible=world.police,
            previous=last_year[n - 1] if n <= len(last_year) else None,
        )
        for n in range(1, FOCUS_AREAS + 1)
    )
    world.focus_areas[year] = areas
    themes = list(Theme.objects.filter(retired=False).values_list("pk", flat=True))
    FocusAreaTheme.objects.bulk_create(
        FocusAreaTheme(focusarea=area, theme_id=theme)
        for n, area in enumerate(areas)
        for theme in {themes[n % len(themes)], themes[(n * 7 + year) % len(themes)]}
    )
    _initiatives(world, year, areas, newest=newest)
    _goals(world, year, areas)
    _action_plans(world, plan, areas, newest=newest)


def _initiatives(world: _World, year: int, areas: list[FocusArea], *, newest: bool) -> None:
    rng, kommuner = world.rng, world.municipalities
    last_year = world.initiatives.get(year - 1, [])
    rows = []
    for n in range(1, INITIATIVES + 1):
        kommune = kommuner[(n + year) % len(kommuner)]
        local = n % 5 == 0
        status = Initiative.Status.ACTIVE if newest else Initiative.Status.FINISHED
        if not newest and n % 7 == 0:
            status = Initiative.Status.PERMANENT
        rows.append(
            Initiative(
                district=world.district,
                external_id=f"SYN-{year}-{n:02d}",
                title=f"Syntetisk indsats {n} ({year})",
                description=f"Syntetisk beskrivelse af indsats {n} i {world.district} i {year}: "
                f"{TOPICS[(n + year) % len(TOPICS)]}.",
                lead_organisation=kommune if local or n % 2 == 0 else world.police,
                all_municipalities=n % 3 == 0,
                owner_municipality=kommune.municipality if local else None,
                starts=datetime.date(year, 1, 1),
                ends=datetime.date(year, 12, 31),
                status=status,
                continues=last_year[n - 1] if n <= 3 and n <= len(last_year) else None,
                weight=1 + n % 3,
            )
        )
    initiatives = Initiative.objects.bulk_create(rows)
    world.initiatives[year] = initiatives
    InitiativeFocusArea.objects.bulk_create(
        InitiativeFocusArea(initiative=i, focusarea=area)
        for n, i in enumerate(initiatives)
        for area in {areas[n % len(areas)], areas[(n * 3) % len(areas)]}
    )
    # A set, since a district of one municipality (Bornholm) has no second to add.
    InitiativeMunicipality.objects.bulk_create(
        InitiativeMunicipality(initiative=i, municipality_id=municipality)
        for n, i in enumerate(initiatives)
        if not i.all_municipalities
        for municipality in {kommuner[(n + k) % len(kommuner)].municipality_id for k in (0, 1)}
    )
    InitiativePartner.objects.bulk_create(
        InitiativePartner(initiative=i, organisation=partner)
        for i in initiatives
        for partner in {world.police, kommuner[rng.randrange(len(kommuner))]}
        if partner.pk != i.lead_organisation_id
    )
    done = not newest
    Milestone.objects.bulk_create(
        milestone
        for n, i in enumerate(initiatives, start=1)
        for milestone in (
            Milestone(
                initiative=i,
                title=f"Syntetisk afrapportering til kredsrådet ({year})",
                kind=Milestone.Kind.REPORT,
                due_quarter=f"{year}K2",
                done_on=datetime.date(year, 6, 20) if done else None,
            ),
            Milestone(
                initiative=i,
                title=f"Syntetisk evaluering af indsats {n}",
                kind=Milestone.Kind.EVALUATION,
                due_date=datetime.date(year, 9, 30),
                done_on=datetime.date(year, 9, 28) if done else None,
                result="Syntetisk resultat." if done else "",
            ),
            Milestone(
                initiative=i,
                title=f"Syntetisk afslutning af indsats {n}",
                kind=Milestone.Kind.COMPLETION,
                due_date=datetime.date(year, 12, 15),
                done_on=datetime.date(year, 12, 12) if done else None,
            ),
        )
    )
    authors = [world.users["sekretariat"], world.users["koordinator"]]
    now = timezone.now()
    lights = [StatusUpdate.Light.ON_TRACK] * 3 + [
        StatusUpdate.Light.CHALLENGED,
        StatusUpdate.Light.SERIOUS,
    ]
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            initiative=i,
            period=f"{year}K{quarter}",
            light=StatusUpdate.Light.FINISHED if quarter == 4 and done else rng.choice(lights),
            progress=25 * quarter,
            text=f"Syntetisk status for {year}K{quarter}: indsatsen følger planen.",
            author=authors[n % 2],
            created_at=min(_quarter_filed(year, quarter), now),
        )
        for n, i in enumerate(initiatives)
        for quarter in range(1, 5)
    )


def _quarter_filed(year: int, quarter: int) -> datetime.datetime:
    """A fortnight after the quarter ended, as a report would be filed."""
    ended = datetime.date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return datetime.datetime.combine(
        ended + datetime.timedelta(days=13), datetime.time(10), tzinfo=COPENHAGEN
    )


GOAL_MEASURES = ("1320", "12", "13", "TOT")


def _goals(world: _World, year: int, areas: list[FocusArea]) -> None:
    """One goal per focus area: every other a series of STRAF11 for the district, the rest a
    value the police report each year (a synthetic survey share)."""
    goals = Goal.objects.bulk_create(
        Goal(
            district=world.district,
            focus_area=area,
            statement=f"Syntetisk mål {n} for {year}",
            direction=Goal.Direction.DOWN if n % 2 else Goal.Direction.UP,
            target=400 + 10 * n if n % 2 else 80,
            baseline_period=str(year - 1),
            deadline=str(min(year + 2, 2099)),
            **(
                {
                    "source": Goal.Source.STATISTICS,
                    "table": STRAF11,
                    "measure": GOAL_MEASURES[n % len(GOAL_MEASURES)],
                    "area": f"politikreds:{world.district.code}",
                }
                if n % 2
                else {
                    "source": Goal.Source.REPORTED,
                    "reported_by": world.police,
                    "reported_unit": "%",
                }
            ),
        )
        for n, area in enumerate(areas, start=1)
    )
    ReportedValue.objects.bulk_create(
        ReportedValue(
            goal=goal,
            period=str(period),
            value=70 + world.rng.randrange(15),
            author=world.users["sekretariat"],
            created_at=datetime.datetime(period + 1, 1, 20, 10, tzinfo=COPENHAGEN),
            note="Syntetisk værdi.",
        )
        for goal in goals
        if goal.source == Goal.Source.REPORTED
        for period in range(year - 1, min(year + 2, LAST_YEAR) + 1)
    )


def _action_plans(world: _World, plan: CooperationPlan, areas, *, newest: bool) -> None:
    """Each lokalråd's handleplan for the year with three items: two serving focus areas of
    the plan, one a local need."""
    year = plan.year
    status = ActionPlan.Status.DRAFT if newest else ActionPlan.Status.PUBLISHED
    action_plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            council=council,
            plan=plan,
            status=status,
            introduction=f"Syntetisk handleplan for {council.name} i {year}.",
            adopted_on=None if newest else datetime.date(year, 1, 18),
            previous=world.action_plans.get((council.pk, year - 1)),
        )
        for council in world.lokalraad
    )
    for action_plan in action_plans:
        world.action_plans[action_plan.council_id, year] = action_plan
    kommune = {o.municipality_id: o for o in world.municipalities}
    ActionPlanItem.objects.bulk_create(
        ActionPlanItem(
            action_plan=action_plan,
            position=position,
            title=f"Syntetisk handling {position} ({year})",
            description="Syntetisk beskrivelse af en lokal handling.",
            focus_area=areas[(n + position) % len(areas)] if position < 3 else None,
            responsible=kommune.get(action_plan.council.municipality_id, world.police),
            starts=datetime.date(year, 2, 1),
            ends=datetime.date(year, 11, 30),
        )
        for n, action_plan in enumerate(action_plans)
        for position in (1, 2, 3)
    )


# Meetings -----------------------------------------------------------------------------------------


def _meetings(world: _World, year: int) -> None:
    """The kredsråd's six meetings and each lokalråd's two of the year, held, with agendas,
    papers, decisions, an action item and approved, frozen minutes."""
    plan = world.plans[year]
    initiatives = world.initiatives[year]
    made: list[tuple[Meeting, list[AgendaItem]]] = []
    specs = [
        (world.kredsraad, n, month, day) for n, (month, day) in enumerate(KREDSRAAD_MEETINGS, 1)
    ]
    specs += [
        (council, n, month, day)
        for council in world.lokalraad
        for n, (month, day) in enumerate(LOKALRAAD_MEETINGS, 1)
    ]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            council=council,
            title=f"{council.name}: syntetisk møde {n} {year}",
            starts_at=datetime.datetime(year, month, day, 13, tzinfo=COPENHAGEN),
            ends_at=datetime.datetime(year, month, day, 15, tzinfo=COPENHAGEN),
            place=f"Syntetisk mødested, {council.name}",
            status=Meeting.Status.MINUTES_APPROVED,
            agenda_sent_at=datetime.datetime(year, month, day, 9, tzinfo=COPENHAGEN)
            - datetime.timedelta(days=7),
        )
        for council, n, month, day in specs
    )
    participants = Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            person=seat.person,
            membership=seat,
            kind=PARTICIPANT_KIND.get(seat.role, Participant.Kind.MEMBER),
            attended=(s + number) % 6 != 0,
        )
        for meeting, (_c, number, _m, _d) in zip(meetings, specs, strict=True)
        for s, seat in enumerate(world.seats[meeting.council_id])
        if seat.role != Membership.Role.SECRETARY
    )
    items = []
    for meeting, (council, number, _m, _d) in zip(meetings, specs, strict=True):
        if council.kind == Council.Kind.DISTRICT:
            agenda = _kredsraad_agenda(plan, initiatives, number)
        else:
            agenda = _lokalraad_agenda(world.action_plans[council.pk, year], number)
        meeting_items = [
            AgendaItem(meeting=meeting, position=position, **values)
            for position, values in enumerate(agenda, start=1)
        ]
        items += meeting_items
        made.append((meeting, meeting_items))
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    # The plan records the decision that approved it, as approving at a meeting does.
    approval = [i for i in items if i.effect == AgendaItem.Effect.APPROVE_PLAN]
    if approval:
        CooperationPlan.objects.filter(pk=plan.pk).update(approval_item=approval[0])
    secretariat = world.users["sekretariat"]
    tasks = ActionItem.objects.bulk_create(
        ActionItem(
            item=item,
            title=f"Syntetisk opgave fra punkt {item.position}",
            owner="Sekretariatet (syntetisk)",
            due=item.meeting.starts_at.date() + datetime.timedelta(days=30),
            done_on=item.meeting.starts_at.date() + datetime.timedelta(days=20),
        )
        for item in items
        if item.kind == AgendaItem.Kind.DECISION
    )
    papers = Paper.objects.bulk_create(
        Paper(
            item=item,
            name=f"syntetisk-bilag-{item.meeting_id}-{item.position}.pdf",
            type=Paper.Type.PDF,
            size=len(SYNTHETIC_PDF),
            sha256=SYNTHETIC_PDF_SHA256,
            uploaded_by=secretariat,
            text="Syntetisk bilag til benchmark.",
        )
        for item in items
        if item.position in (1, 3)
    )
    PaperContent.objects.bulk_create(
        (PaperContent(paper=paper, data=SYNTHETIC_PDF) for paper in papers), batch_size=BATCH
    )
    people: dict[int, list[Participant]] = {}
    for participant in participants:
        people.setdefault(participant.meeting_id, []).append(participant)
    tasks_of: dict[int, list[ActionItem]] = {}
    for task in tasks:
        tasks_of.setdefault(task.item_id, []).append(task)
    minutes = []
    with translation.override("da"):
        for meeting, meeting_items in made:
            record = Minutes(
                meeting=meeting,
                body=MINUTES_INTRODUCTION,
                status=Minutes.Status.APPROVED,
                approved_how=Minutes.ApprovedHow.CHAIR,
                approved_on=meeting.starts_at.date() + datetime.timedelta(days=7),
                approved_by=secretariat,
            )
            # As meetings.actions.minutes_content orders them, without its queries a meeting.
            record.content = minutes_document(
                meeting,
                sorted(
                    people.get(meeting.pk, []),
                    key=lambda p: (p.kind, p.person.name, p.person.title),
                ),
                meeting_items,
                introduction=MINUTES_INTRODUCTION,
                action_items=lambda item: sorted(
                    tasks_of.get(item.pk, []), key=lambda a: (a.due, a.title)
                ),
            )
            record.html = render_to_string(
                "meetings/_minutes_document.html",
                {"document": record.content, "show_closed": True},
            )
            minutes.append(record)
    Minutes.objects.bulk_create(minutes, batch_size=BATCH)


MINUTES_INTRODUCTION = "Syntetisk referat til benchmark."


def _kredsraad_agenda(plan, initiatives, number: int) -> list[dict]:
    year = plan.year
    initiative = initiatives[(number * 2) % len(initiatives)]
    agenda = [
        {
            "title": f"Kriminalitetsudviklingen (syntetisk, {year})",
            "kind": AgendaItem.Kind.DISCUSSION,
            "topic": AgendaItem.Topic.CRIME_TRENDS,
            "description": "Syntetisk sagsfremstilling om kriminalitetens udvikling.",
            "decision": "Syntetisk: Kredsrådet drøftede udviklingen.",
        },
        {
            "title": "Status på lokalrådenes handleplaner (syntetisk)",
            "kind": AgendaItem.Kind.ORIENTATION,
            "topic": AgendaItem.Topic.ACTION_PLANS,
            "decision": "Syntetisk: Kredsrådet tog orienteringen til efterretning.",
        },
        {
            "title": f"Status for {initiative.title}",
            "kind": AgendaItem.Kind.DISCUSSION,
            "initiative": initiative,
            "description": "Syntetisk status for indsatsen.",
            "decision": "Syntetisk: Indsatsen fortsætter som planlagt.",
        },
        {
            "title": f"Syntetisk beslutningspunkt {number} ({year})",
            "kind": AgendaItem.Kind.DECISION,
            "proposal": "Syntetisk indstilling: at kredsrådet godkender forslaget.",
            "decision": "Syntetisk: Godkendt.",
        },
        {
            "title": "Opfølgning på aktionspunkter (syntetisk)",
            "kind": AgendaItem.Kind.ORIENTATION,
            "topic": AgendaItem.Topic.ACTION_ITEMS,
            "decision": "Syntetisk: Taget til efterretning.",
        },
    ]
    if number == 1 and plan.status == CooperationPlan.Status.APPROVED:
        agenda.insert(
            0,
            {
                "title": f"Godkendelse af samarbejdsplan {year} (syntetisk)",
                "kind": AgendaItem.Kind.DECISION,
                "plan": plan,
                "effect": AgendaItem.Effect.APPROVE_PLAN,
                "proposal": "Syntetisk indstilling: at kredsrådet godkender planen.",
                "decision": "Syntetisk: Planen blev godkendt.",
            },
        )
    for values in agenda:
        values["decided"] = True
    return agenda


def _lokalraad_agenda(action_plan: ActionPlan, number: int) -> list[dict]:
    year = action_plan.plan.year
    agenda = [
        {
            "title": f"Handleplan {year} (syntetisk)",
            "kind": AgendaItem.Kind.DECISION if number == 1 else AgendaItem.Kind.DISCUSSION,
            "action_plan": action_plan,
            "proposal": "Syntetisk indstilling: at lokalrådet vedtager handleplanen.",
            "decision": "Syntetisk: Vedtaget." if number == 1 else "Syntetisk: Drøftet.",
        },
        {
            "title": "Lokal tryghed (syntetisk)",
            "kind": AgendaItem.Kind.DISCUSSION,
            "decision": "Syntetisk: Drøftet.",
        },
        {"title": "Eventuelt (syntetisk)", "kind": AgendaItem.Kind.ORIENTATION},
    ]
    for values in agenda:
        values["decided"] = bool(values.get("decision"))
    return agenda


def _pdf(text: str) -> bytes:
    """A one-page PDF saying `text`, with a correct cross-reference table, so a paper opens."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


SYNTHETIC_PDF = _pdf("Syntetisk bilag til benchmark")
SYNTHETIC_PDF_SHA256 = hashlib.sha256(SYNTHETIC_PDF).hexdigest()
