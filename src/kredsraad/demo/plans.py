"""Nordjyllands Politi's samarbejdsplan 2023 as demo data: its sections, the nine focus areas, the
initiatives behind them with milestones and status updates, the lokalråd's handleplaner, and a
small 2022 predecessor so that lineage and rollover have something to show.

Facts (titles of sections and focus areas, dates, places, partners) come from the real plan in
shared/seed; every text is the demo's own, short and marked as demo. The seed holds only the
2023 plan: the 2022 plan here is reconstructed from what the 2023 plan tells about 2022, and
dates the seed does not give (approvals, adoptions, milestones reached) are invented and say so.

Rows are found by their natural keys and written only when they differ, as in demo.data. Content
is restored on every run; lifecycle fields (plan and handleplan status, approval, adoption,
initiative status, milestones reached, the published version 1 of each plan) are set only when a
row is created, so a demo user who corrects a plan or closes a milestone is not undone by the
next run. Status updates are never changed (a trigger forbids it): one is filed for a period only
if the period has none.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from kredsraad.accounts.models import User
from kredsraad.councils.models import Council, Forum, Municipality, Organisation, PoliceDistrict
from kredsraad.councils.registry import ensure, municipality_title
from kredsraad.demo.data import NORDJYLLAND, POLICE, REGION
from kredsraad.demo.strategies import load_strategy
from kredsraad.goals.models import Goal, ReportedValue
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.initiatives.queries import quarter_bounds
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import (
    ActionPlan,
    ActionPlanItem,
    CooperationPlan,
    FocusArea,
    PlanSection,
)

D = datetime.date
SectionKind = PlanSection.Kind
Status = Initiative.Status
MilestoneKind = Milestone.Kind
Light = StatusUpdate.Light
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

DASH = "\N{EN DASH}"
FIRST_DAY_2023, LAST_DAY_2023 = D(2023, 1, 1), D(2023, 12, 31)

SECRETARIAT = "sekretariat@demo.kredsraad.dk"
COORDINATOR_HJOERRING = "koordinator.hjoerring@demo.kredsraad.dk"

BROENDERSLEV, FREDERIKSHAVN, VESTHIMMERLANDS, LAESOE = 810, 813, 820, 825
REBILD, MARIAGERFJORD, JAMMERBUGT, AALBORG, HJOERRING = 840, 846, 849, 851, 860


@dataclass(frozen=True)
class Section:
    title: str
    body: str = ""
    kind: str = SectionKind.TEXT
    children: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Area:
    title: str
    themes: tuple[str, ...]
    body: str
    responsible: str = POLICE
    previous: int | None = None  # position of last year's focus area it carries on


@dataclass(frozen=True)
class Plan:
    year: int
    title: str
    approved_on: datetime.date
    approval_reference: str
    sections: tuple[Section, ...]
    focus_areas: tuple[Area, ...]


@dataclass(frozen=True)
class Step:
    """A milestone."""

    title: str
    kind: str
    due_date: datetime.date | None = None
    due_quarter: str = ""
    done_on: datetime.date | None = None
    result: str = ""


@dataclass(frozen=True)
class Report:
    """A status update."""

    period: str
    light: str
    progress: int
    text: str
    author: str = SECRETARIAT


@dataclass(frozen=True)
class Project:
    """An initiative. `areas` are (plan year, focus area position); `municipalities` None means
    all of the district's."""

    external_id: str
    title: str
    description: str
    lead: str
    areas: tuple[tuple[int, int], ...]
    status: str
    starts: datetime.date | None = None
    ends: datetime.date | None = None
    partners: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    municipalities: tuple[int, ...] | None = None
    owner: int | None = None  # the municipality whose own initiative this is
    continues: str | None = None  # external id
    weight: int = 1
    milestones: tuple[Step, ...] = ()
    reports: tuple[Report, ...] = ()


@dataclass(frozen=True)
class Action:
    """A handleplan item; `focus_area` is the 2023 plan's position, None for a local need."""

    title: str
    description: str
    focus_area: int | None
    responsible: str = POLICE
    partners: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    starts: datetime.date = FIRST_DAY_2023
    ends: datetime.date = LAST_DAY_2023


DEMO_NOTE = "*Demo: en kort gengivelse skrevet til kredsraad, ikke planens egen tekst.*"

PLAN_2022 = Plan(
    year=2022,
    title="Kredsrådets samarbejdsplan 2022",
    approved_on=D(2021, 12, 7),  # demo: the seed gives no date for the 2022 approval
    approval_reference="Kredsrådets møde 4. kvartal 2021 (demo)",
    sections=(
        Section(
            "Samarbejdet i det nordjyske kredsråd og lokalrådene",
            "Politidirektøren og de ni borgmestre mødes hvert kvartal i kredsrådet, og "
            "lokalrådene følger op i kommunerne.\n\n" + DEMO_NOTE,
            SectionKind.ORGANISATION,
        ),
        Section(
            "Overordnede tendenser i kriminalitetsudviklingen",
            "Nedlukningerne i 2020 og 2021 satte et tydeligt præg på blandt andet vold i "
            "nattelivet og indbrud i boliger.",
            SectionKind.CRIME_TRENDS,
        ),
        Section(
            f"Flerårsaftalen {DASH} et mere nærværende politi",
            f"Flerårsaftalen for 2021{DASH}2023 giver flere lokalbetjente og nye nærstationer. I "
            "Nordjylland åbnede stationerne i Aars og Brønderslev i september 2021.",
        ),
        Section(
            "Indsatsområder for samarbejdet i Nordjylland i 2022",
            "Seks indsatsområder for 2022.",
            SectionKind.FOCUS_AREAS,
        ),
        Section(
            "Lokalrådenes udmøntning af samarbejdet i kommunerne",
            "Hvert lokalråd vedtager sin handleplan for 2022 senest 1. februar 2022.",
            SectionKind.LOCAL_COUNCILS,
        ),
        Section(
            "Bilag 1: De forebyggende samarbejdsfora i Nordjylland",
            kind=SectionKind.FORUMS,
        ),
    ),
    focus_areas=(
        Area(
            "Det lokale samarbejde fra to nye nærstationer",
            ("local_policing",),
            "Nærstationerne i Aars og Brønderslev skal i deres første hele år finde deres plads "
            "i lokalsamfundet.",
        ),
        Area(
            "Pilotprojekt om indsatsen mod socialbedrageri",
            ("social_fraud",),
            "Sammen med Aalborg og Brønderslev Kommune samler politiet viden om snyd med "
            "sociale ydelser gennem interviews, en workshop og en spørgeskemaundersøgelse.",
        ),
        Area(
            "Samarbejdet om sårbare borgere",
            ("vulnerable",),
            "PSP-håndbogen fra 2020 tages i brug i hele politikredsen.",
        ),
        Area(
            "Indbrud",
            ("burglary",),
            "Hjørring viser med Fri for Indbrud vejen for det indbrudsforebyggende arbejde.",
        ),
        Area(
            "Frederikshavn fri for narko",
            ("drugs", "youth_crime"),
            "Et fælles projekt mod stoffer blandt børn og unge i Frederikshavn.",
            responsible="Frederikshavn Kommune",
        ),
        Area(
            "Kør rent! og sikker trafik",
            ("traffic",),
            "Kør rent! er udbredt til alle ni kommuner, og der tages stilling til, om den skal "
            "gøres permanent.",
        ),
    ),
)

