"""The shapes the API answers with. Field names are English, like the code; the descriptions
in the OpenAPI document are Danish, like the docs page that shows them."""

import datetime
import re
import uuid
from typing import Annotated, Generic, TypeVar

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from kredsraad.core.text import TEXT

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25
# Beyond this a page number can only be a mistake; PostgreSQL's OFFSET has limits too.
MAX_PAGE = 100_000


class Error(Schema):
    detail: str = Field(description="Hvad der gik galt, på dansk.")


class ValidationErrorOut(Schema):
    detail: str = Field(description="Hvad der er galt med forespørgslen, på dansk.")
    errors: list[dict] = Field(description="Hver fejl med sted (loc), besked (msg) og type.")


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Sidenummer, fra 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        description=f"Rækker pr. side; højst {MAX_PAGE_SIZE} (større tal bliver til "
        f"{MAX_PAGE_SIZE}).",
    )


class Page(Schema, Generic[T]):
    count: int = Field(description="Antal rækker i alt med de valgte filtre.")
    page: int
    page_size: int = Field(description="Den sidestørrelse, der blev brugt (efter loftet).")
    pages: int = Field(description="Antal sider i alt.")
    results: list[T]


# RFC 3339 with the offset the clock showed. No place on Earth is further than 14 hours from
# UTC; an offset beyond that is a mistake, and PostgreSQL refuses those past 15:59 anyway.
MOMENT_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?"
    r"([Zz]|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$"
)
_MOMENT = re.compile(MOMENT_PATTERN)


def _moment(value):
    """A moment from a query string: RFC 3339 (as the schema says) and nothing looser, so a
    number, a date alone or a time without its offset is refused rather than guessed at."""
    if isinstance(value, datetime.datetime):
        return value
    text = value if isinstance(value, str) else ""
    try:
        if not _MOMENT.match(text):
            raise ValueError(text)
        return datetime.datetime.fromisoformat(text.upper())
    except ValueError:
        raise PydanticCustomError(
            "moment",
            _(
                "Ugyldigt tidspunkt »{value}«. Angiv dato, klokkeslæt og tidszone efter "
                "RFC 3339, fx 2024-01-31T12:00:00+01:00 (skriv + som %2B i en adresse); "
                "tidszonen kan højst være ±14:00."
            ),
            {"value": text[:40]},
        ) from None


def _day(value):
    """A day as the schema's `date` format says, yyyy-mm-dd; not a number of seconds."""
    if isinstance(value, datetime.date):
        return value
    text = value if isinstance(value, str) else ""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "day",
            _("Ugyldig dato »{value}«. Angiv den som åååå-mm-dd, fx 2024-01-31."),
            {"value": text[:40]},
        ) from None


Day = Annotated[
    datetime.date,
    BeforeValidator(_day),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Moment = Annotated[
    datetime.datetime,
    BeforeValidator(_moment),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": MOMENT_PATTERN}),
]
# A police district's short name, as in /api/districts/{slug}/.
Slug = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z0-9-]+$")]


class Modified(Schema):
    modified_since: Moment | None = Field(
        None,
        description="Kun poster ændret siden dette tidspunkt (RFC 3339 med tidszone, fx "
        "2024-01-31T12:00:00+01:00).",
    )


# Registry ------------------------------------------------------------------------------------


class DistrictOut(Schema):
    slug: str
    code: int = Field(description="Danmarks Statistiks nummer for politikredsen.")
    name: str
    phone: str
    email: str
    website: str
    modified: datetime.datetime


class MunicipalityOut(Schema):
    code: int = Field(description="Kommunekoden med tre cifre, fx 851.")
    name: str
    district: str = Field(description="Politikredsens slug.")
    region: str
    modified: datetime.datetime


class CouncilOut(Schema):
    id: int
    kind: str = Field(description="district (kredsråd) eller local (lokalråd).")
    name: str
    district: str
    municipality: int | None = Field(description="Kommunekoden for et lokalråd.")
    description: str
    meetings_per_year: int
    modified: datetime.datetime


class MembershipOut(Schema):
    id: int
    council: int
    council_name: str
    person: str = Field(description="Navn og titel; e-mailadresser vises ikke.")
    organisation: str
    represents: str
    role: str
    role_label: str
    start: datetime.date
    end: datetime.date | None
    modified: datetime.datetime


# Plans ---------------------------------------------------------------------------------------


class PlanVersionOut(Schema):
    number: int
    published_at: datetime.datetime
    change_note: str


class PlanOut(Schema):
    uuid: uuid.UUID
    district: str
    year: int
    title: str
    status: str = Field(
        description="draft, discussion, approved eller published. Uden nøgle altid published."
    )
    published_version: int | None = Field(description="Nummeret på den gældende version.")
    modified: datetime.datetime


