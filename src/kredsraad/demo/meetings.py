"""Nordjylland's council meetings in 2023 as demo data: the kredsråd's four quarterly meetings
(the third "ude af huset" in Brønderslev), two lokalråd meetings that adopted their handleplan,
one planned kredsråd and one planned lokalråd meeting a few weeks from today, so the calendar,
the reminders and the agenda proposals have something ahead, and a kredsråd theme meeting
whose agenda is out.

What the agendas are about comes from the 2023 plan in shared/seed: quarterly meetings with one
out of house, handleplaner due 1 February, the youth-crime analysis and the social-fraud pilot's
results in the second quarter, the security and supply situation discussed during the year, and
next year's plan in the fourth. Dates, places, who sent apologies, the decisions and every text
are the demo's own and say so.

Rows are found by natural keys as in demo.plans: a meeting by council and title, an agenda item
by meeting and number, a participant by meeting and person, an action item by item and title.
The 2023 meetings' content (time, place, attendance, items and decisions) is restored on every
run; an unchanged run writes nothing. Lifecycle fields (the meeting's status, an action item
done) are set only when a row is created, and the minutes, frozen at approval, are written once
with the meeting they record. A planned meeting is created once, with its participants and
items, and then left to the demo user: it is found again by its title, never moved to a new date.
The kredsråd's theme meeting ten days ahead is created with its agenda sent the day before,
the notices that recorded the sending and one member's afbud; Aalborg's mayor in the kredsråd
carries the Demo Rådsmedlem's e-mail, so that user has a seat to send afbud from.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kredsraad.accounts.models import User
from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Municipality,
    Person,
    PoliceDistrict,
)
from kredsraad.councils.registry import ensure
from kredsraad.demo.data import NORDJYLLAND, POLICE
from kredsraad.demo.plans import (
    AALBORG,
    BROENDERSLEV,
    COORDINATOR_HJOERRING,
    COPENHAGEN,
    HJOERRING,
    SECRETARIAT,
)
from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.meetings.actions import PARTICIPANT_KIND, minutes_content
from kredsraad.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    Minutes,
    Notice,
    Participant,
    StandingItem,
)
from kredsraad.plans.models import ActionPlan, CooperationPlan

D = datetime.date
T = datetime.time
Kind = AgendaItem.Kind
Topic = AgendaItem.Topic

KREDSRAAD = None  # council key: None is the kredsråd, otherwise the lokalråd's kommunekode
SECURITY = "Den sikkerheds- og forsyningsmæssige situation"
SECRETARIAT_UNIT = "Det Kriminalpræventive Sekretariat"
# demo: the seed names no meeting place; Nordjyllands Politi has its headquarters in Aalborg.
POLICE_AALBORG = "Nordjyllands Politi, Aalborg"
NOTED = "Orienteringen blev taget til efterretning."
DEMO_MINUTES = "Demo: referatet er skrevet til kredsraad og gengiver ikke et virkeligt møde."


@dataclass(frozen=True)
class Task:
    """An action item."""

    title: str
    owner: str
    due: datetime.date
    done_on: datetime.date | None = None


@dataclass(frozen=True)
class Item:
    """An agenda item. Links are by natural key: `initiative` its external id, `milestone` a
    title within that initiative, `forum` a name, `plan` a year; `action_plan` is the lokalråd's
    own handleplan for 2023."""

    title: str
    kind: str
    description: str
    proposal: str = ""
    decision: str = ""
    topic: str = Topic.NONE
    closed: bool = False
    presenter: str = POLICE
    plan: int | None = None
    action_plan: bool = False
    initiative: str | None = None
    milestone: str | None = None
    forum: str | None = None
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class Held:
    """A 2023 meeting, held and with approved minutes. `absent` and `guests` name people as
    they print ("Borgmester, Læsø Kommune")."""

    council: int | None
    title: str
    day: datetime.date
    starts: datetime.time
    ends: datetime.time
    place: str
    items: tuple[Item, ...]
    introduction: str
    approved_by: str
    approved_after: int = 8  # days; within the default 30 of Council.minutes_within_days
    hosted_by: int | None = None
    absent: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Upcoming:
    """A planned meeting on the first ordinary weekday `days_ahead` from the day it is loaded."""

    council: int | None
    title: str
    days_ahead: int
    starts: datetime.time
    ends: datetime.time
    place: str
    items: tuple[Item, ...]
    open_to_public: bool = False
    # Sent a day before loading, with the notices that recorded it and one member's afbud.
    agenda_sent: bool = False


def _security(description: str, decision: str, *, closed: bool = False) -> Item:
    # The plan says the kredsråd discusses the security and supply situation during 2023; the
    # demo has it on every meeting, as the standing item asks.
    return Item(
        SECURITY,
        Kind.DISCUSSION,
        description,
        decision=decision,
        closed=closed,
    )


HELD = (
    Held(
        KREDSRAAD,
        "Kredsrådets møde 1. kvartal 2023",
        D(2023, 3, 14),  # demo: the seed gives no meeting dates
        T(13),
        T(15, 30),
        POLICE_AALBORG,
        introduction="Første møde efter fristen for lokalrådenes handleplaner. " + DEMO_MINUTES,
        approved_by=SECRETARIAT,
        absent=("Borgmester, Læsø Kommune",),  # demo
        items=(
            Item(
                "Status på lokalrådenes handleplaner for 2023",
                Kind.DECISION,
                "Handleplanerne skulle være vedtaget senest 1. februar. Otte af ni lokalråd har "
                "en vedtaget plan; Jammerbugt vedtog sin lidt efter fristen, og Vesthimmerland "
                "mangler stadig.",
                proposal="Det indstilles, at kredsrådet tager status til efterretning og beder "
                "lokalrådet i Vesthimmerland vedtage sin handleplan før næste møde.",
                decision="Indstillingen blev tiltrådt.",
                topic=Topic.ACTION_PLANS,
                presenter=SECRETARIAT_UNIT,
                plan=2023,
                tasks=(
                    # demo: still open, as Vesthimmerland has no handleplan in the demo.
                    Task(
                        "Lokalrådet i Vesthimmerland vedtager sin handleplan for 2023",
                        "Lokalrådet i Vesthimmerlands Kommune",
                        D(2023, 6, 13),
                    ),
                ),
            ),
            Item(
                "PSP-koordinator i Nordjyllands Politi",
                Kind.ORIENTATION,
                "Politiet får i 2023 en PSP-koordinator til de tungeste sager om psykisk sårbare "
                "borgere. Stillingen er slået op.",
                decision=NOTED,
                initiative="NJ-psp-koordinator",
                forum="PSP",
            ),
            _security(
                "Politiet orienterer om samarbejdet med de andre myndigheder om "
                "forsyningssikkerheden i Nordjylland.",
                "Kredsrådet drøftede situationen. Punktet er lukket, fordi det rummer "
                "oplysninger om beredskabet.",
                closed=True,  # demo: the seed does not say any item was closed
            ),
        ),
    ),
    Held(
        KREDSRAAD,
        "Kredsrådets møde 2. kvartal 2023",
        D(2023, 6, 13),  # the demo plan's milestones were reached on this day
        T(13),
        T(15, 30),
        POLICE_AALBORG,
        introduction="Årets drøftelse af kriminalitetsudviklingen. " + DEMO_MINUTES,
        approved_by=SECRETARIAT,
        items=(
            Item(
                "Kriminalitetsudviklingen og analysen af ungdomskriminaliteten",
                Kind.DECISION,
                "Politiets analyse af ungdomskriminaliteten i hele kredsen og i hver kommune. "
                "Status fra Ungdomskriminalitetsnævnet indgår.",
                proposal="Det indstilles, at kredsrådet drøfter analysen og tager stilling "
                "til, om der skal nye fælles initiativer til.",
                decision="Kredsrådet drøftede analysen. Der sættes ikke nye fælles initiativer "
                "i gang nu; lokalrådene drøfter analysen for deres kommune.",
                topic=Topic.CRIME_TRENDS,
                initiative="NJ-ungdomskriminalitet-analyse",
                milestone="Analysen drøftes på kredsrådets møde i 2. kvartal",
                forum="Ungdomskriminalitetsnævnet",
                tasks=(
                    Task(
                        "Analysen sendes til lokalrådene",
                        SECRETARIAT_UNIT,
                        D(2023, 8, 31),
                        done_on=D(2023, 8, 22),  # demo
                    ),
                ),
            ),
            Item(
                "Pilotprojektet mod socialt bedrageri: erfaringer fra forsøgsperioden",
                Kind.ORIENTATION,
                "Forsøgsperiodens tiltag er evalueret med Aalborg og Brønderslev Kommune. "
                "Projektet slutter i september.",
                decision=NOTED,
                initiative="NJ-socialbedrageri-pilot",
                milestone="Erfaringerne fremlægges på kredsrådets møde i 2. kvartal",
            ),
            _security(
                "Kort status på det fælles arbejde om sikkerhed og forsyning.",
                "Kredsrådet drøftede situationen og følger den på næste møde.",
            ),
        ),
    ),
    Held(
        KREDSRAAD,
        "Kredsrådets møde 3. kvartal 2023",
        D(2023, 9, 12),  # demo
        T(10),
        T(14),
        "Brønderslev Rådhus",  # demo: the plan says one meeting is held out of house
        introduction="Mødet ude af huset i Brønderslev med besøg på nærstationen. " + DEMO_MINUTES,
        approved_by=SECRETARIAT,
        hosted_by=BROENDERSLEV,
        absent=("Borgmester, Mariagerfjord Kommune",),  # demo
        # The plan: out of house, the local police leadership joins the visit.
        guests=("Lokalpolitileder for Brønderslev Kommune, Nordjyllands Politi",),
        items=(
            Item(
                "Besøg på nærstationen i Brønderslev",
                Kind.ORIENTATION,
                "Lokalbetjentene fortæller om to år med nærstationen og samarbejdet med "
                "kommunen, foreningerne og erhvervslivet.",
                decision=NOTED,
                presenter="Lokalpolitileder for Brønderslev Kommune",
                initiative="NJ-naerstationer",
            ),
            Item(
                "Udbredelse af Bo trygt i Nordjylland",
                Kind.DECISION,
                "Partnerskabet Bo trygt vil nå alle kommuner. Hjørrings erfaringer fra Fri for "
                "Indbrud kan bruges i resten af kredsen.",
                proposal="Det indstilles, at kredsrådet anbefaler kommunerne at gå med i Bo trygt.",
                decision="Indstillingen blev tiltrådt.",
                presenter="Det Kriminalpræventive Råd",
                initiative="NJ-bo-trygt",
                milestone="Udbredelsen af Bo trygt drøftes i kredsrådet",
            ),
            _security(
                "Status på samarbejdet om forsyningssikkerheden.",
                "Kredsrådet drøftede situationen.",
            ),
        ),
    ),
    Held(
        KREDSRAAD,
        "Kredsrådets møde 4. kvartal 2023",
        D(2023, 12, 5),  # demo
        T(13),
        T(15, 30),
        POLICE_AALBORG,
        introduction="Udkastet til næste års samarbejdsplan. " + DEMO_MINUTES,
        approved_by=SECRETARIAT,
        items=(
            Item(
                "Udkast til samarbejdsplan for 2024",
                Kind.DISCUSSION,
                "Politidirektørens udkast bygger videre på planen for 2023. Flerårsaftalen "
                "udløber med 2023, så flere indsatsområder skal ses efter.",
                decision="Kredsrådet drøftede udkastet. Sekretariatet indarbejder kommunernes "
                "bemærkninger, og planen forelægges derefter til godkendelse.",
                tasks=(
                    Task(
                        "Kommunernes bemærkninger indarbejdes i planen for 2024",
                        SECRETARIAT_UNIT,
                        D(2024, 1, 12),
                        done_on=D(2024, 1, 10),  # demo
                    ),
                ),
            ),
            Item(
                "Mødeplan for 2024",
                Kind.DECISION,
                "Fire møder, et i hvert kvartal, og et af dem ude af huset.",
                proposal="Det indstilles, at kredsrådet godkender mødeplanen.",
                decision="Mødeplanen blev godkendt.",
                presenter=SECRETARIAT_UNIT,
            ),
            Item(
                "Opfølgning på aktionspunkter",
                Kind.ORIENTATION,
                "Gennemgang af årets aktionspunkter. Handleplanen for Vesthimmerland mangler "
                "stadig.",
                decision=NOTED,
                topic=Topic.ACTION_ITEMS,
                presenter=SECRETARIAT_UNIT,
            ),
            _security(
                "Årets sidste status på sikkerhed og forsyning.",
                "Kredsrådet drøftede situationen og fortsætter drøftelsen i 2024.",
            ),
        ),
    ),
    Held(
        HJOERRING,
        "Lokalrådets møde om handleplan 2023",
        D(2023, 1, 19),  # the demo's adoption date of Hjørring's handleplan
        T(13),
        T(15),
        "Hjørring Rådhus",  # demo
        introduction="Lokalrådet vedtog sin handleplan for 2023. " + DEMO_MINUTES,
        approved_by=COORDINATOR_HJOERRING,
        items=(
            Item(
                "Handleplan for 2023",
                Kind.DECISION,
                "Udkastet bygger på samarbejdsplanens indsatsområder, især indbrud og de "
                "kriminalitetstruede unge.",
                proposal="Det indstilles, at lokalrådet vedtager handleplanen for 2023.",
                decision="Handleplanen blev vedtaget.",
                action_plan=True,
            ),
            Item(
                "Fri for Indbrud",
                Kind.ORIENTATION,
                "Status på projektet, der i 2023 breder nabohjælpen ud til nye boligområder.",
                decision=NOTED,
                presenter="Hjørring Kommune",
                initiative="NJ-fri-for-indbrud",
            ),
        ),
    ),
    Held(
        AALBORG,
        "Lokalrådets møde om handleplan 2023",
        D(2023, 1, 24),  # the demo's adoption date of Aalborg's handleplan
        T(9),
        T(11),
        "Aalborg Rådhus",  # demo
        introduction="Lokalrådet vedtog sin handleplan for 2023. " + DEMO_MINUTES,
        approved_by=SECRETARIAT,
        absent=("SSP-koordinator, Aalborg Kommune",),  # demo
        items=(
            Item(
                "Handleplan for 2023",
                Kind.DECISION,
                "Udkastet lægger vægt på nattelivet, forsøget med lavere hastighed og "
                "erfaringerne fra projektet mod socialt bedrageri.",
                proposal="Det indstilles, at lokalrådet vedtager handleplanen for 2023.",
                decision="Handleplanen blev vedtaget.",
                action_plan=True,
            ),
            Item(
                "Trygt natteliv i Aalborg",
                Kind.ORIENTATION,
                "Tryg Aalborg fortæller om safehouse i Jomfru Ane Gade og arbejdsgruppen af "
                "byens unge.",
                decision=NOTED,
                presenter="Tryg Aalborg",
                initiative="NJ-tryg-aalborg-natteliv",
            ),
        ),
    ),
)

UPCOMING = (
    Upcoming(
        HJOERRING,
        "Lokalrådets næste møde",
        30,
        T(13),
        T(15),
        "Hjørring Rådhus",  # demo
        open_to_public=True,  # demo: citizens may listen in, so the public site has a meeting
        items=(
            Item(
                "Nabohjælp i nye boligområder",
                Kind.ORIENTATION,
                "Hvordan er det gået med nabohjælpen i de nye områder?",
                presenter="Hjørring Kommune",
                initiative="NJ-fri-for-indbrud",
            ),
            Item(
                "Analysen af ungdomskriminaliteten i Hjørring",
                Kind.DISCUSSION,
                "Politiets analyse for kommunen, set sammen med erfaringerne fra § 115-udvalget.",
                initiative="NJ-ungdomskriminalitet-analyse",
                forum="§ 115-udvalg",
            ),
        ),
    ),
    Upcoming(
        KREDSRAAD,
        "Kredsrådets næste møde",
        45,
        T(13),
        T(15, 30),
        POLICE_AALBORG,
        items=(
            Item(
                "Bredere data om færdselsuheld",
                Kind.ORIENTATION,
                "Status på dataindsamlingen med Aalborg Universitet og Region Nordjylland.",
                initiative="NJ-uheldsdata",
            ),
            Item(
                "Oplæg for seniorer om tryghed på nettet",
                Kind.ORIENTATION,
                "Erfaringer fra oplæggene med Ældre Sagen rundt i kredsen.",
                initiative="NJ-seniorer-paa-nettet",
            ),
        ),
    ),
    Upcoming(
        KREDSRAAD,
        "Temamøde om tryghed i nattelivet",  # demo
        10,
        T(9),
        T(11),
        POLICE_AALBORG,
        items=(
            Item(
                "Trygt natteliv i Aalborg efter sommeren",
                Kind.ORIENTATION,
                "Tryg Aalborg fortæller om sommerens weekender med safehouse i Jomfru Ane Gade.",
                presenter="Tryg Aalborg",
                initiative="NJ-tryg-aalborg-natteliv",
            ),
            Item(
                "Fælles indsats i nattelivet i de øvrige byer",
                Kind.DISCUSSION,
                "Kan erfaringerne fra Aalborg bruges i Hjørring og Frederikshavn?",
            ),
        ),
        agenda_sent=True,
    ),
)


def load_meetings() -> None:
    """Load the 2023 meetings, the planned ones ahead and the kredsråd's standing item. Run
    after demo.plans.load_plans, whose plans, handleplaner and initiatives the agendas link
    to. The caller owns the transaction and the history context."""
    nord = PoliceDistrict.objects.get(code=NORDJYLLAND)
    councils = {
        None if c.kind == Council.Kind.DISTRICT else c.municipality.code: c
        for c in Council.objects.filter(district=nord).select_related("municipality")
    }
    links = _Links(nord)
    ensure(
        StandingItem,
        {"council": councils[KREDSRAAD], "title": SECURITY},
        {"kind": Kind.DISCUSSION, "quarter": None},
    )
    for spec in HELD:
        _load_held(spec, councils[spec.council], links)
    _give_addresses(links)
    for spec in UPCOMING:
        _load_upcoming(spec, councils[spec.council], links)


class _Links:
    """What the agenda items point to, fetched once."""

    def __init__(self, nord):
        self.people = {
            str(p): p for p in Person.objects.filter(district=nord).select_related("organisation")
        }
        self.plans = {p.year: p for p in CooperationPlan.objects.filter(district=nord)}
        self.action_plans = {
            a.council_id: a for a in ActionPlan.objects.filter(plan__district=nord, plan__year=2023)
        }
        self.initiatives = {i.external_id: i for i in Initiative.objects.filter(district=nord)}
        self.milestones = {
            (m.initiative_id, m.title): m
            for m in Milestone.objects.filter(initiative__district=nord)
        }
        self.forums = {f.name: f for f in Forum.objects.filter(district=nord)}
        self.municipalities = {m.code: m for m in Municipality.objects.filter(district=nord)}
        self.users = {u.email: u for u in User.objects.filter(email__endswith="@demo.kredsraad.dk")}

    def of(self, item: Item, council: Council) -> dict:
        initiative = self.initiatives[item.initiative] if item.initiative else None
        return {
            "plan": self.plans[item.plan] if item.plan else None,
            "action_plan": self.action_plans[council.pk] if item.action_plan else None,
            "initiative": initiative,
            "milestone": self.milestones[initiative.pk, item.milestone] if item.milestone else None,
            "forum": self.forums[item.forum] if item.forum else None,
        }


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=COPENHAGEN)


def _item_values(item: Item, council: Council, links: _Links) -> dict:
    return {
        "title": item.title,
        "kind": item.kind,
        "topic": item.topic,
        "closed": item.closed,
        "presenter": item.presenter,
        "description": item.description,
        "proposal": item.proposal,
        "decision": item.decision,
        "decided": bool(item.decision),
        **links.of(item, council),
    }


def _seats(council: Council, day: datetime.date) -> list[Membership]:
    """The council's members on the day, as meetings.actions.create_meeting invites them."""
    seats = (
        Membership.objects.filter(council=council, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .exclude(role=Membership.Role.SECRETARY)
        .select_related("person__organisation")
        .order_by("person_id", "pk")
    )
    return list({seat.person_id: seat for seat in seats}.values())


def _load_held(spec: Held, council: Council, links: _Links) -> None:
    starts_at = _at(spec.day, spec.starts)
    meeting, _ = ensure(
        Meeting,
        {"council": council, "title": spec.title},
        {
            "starts_at": starts_at,
            "ends_at": _at(spec.day, spec.ends),
            "place": spec.place,
            "hosted_by": links.municipalities.get(spec.hosted_by),
        },
        initial={
            "status": Meeting.Status.MINUTES_APPROVED,
            # demo: agendas go out a week ahead
            "agenda_sent_at": starts_at - datetime.timedelta(days=7),
        },
    )
    for seat in _seats(council, spec.day):
        ensure(
            Participant,
            {"meeting": meeting, "person": seat.person},
            {
                "membership": seat,
                "kind": PARTICIPANT_KIND.get(seat.role, Participant.Kind.MEMBER),
                "attended": str(seat.person) not in spec.absent,
            },
        )
    for guest in spec.guests:
        ensure(
            Participant,
            {"meeting": meeting, "person": links.people[guest]},
            {"membership": None, "kind": Participant.Kind.GUEST, "attended": True},
        )
    for position, item in enumerate(spec.items, start=1):
        row, _ = ensure(
            AgendaItem,
            {"meeting": meeting, "position": position},
            _item_values(item, council, links),
        )
        for task in item.tasks:
            ensure(
                ActionItem,
                {"item": row, "title": task.title},
                {"owner": task.owner, "due": task.due},
                initial={"done_on": task.done_on},
            )
    _approve_minutes(meeting, spec, links)


def _approve_minutes(meeting: Meeting, spec: Held, links: _Links) -> None:
    """Approved by the chair within the council's deadline and frozen, as
    meetings.actions.approve_minutes does; written directly, since that action only approves
    a meeting held up to today. Frozen minutes are written once, when created."""
    if Minutes.objects.filter(meeting=meeting).exists():
        return
    # Unsaved, but already the meeting's minutes, so minutes_content finds the introduction.
    minutes = Minutes(
        meeting=meeting,
        body=spec.introduction,
        status=Minutes.Status.APPROVED,
        approved_how=Minutes.ApprovedHow.CHAIR,
        approved_on=spec.day + datetime.timedelta(days=spec.approved_after),
        approved_by=links.users[spec.approved_by],
    )
    with translation.override("da"):
        minutes.content = minutes_content(meeting)
        minutes.html = render_to_string(
            "meetings/_minutes_document.html", {"document": minutes.content, "show_closed": True}
        )
    minutes.save()


def _ordinary_weekday(days_ahead: int) -> datetime.date:
    """The first weekday at least `days_ahead` from today, outside the Christmas holidays."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5 or _christmas(day):
        day += datetime.timedelta(days=1)
    return day


def _christmas(day: datetime.date) -> bool:
    """24 December to 1 January."""
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def _load_upcoming(spec: Upcoming, council: Council, links: _Links) -> None:
    if Meeting.objects.filter(council=council, title=spec.title).exists():
        return  # the demo user's now: it may have been moved, sent, held or cancelled
    day = _ordinary_weekday(spec.days_ahead)
    meeting = Meeting.objects.create(
        council=council,
        title=spec.title,
        starts_at=_at(day, spec.starts),
        ends_at=_at(day, spec.ends),
        place=spec.place,
        open_to_public=spec.open_to_public,
    )
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            person_id=seat.person_id,
            membership=seat,
            kind=PARTICIPANT_KIND.get(seat.role, Participant.Kind.MEMBER),
        )
        for seat in _seats(council, day)
    )
    for position, item in enumerate(spec.items, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, **_item_values(item, council, links)
        )
    if spec.agenda_sent:
        _send_agenda(meeting, links)


# demo: who in the kredsråd has a work address. The Demo Rådsmedlem user is Aalborg's mayor in
# the kredsråd (the person carries the user's e-mail), so that user sees their own seat and can
# send afbud; the .invalid address reaches nobody.
ADDRESSES = {
    "Borgmester, Aalborg Kommune": "raadsmedlem@demo.kredsraad.dk",
    "Politidirektør, Nordjyllands Politi": "politidirektoer@demo.kredsraad.invalid",
}
# demo: an afbud registered by the secretariat on a member's behalf.
AFBUD = ("Borgmester, Brønderslev Kommune", "Viceborgmesteren deltager i stedet.")


def _give_addresses(links: _Links) -> None:
    for name, email in ADDRESSES.items():
        Person.objects.filter(pk=links.people[name].pk, email="").update(email=email)


def _send_agenda(meeting: Meeting, links: _Links) -> None:
    """The agenda sent a day ago, as meetings.notices records it (a Notice for each participant
    with an address), and one member's afbud registered by the secretariat."""
    sent_at = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.AGENDA_SENT, agenda_sent_at=sent_at
    )
    secretariat = links.users[SECRETARIAT]
    for participant in meeting.participants.select_related("person__organisation"):
        person = participant.person
        if str(person) == AFBUD[0]:
            participant.absence_reported_at = sent_at + datetime.timedelta(hours=3)
            participant.absence_reported_by = secretariat
            participant.absence_note = AFBUD[1]
            participant.save(
                update_fields=["absence_reported_at", "absence_reported_by", "absence_note"]
            )
        if person.email:
            notice = Notice.objects.create(
                meeting=meeting,
                kind=Notice.Kind.AGENDA_SENT,
                key=f"agenda_sent:{meeting.uuid}",
                person=person,
                user=links.users.get(person.email),
                recipient=person.email.lower(),
            )
            Notice.objects.filter(pk=notice.pk).update(queued_at=sent_at)