PLAN_2023 = Plan(
    year=2023,
    title="Kredsrådets samarbejdsplan 2023",
    approved_on=D(2022, 12, 6),  # demo: a plausible Q4 2022 meeting; the seed gives no date
    approval_reference="Kredsrådets møde 4. kvartal 2022 (demo)",
    sections=(
        Section(
            "Samarbejdet i det nordjyske kredsråd og lokalrådene",
            "Kredsrådet samler politidirektøren og de ni nordjyske borgmestre om politiets "
            "arbejde, kriminalitetens udvikling og den fælles forebyggelse. Rådet mødes hvert "
            "kvartal, og planen offentliggøres, når rådet har godkendt den (retsplejelovens "
            "§ 113). I hver kommune omsætter et lokalråd planen til en handleplan.\n\n" + DEMO_NOTE,
            SectionKind.ORGANISATION,
            children=(
                Section(
                    "Det løbende lokale samarbejde",
                    "Til daglig arbejder politiet sammen med kommuner, andre myndigheder, "
                    "virksomheder og foreninger. Meget af forebyggelsen foregår i faste fora, "
                    "som bilag 1 giver overblik over.",
                ),
            ),
        ),
        Section(
            "Overordnede tendenser i kriminalitetsudviklingen",
            "Efter mange års fald og to år præget af nedlukninger er 2022 det første år, hvor "
            "nattelivet og hverdagen igen var som før. Tallene herunder sammenligner de første "
            "tre kvartaler af 2022 med samme kvartaler af 2021, for kredsen, for landet og for "
            "hver kommune. Voldsforbrydelser tæller hele straffelovens gruppe, også de mange nye "
            "anmeldelser af forfølgelse (stalking), som ifølge Danmarks Statistik forklarer en "
            "stor del af stigningen i 2022.",
            SectionKind.CRIME_TRENDS,
        ),
        Section(
            "Den sikkerheds- og forsyningsmæssige situation",
            "Krigen i Ukraine har siden 2022 skærpet opmærksomheden på sikkerhed og forsyning. "
            "I Nordjylland arbejder politiet tæt sammen med andre myndigheder om blandt andet "
            "forsyningssikkerheden, og kredsrådet følger arbejdet i 2023.",
        ),
        Section(
            f"Flerårsaftalen {DASH} fortsat fokus på danskernes tryghed",
            f"Flerårsaftalen for politi og anklagemyndighed 2021{DASH}2023 skal give et nærværende "
            "politi, hurtigere straffesager og en stærkere indsats mod digital kriminalitet. "
            "Den har blandt andet givet nye nærpolitistationer, flere lokalbetjente og "
            "politigarantier.",
            children=(
                Section(
                    "Drøftelse af flerårsaftalen i kredsrådet og lokalrådene",
                    "Kredsrådet gennemgik aftalen i 2021 med vægt på det, der berører "
                    "Nordjylland, herunder nærstationerne i Aars og Brønderslev. Aftalens dele "
                    "tages op igen i kreds- og lokalråd, når de bliver aktuelle.",
                ),
                Section(
                    "Nordjyllands Politi på vej ind i flerårsaftalens sidste år",
                    "I aftalens sidste år prioriterer politiet især:\n\n"
                    "- nærstationerne som base for det lokale samarbejde\n"
                    "- målene for sagsbehandlingstider i straffesager\n"
                    "- afslutningen af pilotprojektet om socialt bedrageri\n"
                    "- erfaringerne med de nye videoafhøringsrum",
                ),
            ),
        ),
        Section(
            "Indsatsområder for samarbejdet i Nordjylland i 2023",
            "Ni indsatsområder for 2023, hvert med de indsatser, der bærer det.",
            SectionKind.FOCUS_AREAS,
        ),
        Section(
            "Lokalrådenes udmøntning af samarbejdet i kommunerne",
            "Hvert lokalråd vedtager senest 1. februar 2023 en handleplan, der bygger på "
            "indsatsområderne og kommunens egne behov.",
            SectionKind.LOCAL_COUNCILS,
        ),
        Section(
            "Bilag 1: De forebyggende samarbejdsfora i Nordjylland",
            "De faste fora, hvor politi, kommuner og andre myndigheder forebygger sammen.",
            SectionKind.FORUMS,
        ),
    ),
    focus_areas=(
        Area(
            "Det lokale samarbejde fra to nye nærstationer",
            ("local_policing", "safety"),
            "Nærstationerne i Aars og Brønderslev har siden september 2021 haft faste "
            "åbningstider og egne lokalbetjente. I 2023 udbygges samarbejdet med kommuner, "
            "foreninger og erhvervsliv, og betjentene skal hurtigt kunne sætte ind, hvor "
            "trygheden i et område pludselig er under pres.",
            previous=1,
        ),
        Area(
            "Fælles projekt fokuserer på indsats mod socialbedrageri",
            ("social_fraud",),
            "Siden midten af 2021 har Nordjyllands Politi og to andre politikredse afprøvet, "
            "hvordan snyd med sociale ydelser bedre kan opdages og retsforfølges. Aalborg og "
            "Brønderslev Kommune er med. Forsøgets tiltag evalueres omkring marts 2023, og "
            "projektet slutter i september 2023.",
            previous=2,
        ),
        Area(
            "Bedre samarbejde om indsatsen overfor sårbare borgere",
            ("vulnerable",),
            "Siden 2019 har politi, kommuner og Region Nordjylland styrket PSP-samarbejdet med "
            "en fælles håndbog, faste møder og ens registrering. I 2023 får politiet en "
            "PSP-koordinator til de tungeste sager.",
            previous=3,
        ),
        Area(
            "Udviklingen i ungdomskriminaliteten i Nordjylland følges",
            ("youth_crime",),
            "Politiet analyserer ungdomskriminaliteten i hele kredsen og i hver kommune. "
            "Kredsrådet drøfter analysen i 2. kvartal 2023 og vurderer, om der skal nye "
            "initiativer til; lokalrådene tager den op for deres kommune.",
        ),
        Area(
            "Konkrete indsatser for tryghed",
            ("safety", "nightlife"),
            "Alle skal kunne være trygge i nattelivet og til fester. Efter de tragiske "
            "hændelser i Aalborgs natteliv i februar 2022 er samarbejdet mellem politi, "
            "kommuner, region, restauratører, natteravne og unge blevet tættere, i Aalborg "
            "gennem Tryg Aalborg.",
        ),
        Area(
            "Indbrud",
            ("burglary",),
            "Hjørring Kommune og politiet arbejder med Det Kriminalpræventive Råd i Fri for "
            "Indbrud. Partnerskabet Bo trygt vil i 2023 udbrede sit koncept til alle kommuner.",
            previous=4,
        ),
        Area(
            "Fælles forebyggelsesindsats mod narko i Frederikshavn",
            ("drugs", "youth_crime"),
            "Frederikshavn fri for narko forenede forebyggelse, forældre og politiets indsats "
            "mod stoffer blandt børn og unge. Fra 2023 er arbejdet en fast del af kommunens "
            "forebyggelse under navnet No drugs more hugs.",
            responsible="Frederikshavn Kommune",
            previous=5,
        ),
        Area(
            "Tryghed og sikkerhed på nettet",
            ("online",),
            "Politiet udvikler undervisning for borgere over 60 om netsvindel, falske mails og "
            "opkald og digitale indbrud. Med Ældre Sagen holder Nordjyllands Politi i 2023 "
            "oplæg for seniorer rundt i kredsen.",
        ),
        Area(
            "Indsatser for mere sikker trafik i Nordjylland",
            ("traffic",),
            "Aalborg er med i forsøget med lavere hastighedsgrænser i byerne, Kør rent! er nu "
            "en permanent indsats mod spiritus- og narkokørsel, og et nyt projekt samler data "
            "om de uheld, politiet aldrig hører om.",
            previous=6,
        ),
    ),
)

