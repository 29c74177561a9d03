"""Nordjyllands Politi as in "Kredsrådets samarbejdsplan 2023": its partners, the kredsråd and the
nine lokalråd with their seats, the preventive forums of the plan's appendix, and demo users.

Office-holders are recorded by title alone: no real person's name or e-mail is stored. Every row
is found by its natural key and only written when it differs, so loading twice changes nothing.
This is seeding, not a user's work, so it writes directly instead of through the actions.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Municipality,
    Organisation,
    Person,
    PoliceDistrict,
    TargetGroup,
)
from kredsraad.councils.registry import ensure, local_council_name, municipality_title

NORDJYLLAND = 1  # Danmarks Statistik's code for Nordjyllands Politi
MIDT_OG_VESTJYLLAND = 3
# The municipal election term began 1 January 2022, and with it the councils' current seats.
TERM_START = datetime.date(2022, 1, 1)
PASSWORD = "kredsraad-demo-2026"

Kind = Organisation.Kind
Role = Membership.Role

POLICE = "Nordjyllands Politi"
REGION = "Region Nordjylland"

# Public contact details, from the back page of the 2023 plan.
DISTRICT_CONTACT = {
    "phone": "9630 1448",
    "email": "njyl@politi.dk",
    "website": "https://politi.dk/nordjyllands-politi",
}

MUNICIPALITY_WEBSITES = {
    810: "https://www.broenderslev.dk",
    813: "https://www.frederikshavn.dk",
    820: "https://www.vesthimmerland.dk",
    825: "https://www.laesoe.dk",
    840: "https://www.rebild.dk",
    846: "https://www.mariagerfjord.dk",
    849: "https://www.jammerbugt.dk",
    851: "https://www.aalborg.dk",
    860: "https://www.hjoerring.dk",
}

# (name, kind, local to Nordjylland?, description, website)
ORGANISATIONS = (
    (
        POLICE,
        Kind.POLICE,
        True,
        "Politikredsen for de ni nordjyske kommuner. Politidirektøren leder kredsrådet, og "
        "Det Kriminalpræventive Sekretariat forbereder møderne og samarbejdsplanen.",
        "https://politi.dk/nordjyllands-politi",
    ),
    (
        REGION,
        Kind.REGION,
        True,
        "Regionen driver psykiatrien og er derfor fast part i arbejdet for socialt udsatte og "
        "psykisk sårbare borgere.",
        "https://rn.dk",
    ),
    (
        "Aalborg Universitet",
        Kind.UNIVERSITY,
        True,
        "Bidrager med forskning og data, blandt andet om de færdselsuheld, der aldrig bliver "
        "anmeldt til politiet.",
        "https://www.aau.dk",
    ),
    (
        "Tryg Aalborg",
        Kind.OTHER,
        True,
        "Aalborgs fælles platform for tryghed, hvor kommune, politi og region sammen tager sig af "
        "alt fra nattelivet til misbrug og ekstremisme.",
        "https://www.tryg.aalborg.dk",
    ),
    (
        "Kriminalforsorgen",
        Kind.STATE,
        False,
        "Statens myndighed for fængsler, arresthuse og tilsyn med dømte. Den står i spidsen for "
        "samarbejdet om prøveløsladte.",
        "https://www.kriminalforsorgen.dk",
    ),
    (
        "Ungdomskriminalitetsnævnet",
        Kind.STATE,
        False,
        "Nævnet fastsætter forløb for børn og unge mellem 10 og 17 år, der har begået alvorlig "
        "kriminalitet.",
        "",
    ),
    (
        "Det Kriminalpræventive Råd",
        Kind.ASSOCIATION,
        False,
        "Landsdækkende organisation, der samler og formidler viden om forebyggelse af "
        "kriminalitet, blandt andet om indbrud.",
        "https://www.dkr.dk",
    ),
    (
        "TrygFonden",
        Kind.FOUNDATION,
        False,
        "Almennyttig fond, der støtter arbejdet for tryghed, blandt andet partnerskabet om færre "
        "indbrud.",
        "https://www.trygfonden.dk",
    ),
    (
        "Ældre Sagen",
        Kind.ASSOCIATION,
        False,
        "Forening for ældre, der er med til at udvikle politiets undervisning af seniorer i at "
        "undgå svindel på nettet.",
        "https://www.aeldresagen.dk",
    ),
    (
        "Natteravnene",
        Kind.ASSOCIATION,
        False,
        "Frivillige voksne, der går rundt i byen om natten og er til stede, hvor de unge er.",
        "https://www.natteravnene.dk",
    ),
    (
        "Transportministeriet",
        Kind.STATE,
        False,
        "Ministeriet står bag forsøget med lavere hastighedsgrænser i byerne, hvor Aalborg "
        "Kommune deltager.",
        "https://www.trm.dk",
    ),
)

# The municipalities in SSP+ (not all of them run it).
SSP_PLUS = (851, 813, 860, 849)
AALBORG = 851
LAESOE = 825

# (name, target group, legal basis, lead organisation, other member organisations,
#  municipalities covered (None: all nine), description). The covered municipalities' own
#  organisations take part as well.
FORUMS = (
    (
        "SSP",
        "youth",
        "Retsplejelovens § 115, stk. 1, nr. 1",
        POLICE,
        (),
        None,
        "Skole, socialforvaltning og politi forebygger sammen kriminalitet blandt børn og unge, "
        "tæt på den enkelte skole og elev.",
    ),
    (
        "SSP+",
        "young_adults",
        "Retsplejelovens § 115",
        POLICE,
        (),
        SSP_PLUS,
        "Fortsætter SSP-arbejdet for de 18-25-årige med tværfaglige tilbud i de kommuner, der har "
        "valgt det.",
    ),
    (
        "§ 115-udvalg",
        "youth",
        "Retsplejelovens § 115",
        POLICE,
        (),
        None,
        "Politi og kommuner følger her de unge under 18 år, som er i særlig risiko for at begå "
        "kriminalitet.",
    ),
    (
        "Ungesamråd",
        "youth",
        "",
        POLICE,
        (),
        None,
        "Hjælper kommunerne med at anbefale retten en passende sanktion i de alvorligere "
        "straffesager mod unge under 18 år.",
    ),
    (
        "Ungdomskriminalitetsnævnet",
        "youth",
        "Lov om bekæmpelse af ungdomskriminalitet",
        "Ungdomskriminalitetsnævnet",
        (POLICE,),
        None,
        "Politi og kommuner forbereder sammen de sager om 10-17-årige, som nævnet afgør, så "
        "forløbet passer til den unge.",
    ),
    (
        "PSP",
        "vulnerable",
        "Retsplejelovens § 115, stk. 1, nr. 2",
        POLICE,
        (REGION, "Kriminalforsorgen"),
        None,
        "Politi, socialforvaltning og psykiatri koordinerer hjælpen til socialt udsatte og "
        "psykisk sårbare borgere på tværs af myndighederne.",
    ),
    (
        "KSP",
        "parolees",
        "Retsplejelovens § 115, stk. 1, nr. 3",
        "Kriminalforsorgen",
        (POLICE,),
        None,
        "Forbereder sammen med kommuner og politi løsladelsen, så den prøveløsladte har bolig, "
        "forsørgelse og hjælp klar og ikke falder tilbage i kriminalitet.",
    ),
    (
        "Infohus",
        "radicalisation",
        "Retsplejelovens § 115",
        POLICE,
        (),
        (AALBORG,),
        "Rådgiver fagfolk i Aalborg, når de er bekymrede for, at en person er ved at blive "
        "radikaliseret, og aftaler den videre opfølgning.",
    ),
    (
        "Mini-Infohuse",
        "radicalisation",
        "Retsplejelovens § 115",
        POLICE,
        (),
        (810, 813, 820, 825, 840, 846, 849, 860),  # all but Aalborg
        "Infohusets arbejde i de mindre kommuner: en fast indgang for bekymringer om "
        "radikalisering og ekstremisme.",
    ),
    (
        "Exit-enhed",
        "gangs",
        "",
        POLICE,
        ("Kriminalforsorgen",),
        None,
        "Hjælper rockere og bandemedlemmer, der vil ud af miljøet, med blandt andet bolig, "
        "job og sikkerhed.",
    ),
    (
        "Pre-Exit",
        "gangs",
        "Retsplejelovens § 115",
        POLICE,
        (),
        None,
        "Griber tidligt ind over for unge, der er på vej ind i bandemiljøet, med udgangspunkt i "
        "SSP-samarbejdet.",
    ),
    (
        "RUG-udvalg",
        "gangs",
        "",
        POLICE,
        (),
        None,
        "Rådet mod Uheldige Grupperinger følger grupper af unge, der skaber utryghed, og aftaler "
        "fælles tiltag.",
    ),
    (
        "Børnehus Nord",
        "abused_children",
        "Barnets lov § 124",
        "Aalborg Kommune",
        (POLICE, REGION),
        None,
        "Regionens børnehus, hvor kommune, politi og sundhedsvæsen under samme tag undersøger "
        "mistanke om vold eller seksuelle overgreb mod et barn.",
    ),
)


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    district: int | None = None  # police district code
    municipality: int | None = None  # kommunekode
    kredsraad_of: int | None = None  # police district code of the kredsråd

    @property
    def is_admin(self) -> bool:
        return self.role == RoleAssignment.Role.ADMINISTRATOR


R = RoleAssignment.Role
DEMO_USERS = (
    DemoUser("sekretariat@demo.kredsraad.dk", "Demo Sekretariat", R.SECRETARIAT, NORDJYLLAND),
    DemoUser(
        "koordinator.hjoerring@demo.kredsraad.dk",
        "Demo Koordinator Hjørring",
        R.COORDINATOR,
        municipality=860,
    ),
    DemoUser(
        "koordinator.laesoe@demo.kredsraad.dk",
        "Demo Koordinator Læsø",
        R.COORDINATOR,
        municipality=LAESOE,
    ),
    DemoUser(
        "raadsmedlem@demo.kredsraad.dk",
        "Demo Rådsmedlem",
        R.COUNCIL_MEMBER,
        kredsraad_of=NORDJYLLAND,
    ),
    DemoUser("analytiker@demo.kredsraad.dk", "Demo Analytiker", R.ANALYST, NORDJYLLAND),
    DemoUser("admin@demo.kredsraad.dk", "Demo Administrator", R.ADMINISTRATOR),
    DemoUser(
        "sekretariat.midtvest@demo.kredsraad.dk",
        "Demo Sekretariat Midt- og Vestjylland",
        R.SECRETARIAT,
        MIDT_OG_VESTJYLLAND,
    ),
)


class RegistryMissing(Exception):
    """The national registry is not in the database (migrations not run)."""


def load_demo() -> list[tuple[DemoUser, str]]:
    """Load Nordjylland's councils, partners, forums and the demo users.

    Returns each demo user with a label of its role and scope ("Sekretariat, Nordjyllands
    Politi"). The caller owns the transaction and the history context.
    """
    nord = PoliceDistrict.objects.filter(code=NORDJYLLAND).first()
    if nord is None:
        raise RegistryMissing
    ensure(PoliceDistrict, {"pk": nord.pk}, DISTRICT_CONTACT)
    municipalities = list(Municipality.objects.filter(district=nord).order_by("code"))

    organisations = _load_organisations(nord, municipalities)
    _load_councils(nord, municipalities, organisations)
    _load_forums(nord, municipalities, organisations)
    return _load_users(nord, municipalities)


def _load_organisations(nord, municipalities) -> dict[str, Organisation]:
    organisations = {}
    for name, kind, local, description, website in ORGANISATIONS:
        organisations[name], _ = ensure(
            Organisation,
            {"name": name, "district": nord if local else None},
            {"kind": kind, "description": description, "website": website},
        )
    for municipality in municipalities:
        title = municipality_title(municipality.code, municipality.name)
        organisations[title], _ = ensure(
            Organisation,
            {"name": title, "district": nord},
            {
                "kind": Kind.MUNICIPALITY,
                "municipality": municipality,
                "description": f"{title} har sæde i kredsrådet ved borgmesteren og driver "
                "lokalrådet sammen med den lokale politiledelse.",
                "website": MUNICIPALITY_WEBSITES.get(municipality.code, ""),
            },
        )
    return organisations


def _person(nord, organisation: Organisation, title: str) -> Person:
    person, _ = ensure(
        Person, {"district": nord, "organisation": organisation, "title": title, "name": ""}
    )
    return person


def _seat(council, person, role, represents, start=TERM_START, end=None) -> Membership:
    membership, _ = ensure(
        Membership,
        {"council": council, "person": person, "start": start},
        {"role": role, "represents": represents, "end": end},
    )
    return membership


def _load_councils(nord, municipalities, organisations) -> None:
    police = organisations[POLICE]
    kredsraad, _ = ensure(
        Council,
        {"district": nord, "kind": Council.Kind.DISTRICT},
        {
            "description": "Politidirektøren og de ni nordjyske borgmestre mødes hvert kvartal "
            "om kriminalitetens udvikling, politiets arbejde og den årlige samarbejdsplan.",
        },
    )
    _seat(kredsraad, _person(nord, police, "Politidirektør"), Role.CHAIR, police)
    _seat(kredsraad, _person(nord, police, "Chefpolitiinspektør"), Role.GUEST, police)
    secretary = _person(nord, police, "Sekretariatschef, Det Kriminalpræventive Sekretariat")
    _seat(kredsraad, secretary, Role.SECRETARY, police)

    for municipality in municipalities:
        title = municipality_title(municipality.code, municipality.name)
        kommune = organisations[title]
        mayor = _person(nord, kommune, "Borgmester")
        _seat(kredsraad, mayor, Role.MEMBER, kommune)

        lokalraad, _ = ensure(
            Council,
            {"municipality": municipality},
            {
                "description": f"Den lokale politiledelse og {title} planlægger de fælles "
                "forebyggende indsatser og vedtager hvert år en handleplan inden 1. februar.",
            },
            initial={
                "kind": Council.Kind.LOCAL,
                "district": nord,
                "name": local_council_name(municipality.code, municipality.name),
            },
        )
        police_leader = _person(nord, police, f"Lokalpolitileder for {title}")
        _seat(lokalraad, police_leader, Role.CHAIR, police)
        _seat(lokalraad, mayor, Role.MEMBER, kommune)
        _seat(lokalraad, _person(nord, kommune, "SSP-koordinator"), Role.MEMBER, kommune)
        if municipality.code == LAESOE:
            # Before this term the municipality's administration sat here; the council's
            # history shows it as a former member.
            former = _person(nord, kommune, "Kommunaldirektør")
            _seat(
                lokalraad,
                former,
                Role.MEMBER,
                kommune,
                start=datetime.date(2018, 1, 1),
                end=datetime.date(2021, 12, 31),
            )


def _load_forums(nord, municipalities, organisations) -> None:
    by_code = {m.code: m for m in municipalities}
    target_groups = {group.code: group for group in TargetGroup.objects.all()}
    for name, target, legal_basis, lead, others, codes, description in FORUMS:
        covered = [by_code[code] for code in codes] if codes else municipalities
        members = [organisations[other] for other in others] + [
            organisations[municipality_title(m.code, m.name)] for m in covered
        ]
        lead_organisation = organisations[lead]
        forum, _ = ensure(
            Forum,
            {"district": nord, "name": name},
            {
                "target_group": target_groups[target],
                "legal_basis": legal_basis,
                "description": description,
                "lead_organisation": lead_organisation,
            },
        )
        _set_related(forum, "member_organisations", [o for o in members if o != lead_organisation])
        _set_related(forum, "municipalities", covered)


def _set_related(forum: Forum, field: str, objects) -> None:
    """Make the forum's many-to-many `field` hold exactly `objects`, touching only the rows that
    differ. Works on the through table, so no related manager is loaded once per forum."""
    relation = Forum._meta.get_field(field)
    through = relation.remote_field.through
    own, other = relation.m2m_column_name(), relation.m2m_reverse_name()
    wanted = {o.pk for o in objects}
    current = set(through.objects.filter(**{own: forum.pk}).values_list(other, flat=True))
    through.objects.bulk_create(
        [through(**{own: forum.pk, other: pk}) for pk in sorted(wanted - current)]
    )
    if current - wanted:
        through.objects.filter(**{own: forum.pk, f"{other}__in": current - wanted}).delete()


def _load_users(nord, municipalities) -> list[tuple[DemoUser, str]]:
    # One hash for all: hashing is deliberately slow, and these passwords are public anyway.
    password = make_password(PASSWORD)
    codes = {demo.district for demo in DEMO_USERS if demo.district}
    districts = {d.code: d for d in PoliceDistrict.objects.filter(code__in=codes)}
    by_code = {m.code: m for m in municipalities}
    kredsraad = Council.objects.filter(district=nord, kind=Council.Kind.DISTRICT).first()
    rows = []
    for demo in DEMO_USERS:
        user, _ = ensure(
            User,
            {"email": demo.email},
            {
                "full_name": demo.full_name,
                "is_active": True,
                "is_staff": demo.is_admin,
                "is_superuser": demo.is_admin,
            },
        )
        # Reset to the known password on every run; the history ignores password changes.
        User.objects.filter(pk=user.pk).update(password=password)
        scope = {
            "district": districts.get(demo.district),
            "municipality": by_code.get(demo.municipality),
            "council": kredsraad if demo.kredsraad_of else None,
        }
        ensure(RoleAssignment, {"user": user, "role": demo.role, **scope})
        target = next((str(value) for value in scope.values() if value is not None), "")
        label = RoleAssignment.Role(demo.role).label
        rows.append((demo, f"{label}, {target}" if target else str(label)))
    return rows