class GoalRefOut(Schema):
    id: int
    statement: str


class FrozenGoalOut(Schema):
    """A goal as a plan's content holds it: frozen with its data date in a published version."""

    id: int
    statement: str
    direction: str = Field(description="down, up eller hold.")
    direction_label: str
    target: str = Field(description="Målværdien som tal med punktum, fx 850 eller 3.5.")
    target_text: str = Field(description="Målværdien på dansk, fx »850 anmeldelser«.")
    unit: str = Field(description="count, per_1000 eller change.")
    unit_label: str
    baseline_period: str = Field(
        description="Udgangspunktets periode, fx 2022 eller 2022K1-2022K3."
    )
    baseline_label: str
    baseline_value: str | None = Field(description="Udgangspunktets tal; null uden data.")
    baseline_text: str = Field(description="Udgangspunktet på dansk; »ingen data« uden tal.")
    deadline: str = Field(description="Fristen: et år (2025) eller et kvartal (2025K4).")
    deadline_label: str
    source: str = Field(description="statistics (statistikkens serie) eller reported.")
    indicator: str = Field(description="Indikatoren på dansk.")
    latest_period: str | None = Field(description="Perioden for seneste tal; null uden data.")
    latest_label: str | None
    latest_value: str | None = Field(description="Seneste tal; null uden data (aldrig 0).")
    latest_text: str = Field(description="Seneste tal på dansk; »ingen data« uden tal.")
    progress: str = Field(description="on_track, off_track, reached eller no_data; beregnet.")
    progress_label: str = Field(description="På vej, Ikke på vej, Nået eller Ingen data.")
    data_date: datetime.date | None = Field(
        description="Datoen for de data, værdien bygger på; i en offentliggjort version frosset."
    )
    contributes_to: GoalRefOut | None = Field(description="Strategiens mål, målet bidrager til.")


class PlanMilestoneOut(Schema):
    title: str
    kind: str | None = Field(description="evaluation, decision, report eller completion.")
    kind_label: str
    due: str | None = Field(description="Fristen: en dato (ÅÅÅÅ-MM-DD) eller et kvartal (2023K2).")
    due_label: str = Field(
        description="Fristen på dansk, fx »30. juni 2023« eller »2. kvartal 2023«."
    )


class PlanInitiativeOut(Schema):
    # Annotated, not `= Field(…)`: a default named uuid would hide the module in the class body.
    uuid: Annotated[
        uuid.UUID | None,
        Field(description="Indsatsens id; null i en version fra før id'et blev gemt."),
    ]
    title: str
    status: str = Field(description="Status på dansk, som planen nævner den.")
    lead: str | None = Field(description="Tovholderen.")
    partners: list[str] = Field(description="Samarbejdspartnerne i dansk alfabetisk orden.")
    milestones: list[PlanMilestoneOut] = Field(
        description="De kommende milepæle: ikke nået og med frist i planens år eller senere."
    )
    goals: list[FrozenGoalOut]


class PlanFocusAreaOut(Schema):
    id: int
    number: str = Field(description="Nummeret i planen, fx 05.1.")
    title: str
    themes: list[str]
    responsible: str
    goals: list[FrozenGoalOut]
    initiatives: list[PlanInitiativeOut]


class PlanDetailOut(PlanOut):
    versions: list[PlanVersionOut]
    content: dict = Field(
        description="Planens indhold: den offentliggjorte version, som den blev frosset; for "
        "brugere, der kan se planens kladde, planen som den er nu, før den offentliggøres."
    )
    focus_areas: list[PlanFocusAreaOut] = Field(
        description="Indsatsområderne fra content med deres mål og indsatser: tovholder, "
        "samarbejdspartnere, kommende milepæle og mål med fremdrift og datadato."
    )


class FocusAreaOut(Schema):
    id: int
    plan: uuid.UUID
    district: str
    year: int
    position: int
    title: str
    body: str | None = Field(
        description="Teksten i Markdown. Mens en offentliggjort plan rettes, er den tom (null) "
        "for læsere uden adgang til planen: den offentliggjorte tekst står i planens content."
    )
    themes: list[str]
    responsible: str | None
    modified: datetime.datetime


class ActionPlanItemOut(Schema):
    title: str
    description: str
    focus_area: int | None = Field(description="Indsatsområdet; tomt for et lokalt behov.")
    starts: datetime.date | None
    ends: datetime.date | None


class ActionPlanOut(Schema):
    uuid: uuid.UUID
    council: int
    council_name: str
    municipality: int
    plan: uuid.UUID
    year: int
    status: str
    adopted_on: datetime.date | None
    modified: datetime.datetime


class ActionPlanDetailOut(ActionPlanOut):
    introduction: str
    items: list[ActionPlanItemOut]