# The plan says "most" municipalities take part in the accident-data project without naming them;
# which ones is the demo's choice.
ALL_BUT_LAESOE = (
    BROENDERSLEV,
    FREDERIKSHAVN,
    VESTHIMMERLANDS,
    REBILD,
    MARIAGERFJORD,
    JAMMERBUGT,
    AALBORG,
    HJOERRING,
)
NINE_MUNICIPALITIES = (
    "Aalborg Kommune",
    "Brønderslev Kommune",
    "Frederikshavn Kommune",
    "Hjørring Kommune",
    "Jammerbugt Kommune",
    "Læsø Kommune",
    "Mariagerfjord Kommune",
    "Rebild Kommune",
    "Vesthimmerlands Kommune",
)

# Predecessors come before the initiatives that continue them.
PROJECTS = (
    Project(
        "NJ-naerstationer",
        "Nærstationerne i Aars og Brønderslev",
        "To nærstationer med faste åbningstider og egne lokalbetjente, der arbejder tæt med "
        "kommunernes medarbejdere, foreninger og erhvervsliv.",
        POLICE,
        areas=((2022, 1), (2023, 1)),
        status=Status.ACTIVE,
        starts=D(2021, 9, 1),  # the plan: September 2021
        partners=("Vesthimmerlands Kommune", "Brønderslev Kommune"),
        municipalities=(VESTHIMMERLANDS, BROENDERSLEV),
        reports=(
            Report(
                "2023K1",
                Light.ON_TRACK,
                60,
                "Lokalbetjentene har faste aftaler med skoler og boligområder omkring begge "
                "stationer.",
            ),
            Report(
                "2023K2",
                Light.ON_TRACK,
                70,
                "Stationerne bruges til borgermøder om tryghed; samarbejdet med foreningerne "
                "vokser.",
            ),
        ),
    ),
    Project(
        "NJ-socialbedrageri-pilot",
        "Pilotprojekt mod socialt bedrageri",
        "Et projekt under flerårsaftalen, hvor politi og kommuner afprøver bedre redskaber "
        "til at opdage og retsforfølge snyd med sociale ydelser.",
        POLICE,
        areas=((2022, 2), (2023, 2)),
        status=Status.ACTIVE,
        starts=D(2021, 7, 1),  # the plan: mid-2021
        ends=D(2023, 9, 30),
        partners=("Aalborg Kommune", "Brønderslev Kommune"),
        municipalities=(AALBORG, BROENDERSLEV),
        weight=2,
        milestones=(
            Step(
                "Evaluering af forsøgsperiodens tiltag",
                MilestoneKind.EVALUATION,
                due_date=D(2023, 3, 31),
                done_on=D(2023, 3, 29),  # demo
                result="Evalueret med begge kommuner; tiltagene fortsætter til projektets "
                "afslutning (demo).",
            ),
            Step(
                "Erfaringerne fremlægges på kredsrådets møde i 2. kvartal",
                MilestoneKind.REPORT,
                due_quarter="2023K2",
                done_on=D(2023, 6, 13),  # demo
                result="Fremlagt og drøftet i kredsrådet (demo).",
            ),
            Step("Projektet afsluttes", MilestoneKind.COMPLETION, due_date=D(2023, 9, 30)),
        ),
        reports=(
            Report(
                "2023K1",
                Light.ON_TRACK,
                70,
                "Forsøgsperioden er evalueret sammen med Aalborg og Brønderslev Kommune.",
            ),
            Report(
                "2023K2",
                Light.ON_TRACK,
                85,
                "Erfaringerne er fremlagt i kredsrådet; slutrapporten er under udarbejdelse.",
            ),
        ),
    ),
    Project(
        "NJ-psp-samarbejde",
        "Styrket PSP-samarbejde om sårbare borgere",
        "Politi, socialforvaltninger og psykiatri arbejder efter en fælles håndbog, så "
        "psykisk sårbare borgere får den rette hjælp.",
        POLICE,
        areas=((2022, 3), (2023, 3)),
        status=Status.ACTIVE,
        starts=D(2019, 1, 1),  # the plan: begun in 2019
        partners=(REGION,),
        forums=("PSP",),
        reports=(
            Report("2023K1", Light.ON_TRACK, 50, "Håndbogen er i brug i alle ni kommuner."),
            Report("2023K2", Light.ON_TRACK, 55, "Fælles seminar for PSP-medarbejderne holdt."),
        ),
    ),
    Project(
        "NJ-psp-koordinator",
        "PSP-koordinator i Nordjyllands Politi",
        "En koordinator hos politiet hjælper psykiatri og kommuner med at handle hurtigt i de "
        "tungeste sager.",
        POLICE,
        areas=((2023, 3),),
        status=Status.ACTIVE,
        starts=D(2023, 1, 1),
        partners=(REGION,),
        forums=("PSP",),
        milestones=(
            Step(
                "PSP-koordinatoren er ansat",
                MilestoneKind.DECISION,
                due_quarter="2023K2",
                done_on=D(2023, 5, 1),  # demo
            ),
        ),
        reports=(
            Report(
                "2023K1", Light.CHALLENGED, 20, "Stillingen er slået op; ansættelsen trækker ud."
            ),
            Report(
                "2023K2", Light.ON_TRACK, 45, "Koordinatoren er tiltrådt og deltager i PSP-møderne."
            ),
        ),
    ),
    Project(
        "NJ-ungdomskriminalitet-analyse",
        "Analyse af ungdomskriminaliteten 2023",
        "Politiets analyse af ungdomskriminaliteten i kredsen og i hver kommune, som "
        "grundlag for kredsrådets og lokalrådenes drøftelser.",
        POLICE,
        areas=((2023, 4),),
        status=Status.ACTIVE,
        starts=D(2023, 1, 1),
        ends=D(2023, 12, 31),
        partners=("Ungdomskriminalitetsnævnet",),
        forums=("SSP", "§ 115-udvalg", "Ungdomskriminalitetsnævnet"),
        milestones=(
            Step(
                "Analysen drøftes på kredsrådets møde i 2. kvartal",
                MilestoneKind.REPORT,
                due_quarter="2023K2",
                done_on=D(2023, 6, 13),  # demo
                result="Drøftet; ingen nye fælles initiativer lige nu (demo).",
            ),
            Step("Analysen drøftes i lokalrådene", MilestoneKind.REPORT, due_quarter="2023K3"),
        ),
        reports=(
            Report("2023K1", Light.ON_TRACK, 40, "Tallene for 2022 er trukket; analysen skrives."),
            Report("2023K2", Light.ON_TRACK, 80, "Analysen er drøftet i kredsrådet."),
        ),
    ),
    Project(
        "NJ-natteliv",
        "Trygge festmiljøer og natteliv i Nordjylland",
        "Politi, kommuner, restauratører, dørmænd og frivillige samarbejder om trygheden i "
        "nattelivet og ved store arrangementer.",
        POLICE,
        areas=((2023, 5),),
        status=Status.ACTIVE,
        partners=("Natteravnene",),
        reports=(
            Report("2023K1", Light.ON_TRACK, 30, "Sommerens store arrangementer er planlagt."),
            Report("2023K2", Light.ON_TRACK, 50, "Fælles vagtplaner for sommerfesterne aftalt."),
        ),
    ),
    Project(
        "NJ-tryg-aalborg-natteliv",
        "Trygt natteliv i Aalborg (Tryg Aalborg)",
        "Tryg Aalborgs indsatsområde for nattelivet: safehouse i Jomfru Ane Gade, sikkerhed "
        "ved havnefronten og en arbejdsgruppe af byens unge.",
        "Tryg Aalborg",
        areas=((2023, 5),),
        status=Status.ACTIVE,
        starts=D(2022, 3, 1),  # demo: the plan says after February 2022
        partners=("Aalborg Kommune", POLICE, REGION, "Natteravnene"),
        municipalities=(AALBORG,),
        owner=AALBORG,
        milestones=(
            Step(
                "Ungearbejdsgruppens erfaringer til lokalrådet",
                MilestoneKind.REPORT,
                due_quarter="2023K3",
            ),
        ),
        reports=(
            Report("2023K1", Light.ON_TRACK, 40, "Ungearbejdsgruppen mødes hver måned."),
            Report(
                "2023K2",
                Light.CHALLENGED,
                50,
                "Der mangler frivillige natteravne til weekenderne i sommerperioden.",
            ),
        ),
    ),
    Project(
        "NJ-fri-for-indbrud",
        "Fri for Indbrud i Hjørring",
        "Et co-creationprojekt, hvor kommune, politi og Det Kriminalpræventive Råd med lokale "
        "aktører forebygger indbrud i hele kommunen.",
        POLICE,
        areas=((2022, 4), (2023, 6)),
        status=Status.ACTIVE,
        partners=("Hjørring Kommune", "Det Kriminalpræventive Råd"),
        municipalities=(HJOERRING,),
        owner=HJOERRING,
        reports=(
            Report(
                "2023K1",
                Light.ON_TRACK,
                50,
                "Nabohjælp er sat i gang i to nye boligområder.",
                COORDINATOR_HJOERRING,
            ),
            Report(
                "2023K2",
                Light.ON_TRACK,
                60,
                "Indbrudsforebyggelse er nu fast punkt på borgermøderne.",
                COORDINATOR_HJOERRING,
            ),
        ),
    ),
    Project(
        "NJ-bo-trygt",
        "Udbredelse af Bo trygt i Nordjylland",
        "Partnerskabet Bo trygt rådgiver om færre indbrud sammen med kommuner, "
        "forsikringsselskaber, politi og medier og vil nå alle kommuner.",
        "Det Kriminalpræventive Råd",
        areas=((2023, 6),),
        status=Status.ACTIVE,
        starts=D(2023, 1, 1),
        ends=D(2023, 12, 31),
        partners=("TrygFonden", POLICE),
        milestones=(
            Step(
                "Udbredelsen af Bo trygt drøftes i kredsrådet",
                MilestoneKind.REPORT,
                due_quarter="2023K3",
            ),
        ),
        reports=(
            Report(
                "2023K1",
                Light.ON_TRACK,
                15,
                "Hjørrings erfaringer er samlet til de andre kommuner.",
            ),
            Report("2023K2", Light.CHALLENGED, 25, "Kun tre kommuner har meldt sig indtil videre."),
        ),
    ),
    # Demo: Aalborg's own burglary initiative, so that a citizen asking what is done about
    # burglary in Aalborg finds an answer on the public site (search and filters).
    Project(
        "NJ-nabohjaelp-aalborg",
        "Nabohjælp mod indbrud i Aalborg",
        "Aalborg Kommune og politiet udbreder Nabohjælp i villakvartererne i Aalborg Øst og "
        "Vejgaard, hvor naboerne holder øje med hinandens huse og forebygger indbruddene.",
        "Aalborg Kommune",
        areas=((2023, 6),),
        status=Status.ACTIVE,
        starts=D(2023, 3, 1),
        partners=(POLICE, "Det Kriminalpræventive Råd"),
        municipalities=(AALBORG,),
        owner=AALBORG,
        reports=(
            Report("2023K1", Light.ON_TRACK, 10, "Materialet er klar, og de første møder aftalt."),
            Report("2023K2", Light.ON_TRACK, 30, "To grundejerforeninger i Aalborg Øst er med."),
        ),
    ),
    Project(
        "NJ-frederikshavn-fri-for-narko",
        "Frederikshavn fri for narko",
        "Co-creationprojekt mod stoffer blandt børn og unge: forebyggelse, forældre, "
        "formidling og politiets indsats, organiseret i syv udviklingsplatforme.",
        POLICE,
        areas=((2022, 5),),
        status=Status.FINISHED,
        starts=D(2022, 1, 1),  # demo: the plan gives no start; it describes the 2022 work
        ends=D(2022, 12, 31),
        partners=("Frederikshavn Kommune",),
        forums=("SSP",),
        municipalities=(FREDERIKSHAVN,),
        milestones=(
            Step(
                "Projektet bliver en fast del af kommunens forebyggelse",
                MilestoneKind.DECISION,
                due_quarter="2022K4",
                done_on=D(2022, 12, 31),
                result="Fortsætter fra 2023 som No drugs more hugs.",
            ),
        ),
        reports=(
            Report(
                "2022K4",
                Light.FINISHED,
                100,
                "Projektet er afsluttet og fortsætter som No drugs more hugs.",
            ),
        ),
    ),
    Project(
        "NJ-no-drugs-more-hugs",
        "No drugs more hugs",
        "Frederikshavns faste forebyggelse mod stoffer blandt børn og unge, videreført fra "
        "Frederikshavn fri for narko.",
        "Frederikshavn Kommune",
        areas=((2023, 7),),
        status=Status.PERMANENT,
        starts=D(2023, 1, 1),
        partners=(POLICE,),
        forums=("SSP",),
        municipalities=(FREDERIKSHAVN,),
        owner=FREDERIKSHAVN,
        continues="NJ-frederikshavn-fri-for-narko",
        milestones=(
            Step(
                "Første år som fast indsats gøres op",
                MilestoneKind.EVALUATION,
                due_quarter="2023K4",
            ),
        ),
        reports=(
            Report("2023K1", Light.ON_TRACK, 30, "Forældremøder holdt på alle overbygningsskoler."),
            Report("2023K2", Light.ON_TRACK, 50, "Nye netværk med foreningerne er på plads."),
        ),
    ),
    Project(
        "NJ-seniorer-paa-nettet",
        "Oplæg for seniorer om tryghed på nettet",
        "Politiet holder oplæg for borgere over 60 om netsvindel, falske mails og opkald, på "
        "grundlag af et nyt undervisningsmateriale.",
        POLICE,
        areas=((2023, 8),),
        status=Status.ACTIVE,
        starts=D(2023, 1, 1),
        ends=D(2023, 12, 31),
        partners=("Ældre Sagen",),
        milestones=(
            Step(
                "Oplæg holdt i hele politikredsen",
                MilestoneKind.COMPLETION,
                due_date=D(2023, 12, 31),
            ),
        ),
        reports=(
            Report(
                "2023K1", Light.CHALLENGED, 10, "Undervisningsmaterialet er ikke færdigt endnu."
            ),
            Report(
                "2023K2", Light.ON_TRACK, 30, "De første oplæg er holdt sammen med Ældre Sagen."
            ),
        ),
    ),
    Project(
        "NJ-lavere-hastighed-aalborg",
        "Forsøg med lavere hastighedsgrænser i Aalborg",
        "Aalborg Kommune har med politiet udpeget strækninger i Aalborg, Nørresundby og tre "
        "mindre byer syd for Aalborg; politiet kontrollerer dem periodevis.",
        "Aalborg Kommune",
        areas=((2023, 9),),
        status=Status.ACTIVE,
        starts=D(2023, 1, 1),
        ends=D(2023, 12, 31),
        partners=(POLICE, "Transportministeriet"),
        municipalities=(AALBORG,),
        milestones=(
            Step(
                "Rammerne for forsøgsordningen er afklaret",
                MilestoneKind.DECISION,
                due_quarter="2023K2",
            ),
        ),
        reports=(
            Report("2023K1", Light.CHALLENGED, 10, "Rammerne for forsøget er endnu ikke afklaret."),
            Report(
                "2023K2",
                Light.SERIOUS,
                15,
                "Rammerne mangler stadig, så kontrollerne er udskudt til efteråret.",
            ),
        ),
    ),
    Project(
        "NJ-koer-rent",
        "Kør rent!",
        "Spiritus- og narkobilister, som politiet stopper, tilbydes kontakt til en "
        "rusmiddelrådgiver i deres kommune. Indsatsen blev gjort permanent i 2022.",
        POLICE,
        areas=((2022, 6), (2023, 9)),
        status=Status.PERMANENT,
        partners=NINE_MUNICIPALITIES,
        milestones=(
            Step(
                "Den permanente model er indarbejdet hos kommuner og politi",
                MilestoneKind.COMPLETION,
                due_date=D(2023, 12, 31),
            ),
        ),
        reports=(
            Report(
                "2023K1", Light.ON_TRACK, 60, "Nye arbejdsgange aftalt med misbrugskonsulenterne."
            ),
            Report(
                "2023K2", Light.ON_TRACK, 75, "Syv af ni kommuner arbejder efter den nye model."
            ),
        ),
    ),
    Project(
        "NJ-uheldsdata",
        "Bredere data om færdselsuheld",
        "Data om de færdselsuheld, der ikke anmeldes til politiet, skal hjælpe kommunerne med "
        "at forebygge og politiet med at målrette kontrollerne.",
        POLICE,
        areas=((2023, 9),),
        status=Status.ACTIVE,
        starts=D(2023, 1, 1),
        ends=D(2026, 12, 31),
        partners=("Aalborg Universitet", REGION),
        municipalities=ALL_BUT_LAESOE,
        weight=2,
        milestones=(
            Step(
                "Dataindsamlingen er i gang hos alle deltagere",
                MilestoneKind.DECISION,
                due_quarter="2023K4",
            ),
            Step("Projektet afsluttes", MilestoneKind.COMPLETION, due_quarter="2026K4"),
        ),
        reports=(
            Report(
                "2023K1", Light.ON_TRACK, 5, "Aftaler om dataudveksling er sendt til kommunerne."
            ),
            Report("2023K2", Light.ON_TRACK, 10, "Dataindsamlingen er begyndt på skadestuerne."),
        ),
    ),
)

# Lokalrådenes handleplaner for 2023: kommunekode → (vedtaget den, handlinger). The adoption
# dates are the demo's; Jammerbugt is late (and not yet published) and Vesthimmerlands has none.
ACTION_PLANS = {
    AALBORG: (
        D(2023, 1, 24),
        (
            Action(
                "Trygt natteliv i Jomfru Ane Gade og på havnefronten",
                "Fælles vagter, safehouse og dialog med restauratørerne i weekenderne.",
                5,
                "Aalborg Kommune",
                partners=(POLICE, "Tryg Aalborg", "Natteravnene"),
            ),
            Action(
                "Erfaringer fra projektet mod socialt bedrageri",
                "Kommunens kontrolenhed og politiet gør forsøgsperioden op.",
                2,
                "Aalborg Kommune",
                partners=(POLICE,),
                ends=D(2023, 9, 30),
            ),
            Action(
                "Kontrol på forsøgsstrækningerne med lavere hastighed",
                "Politiet kontrollerer de udpegede strækninger periodevis.",
                9,
                partners=("Aalborg Kommune",),
                starts=D(2023, 3, 1),
            ),
            Action(
                "Bekymringer om radikalisering samles i Infohuset",
                "Lokalt behov: fast gennemgang af nye henvendelser hver måned.",
                None,
                forums=("Infohus",),
            ),
        ),
    ),
    BROENDERSLEV: (
        D(2023, 1, 17),
        (
            Action(
                "Lokalbetjentene fra nærstationen på skoler og i boligområder",
                "Faste besøg og kontakt til boligforeningerne.",
                1,
                partners=("Brønderslev Kommune",),
            ),
            Action(
                "Socialbedrageri: fra forsøg til fast praksis",
                "Jobcentret og politiet beslutter, hvad der fortsætter efter projektet.",
                2,
                "Brønderslev Kommune",
                partners=(POLICE,),
            ),
            Action(
                "SSP-oplæg om rusmidler i 8. klasse",
                "Oplæg for elever og forældre på alle skoler.",
                4,
                "Brønderslev Kommune",
                forums=("SSP",),
            ),
        ),
    ),
    FREDERIKSHAVN: (
        D(2023, 1, 26),
        (
            Action(
                "No drugs more hugs i skoler og foreninger",
                "Forebyggelsen fortsætter som fast indsats med SSP.",
                7,
                "Frederikshavn Kommune",
                partners=(POLICE,),
                forums=("SSP",),
            ),
            Action(
                "Forældremøder om rusmidler",
                "Et møde pr. overbygningsskole i foråret.",
                7,
                "Frederikshavn Kommune",
                ends=D(2023, 6, 30),
            ),
            Action(
                "Tryghed i Skagen i sommersæsonen",
                "Lokalt behov: synligt politi og natteravne i højsæsonen.",
                None,
                partners=("Frederikshavn Kommune", "Natteravnene"),
                starts=D(2023, 6, 1),
                ends=D(2023, 8, 31),
            ),
        ),
    ),
    HJOERRING: (
        D(2023, 1, 19),
        (
            Action(
                "Fri for Indbrud: nabohjælp i flere boligområder",
                "Projektet breder nabohjælpen ud til nye områder.",
                6,
                "Hjørring Kommune",
                partners=(POLICE, "Det Kriminalpræventive Råd"),
            ),
            Action(
                "Bo trygt-rådgivning til nye boligejere",
                "Rådgivning om sikring af boligen ved indflytning.",
                6,
                "Hjørring Kommune",
                partners=("TrygFonden",),
            ),
            Action(
                "Kriminalitetstruede unge i § 115-udvalget",
                "Fælles opfølgning på de unge, der er i særlig risiko.",
                4,
                "Hjørring Kommune",
                partners=(POLICE,),
                forums=("§ 115-udvalg",),
            ),
        ),
    ),
    JAMMERBUGT: (
        D(2023, 2, 20),
        (
            Action(
                "Trygge sommerfester i feriebyerne",
                "Fælles planlægning af sommerens store fester ved kysten.",
                5,
                partners=("Jammerbugt Kommune", "Natteravnene"),
                starts=D(2023, 5, 1),
                ends=D(2023, 8, 31),
            ),
            Action(
                "SSP+ for de 18-25-årige",
                "Tværfaglige tilbud til unge voksne på kanten af kriminalitet.",
                4,
                "Jammerbugt Kommune",
                forums=("SSP+",),
            ),
        ),
    ),
    LAESOE: (
        D(2023, 1, 12),
        (
            Action(
                "Synligt nærpoliti på øen i højsæsonen",
                "Lokalbetjent til stede ved færgen og på havnen i sommermånederne.",
                1,
                partners=("Læsø Kommune",),
                starts=D(2023, 6, 1),
                ends=D(2023, 8, 31),
            ),
            Action(
                "Oplæg for seniorer om svindel på nettet",
                "Et oplæg i forsamlingshuset med Ældre Sagen.",
                8,
                partners=("Læsø Kommune", "Ældre Sagen"),
            ),
        ),
    ),
    MARIAGERFJORD: (
        D(2023, 1, 30),
        (
            Action(
                "Kør rent! i kommunens rusmiddelbehandling",
                "Den permanente model indarbejdes i rusmiddelcentret.",
                9,
                "Mariagerfjord Kommune",
                partners=(POLICE,),
            ),
            Action(
                "PSP-møder om borgere med psykiske vanskeligheder",
                "Faste møder mellem politi, socialforvaltning og psykiatri.",
                3,
                "Mariagerfjord Kommune",
                partners=(POLICE, REGION),
                forums=("PSP",),
            ),
            Action(
                "Tryghed ved stationer og busterminaler",
                "Lokalt behov: fælles gennemgang af belysning og opholdssteder.",
                None,
                "Mariagerfjord Kommune",
                partners=(POLICE,),
            ),
        ),
    ),
    REBILD: (
        D(2023, 1, 25),
        (
            Action(
                "Indbrudsforebyggelse i landsbyerne",
                "Borgermøder om nabohjælp og sikring af boligen.",
                6,
                partners=("Rebild Kommune",),
            ),
            Action(
                "Trafiksikkerhed ved skolerne",
                "Kontroller og kampagne ved skolestart.",
                9,
                partners=("Rebild Kommune",),
                starts=D(2023, 8, 1),
                ends=D(2023, 9, 30),
            ),
        ),
    ),
}