# Strategies ----------------------------------------------------------------------------------


class StrategyOut(Schema):
    uuid: uuid.UUID
    district: str
    title: str
    first_year: int = Field(description="Strategiperiodens første år.")
    last_year: int = Field(description="Strategiperiodens sidste år.")
    status: str = Field(description="draft, approved eller published. Uden nøgle altid published.")
    published_version: int | None = Field(description="Nummeret på den gældende version.")
    plans: list[uuid.UUID] = Field(
        description="De årsplaner i perioden, der er knyttet til strategien, og som læseren kan se."
    )
    modified: datetime.datetime


class StrategyDetailOut(StrategyOut):
    versions: list[PlanVersionOut]
    content: dict = Field(
        description="Strategiens indhold med mål og beregnet fremdrift: den offentliggjorte "
        "version, som den blev frosset; for brugere, der kan se strategiens kladde, strategien "
        "som den er nu, før den offentliggøres."
    )


# Initiatives ---------------------------------------------------------------------------------


class LatestStatus(Schema):
    period: str
    light: str
    progress: int


class InitiativeOut(Schema):
    uuid: uuid.UUID
    district: str
    external_id: str
    title: str
    description: str
    lead_organisation: str
    status: str
    starts: datetime.date | None
    ends: datetime.date | None
    version: int = Field(description="Stiger ved hver ændring af indsatsen.")
    latest_status: LatestStatus | None
    modified: datetime.datetime


class MilestoneOut(Schema):
    id: int
    title: str
    kind: str
    due_date: datetime.date | None
    due_quarter: str
    done_on: datetime.date | None
    result: str | None = Field(
        description="Resultatet vises kun for brugere med adgang til indsatsen."
    )
    modified: datetime.datetime


class StatusUpdateOut(Schema):
    id: int
    period: str
    light: str
    progress: int
    text: str | None = Field(description="Teksten vises kun for brugere med adgang til indsatsen.")
    author: str | None
    created_at: datetime.datetime


class StatusUpdateIn(Schema):
    # A field the API does not know is a mistake to point out, not to drop in silence.
    model_config = {"extra": "forbid"}

    # The limits below are declared for the document; the action (and, for NUL, the
    # middleware) refuses what breaks them, with a Danish message.
    period: str = Field(
        description="Kvartalet, fx 2024K2.",
        examples=["2024K2"],
        json_schema_extra={"pattern": r"^20[0-9]{2}K[1-4]$"},
    )
    light: str = Field(
        description="on_track, challenged, serious eller finished.",
        json_schema_extra={"enum": ["on_track", "challenged", "serious", "finished"]},
    )
    progress: int = Field(
        description="Fremdrift i procent, 0-100.",
        json_schema_extra={"minimum": 0, "maximum": 100},
    )
    text: str = Field(
        description=f"Kort om, hvordan det går; højst {TEXT:,} tegn.".replace(",", "."),
        json_schema_extra={"maxLength": TEXT, "pattern": "^[^\\u0000]*$"},
    )


# Meetings ------------------------------------------------------------------------------------


class AgendaItemOut(Schema):
    position: int
    title: str
    kind: str
    closed: bool
    description: str
    proposal: str
    decision: str | None = Field(description="Beslutningen, når referatet er godkendt.")


class MeetingOut(Schema):
    uuid: uuid.UUID
    council: int
    council_name: str
    district: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    status: str
    open_to_public: bool
    modified: datetime.datetime


class MeetingDetailOut(MeetingOut):
    items: list[AgendaItemOut]


# Statistics ----------------------------------------------------------------------------------


class ObservationOut(Schema):
    table: str
    area: str
    area_name: str
    offence: str
    offence_label: str
    period: str
    value: int | None = Field(description="Antallet; tomt, når det er skjult.")
    hidden: str = Field(
        description="Tomt, eller »under N« (et lille antal) eller »skjult« (skjult, så et lille "
        "antal ikke kan regnes ud af summen)."
    )


class ComparisonOut(Schema):
    area: str
    area_name: str
    offence: str
    offence_label: str
    table: str
    period: str
    baseline: str
    value: int | None
    baseline_value: int | None
    change_percent: float | None
    population: int | None
    baseline_population: int | None
    rate_per_1000: float | None
    baseline_rate_per_1000: float | None
    hidden: str = Field(description="Hvorfor tal er skjult; tomt, når intet er skjult.")
    derived: bool = Field(
        False, description="Hele landet eller regionen er beregnet som summen af kommunerne."
    )
    note: str = Field(
        "", description="Hvorfor et tal er »ingen data« (null), eller at det er beregnet."
    )
    against: "ComparisonOut | None" = None


ComparisonOut.model_rebuild()