def load_plans() -> None:
    """Load the 2022 and 2023 plans, their initiatives and the 2023 handleplaner. Run after
    demo.data.load_demo, whose organisations, forums, councils and users it uses. The caller
    owns the transaction and the history context."""
    nord = PoliceDistrict.objects.get(code=NORDJYLLAND)
    kredsraad = Council.objects.get(district=nord, kind=Council.Kind.DISTRICT)
    organisations = {
        o.name: o for o in Organisation.objects.filter(Q(district=nord) | Q(district=None))
    }
    forums = {f.name: f for f in Forum.objects.filter(district=nord)}
    municipalities = {m.code: m for m in Municipality.objects.filter(district=nord)}

    previous = None
    focus_areas = {}
    new_plans = []
    for data in (PLAN_2022, PLAN_2023):
        is_new = not CooperationPlan.objects.filter(district=nord, year=data.year).exists()
        plan = _load_plan(data, nord, kredsraad, previous)
        focus_areas |= _load_focus_areas(data, plan, organisations, focus_areas)
        previous = plan
        if is_new:
            new_plans.append((plan, data))

    initiatives = _load_initiatives(nord, organisations, forums, municipalities, focus_areas)
    _file_reports(initiatives)
    _load_action_plans(previous, organisations, forums, focus_areas)
    _load_goals(focus_areas, organisations)
    # The 2023 plan shows its strategy's goals, so the strategy is published before it.
    load_strategy(previous)
    _publish(new_plans)


def _publish(new_plans: list[tuple[CooperationPlan, Plan]]) -> None:
    """Both plans were published, so a new demo holds version 1 of each, dated a fortnight
    after approval (demo: the seed gives no publication date). Rolling over to 2024 shows the
    whole cycle from draft."""
    secretariat = User.objects.get(email=SECRETARIAT)
    for plan, data in new_plans:
        published = datetime.datetime.combine(
            data.approved_on + datetime.timedelta(days=14), datetime.time(10), tzinfo=COPENHAGEN
        )
        plan_actions.publish_plan(plan, by=secretariat, at=published)


def _load_plan(data: Plan, nord, kredsraad, previous) -> CooperationPlan:
    plan, _ = ensure(
        CooperationPlan,
        {"district": nord, "year": data.year},
        {
            "title": data.title,
            "previous": previous,
            "action_plans_due": CooperationPlan.default_action_plans_due(data.year),
        },
        initial={
            "status": CooperationPlan.Status.APPROVED,
            "approved_by_council": kredsraad,
            "approved_on": data.approved_on,
            "approval_reference": data.approval_reference,
        },
    )
    for position, section in enumerate(data.sections, start=1):
        parent = _load_section(plan, section, position, parent=None)
        for sub, child in enumerate(section.children, start=1):
            _load_section(plan, child, sub, parent=parent)
    return plan


def _load_section(plan, section: Section, position: int, parent) -> PlanSection:
    # Subsections are numbered within their parent, so the key includes it.
    row, _ = ensure(
        PlanSection,
        {"plan": plan, "parent": parent, "position": position},
        {"title": section.title, "kind": section.kind, "body": section.body},
    )
    return row


def _load_focus_areas(data: Plan, plan, organisations, earlier) -> dict[tuple[int, int], FocusArea]:
    """The plan's focus areas keyed by (year, position); `earlier` holds last year's."""
    loaded = {}
    for position, area in enumerate(data.focus_areas, start=1):
        loaded[data.year, position], _ = ensure(
            FocusArea,
            {"plan": plan, "position": position},
            {
                "title": area.title,
                "body": area.body,
                "responsible": organisations[area.responsible],
                "previous": earlier.get((data.year - 1, area.previous)),
            },
        )
        row = loaded[data.year, position]
        # Themes are plans.Theme rows named by code; set only when they differ, so a second
        # run writes nothing.
        if set(row.themes.values_list("pk", flat=True)) != set(area.themes):
            row.themes.set(area.themes)
    return loaded


def _load_initiatives(nord, organisations, forums, municipalities, focus_areas):
    loaded = {}
    for project in PROJECTS:
        covered = project.municipalities
        initiative, _ = ensure(
            Initiative,
            {"district": nord, "external_id": project.external_id},
            {
                "title": project.title,
                "description": project.description,
                "lead_organisation": organisations[project.lead],
                "all_municipalities": covered is None,
                "owner_municipality": municipalities.get(project.owner),
                "starts": project.starts,
                "ends": project.ends,
                "continues": loaded.get(project.continues),
                "weight": project.weight,
            },
            initial={"status": project.status},
        )
        _set_related(initiative, "partners", [organisations[name] for name in project.partners])
        _set_related(initiative, "forums", [forums[name] for name in project.forums])
        _set_related(initiative, "municipalities", [municipalities[code] for code in covered or ()])
        _set_related(initiative, "focus_areas", [focus_areas[key] for key in project.areas])
        for step in project.milestones:
            ensure(
                Milestone,
                {"initiative": initiative, "title": step.title},
                {"kind": step.kind, "due_date": step.due_date, "due_quarter": step.due_quarter},
                initial={"done_on": step.done_on, "result": step.result},
            )
        loaded[project.external_id] = initiative
    return loaded


def _file_reports(initiatives: dict[str, Initiative]) -> None:
    authors = {
        u.email: u for u in User.objects.filter(email__in=[SECRETARIAT, COORDINATOR_HJOERRING])
    }
    filed = set(
        StatusUpdate.objects.filter(initiative__in=initiatives.values()).values_list(
            "initiative_id", "period"
        )
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            initiative=initiatives[project.external_id],
            period=report.period,
            light=report.light,
            progress=report.progress,
            text=report.text,
            author=authors[report.author],
            created_at=_filed_at(report.period),
        )
        for project in PROJECTS
        for report in project.reports
        if (initiatives[project.external_id].pk, report.period) not in filed
    )


def _filed_at(period: str) -> datetime.datetime:
    """When a demo report would have been filed: a fortnight after its quarter ended."""
    _, last_day = quarter_bounds(period)
    filed = datetime.datetime.combine(
        last_day + datetime.timedelta(days=14), datetime.time(10), tzinfo=COPENHAGEN
    )
    return min(filed, timezone.now())


def _load_action_plans(plan, organisations, forums, focus_areas) -> None:
    councils = Council.objects.filter(
        municipality__code__in=ACTION_PLANS, district=plan.district_id
    ).select_related("municipality")
    for council in councils:
        adopted_on, actions = ACTION_PLANS[council.municipality.code]
        action_plan, _ = ensure(
            ActionPlan,
            {"council": council, "plan": plan},
            {
                "introduction": f"Demo: lokalrådets handleplan for {plan.year} i "
                f"{municipality_title(council.municipality.code, council.municipality.name)}. "
                "Den bygger på samarbejdsplanens indsatsområder og kommunens egne behov."
            },
            initial={"status": _action_plan_status(council), "adopted_on": adopted_on},
        )
        for position, action in enumerate(actions, start=1):
            item, _ = ensure(
                ActionPlanItem,
                {"action_plan": action_plan, "title": action.title},
                {
                    "position": position,
                    "description": action.description,
                    "focus_area": focus_areas.get((plan.year, action.focus_area)),
                    "responsible": organisations[action.responsible],
                    "starts": action.starts,
                    "ends": action.ends,
                },
            )
            _set_related(item, "partners", [organisations[name] for name in action.partners])
            _set_related(item, "forums", [forums[name] for name in action.forums])


def _action_plan_status(council) -> str:
    """The handleplaner adopted in time are published; Jammerbugt's, adopted late, awaits its
    publication, so a koordinator or the secretariat can show that step."""
    if council.municipality.code == JAMMERBUGT:
        return ActionPlan.Status.ADOPTED
    return ActionPlan.Status.PUBLISHED


def _set_related(row, field: str, objects) -> None:
    """Make the row's many-to-many `field` hold exactly `objects`, touching only the rows that
    differ (as demo.data does for forums)."""
    relation = type(row)._meta.get_field(field)
    through = relation.remote_field.through
    own, other = relation.m2m_column_name(), relation.m2m_reverse_name()
    wanted = {o.pk for o in objects}
    current = set(through.objects.filter(**{own: row.pk}).values_list(other, flat=True))
    through.objects.bulk_create(
        [through(**{own: row.pk, other: pk}) for pk in sorted(wanted - current)]
    )
    if current - wanted:
        through.objects.filter(**{own: row.pk, f"{other}__in": current - wanted}).delete()


# Goals of the 2023 plan: (focus area position, statement, values). The seed plan states no
# measurable goals; these are the demo's own, on the real figures of ../shared/data/dst.
# Traffic injuries come from UHELDK1, which kredsraad cannot store yet (issue 14): that goal
# shows "ingen data" until the table is imported.
NJ = "politikreds:1"
GOALS_2023 = (
    (
        6,
        "Færre indbrud i beboelser i Nordjylland i 2025 end i 2022",
        {"direction": "down", "target": 850, "table": "STRAF11", "measure": "1320", "area": NJ},
    ),
    (
        5,
        "15 % færre voldsforbrydelser i Nordjylland i 2025 end i 2022",
        {
            "direction": "down",
            "target": -15,
            "table": "STRAF11",
            "measure": "12",
            "area": NJ,
            "unit": "change",
        },
    ),
    (
        9,
        "Færre dræbte og tilskadekomne i trafikken i Region Nordjylland i 2025 end i 2022",
        {
            "direction": "down",
            "target": 400,
            "table": "UHELDK1",
            "measure": "Personskade i alt",
            "area": "081",
        },
    ),
    (
        1,
        "Flere borgere føler sig trygge i deres lokalområde (demo: politiets tryghedsundersøgelse)",
        {"direction": "up", "target": 80, "source": "reported", "reported_unit": "%"},
    ),
)
# The reported goal's values per year (demo figures), filed in January after the year.
SURVEY = {"2022": 76, "2023": Decimal("77.5"), "2024": 79}


def _load_goals(focus_areas, organisations) -> None:
    """The 2023 plan's goals, found by focus area and statement; reported values are filed
    only for a period without one (they are never changed)."""
    secretariat = User.objects.get(email=SECRETARIAT)
    for position, statement, values in GOALS_2023:
        area = focus_areas[2023, position]
        reported = values.get("source") == "reported"
        goal, _ = ensure(
            Goal,
            {"focus_area": area, "statement": statement},
            {
                "district_id": area.plan.district_id,
                "position": 0,
                "baseline_period": "2022",
                "deadline": "2025",
                "source": "statistics",
                "unit": "count",
                "area": "",
                "reported_by": organisations[POLICE] if reported else None,
                **{**values, "target": Decimal(values["target"])},
            },
        )
        if reported:
            filed = set(goal.reported_values.values_list("period", flat=True))
            ReportedValue.objects.bulk_create(
                ReportedValue(
                    goal=goal,
                    period=period,
                    value=Decimal(value),
                    author=secretariat,
                    created_at=datetime.datetime(int(period) + 1, 1, 20, 10, tzinfo=COPENHAGEN),
                    note="Demo: tal fra politiets tryghedsundersøgelse, opfundet til demoen.",
                )
                for period, value in SURVEY.items()
                if period not in filed
            )
