"""`kredsraad demo` loads Nordjylland as in the 2023 plan, and loading it again changes nothing."""

import datetime

from django.core.management import call_command
from django.http import HttpRequest
from pghistory.models import Events

from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.councils.models import Council, Forum, Membership, Organisation, Person
from kredsraad.demo.data import DEMO_USERS, PASSWORD

Role = Membership.Role
NINE_MUNICIPALITIES = (
    "Aalborg",
    "Brønderslev",
    "Frederikshavn",
    "Hjørring",
    "Jammerbugt",
    "Læsø",
    "Mariagerfjord",
    "Rebild",
    "Vesthimmerlands",
)


def _counts() -> dict[str, int]:
    models = (Organisation, Person, Council, Membership, Forum, User, RoleAssignment, Events)
    return {model.__name__: model.objects.count() for model in models} | {
        "forum members": Forum.member_organisations.through.objects.count(),
        "forum municipalities": Forum.municipalities.through.objects.count(),
    }


def _seats(council: Council, role: str) -> list[str]:
    memberships = council.memberships.filter(role=role, end=None).select_related(
        "person__organisation"
    )
    return sorted(str(m.person) for m in memberships)


def test_demo_run_twice_changes_nothing(db):
    call_command("demo", "--quiet")
    before = _counts()

    call_command("demo", "--quiet")

    assert _counts() == before


def test_demo_seats_politidirektoer_as_formand_and_nine_borgmestre_in_kredsraadet(db):
    call_command("demo", "--quiet")

    kredsraad = Council.objects.get(district__code=1, kind=Council.Kind.DISTRICT)

    assert _seats(kredsraad, Role.CHAIR) == ["Politidirektør, Nordjyllands Politi"]
    assert _seats(kredsraad, Role.MEMBER) == sorted(
        f"Borgmester, {name} Kommune" for name in NINE_MUNICIPALITIES
    )


def test_demo_gives_laesoe_lokalraad_a_former_member(db):
    call_command("demo", "--quiet")

    lokalraad = Council.objects.get(municipality__code=825)

    former = lokalraad.memberships.exclude(end=None).select_related("person__organisation")
    assert [(str(m.person), m.end) for m in former] == [
        ("Kommunaldirektør, Læsø Kommune", datetime.date(2021, 12, 31))
    ]


def test_demo_forums_cover_the_municipalities_of_the_plan(db):
    call_command("demo", "--quiet")

    covered = {
        forum.name: sorted(m.code for m in forum.municipalities.all())
        for forum in Forum.objects.filter(district__code=1).prefetch_related("municipalities")
    }

    assert len(covered) == 13
    assert covered["SSP"] == [810, 813, 820, 825, 840, 846, 849, 851, 860]
    assert covered["SSP+"] == [813, 849, 851, 860]
    assert covered["Infohus"] == [851]
    assert 851 not in covered["Mini-Infohuse"]


def test_demo_users_log_in_with_the_demo_password(db, client):
    call_command("demo", "--quiet")

    logged_in = [
        client.login(request=HttpRequest(), username=demo.email, password=PASSWORD)
        for demo in DEMO_USERS
    ]

    assert logged_in == [True] * len(DEMO_USERS)


def test_demo_admin_is_superuser_and_the_others_are_not(db):
    call_command("demo", "--quiet")

    superusers = list(
        User.objects.filter(is_superuser=True, is_staff=True).values_list("email", flat=True)
    )

    assert superusers == ["admin@demo.kredsraad.dk"]


def test_demo_midtvest_secretariat_is_scoped_to_its_own_district(db):
    call_command("demo", "--quiet")

    user = User.objects.get(email="sekretariat.midtvest@demo.kredsraad.dk")

    assert [str(role) for role in user.roles.select_related("district")] == [
        "Sekretariat, Midt- og Vestjyllands Politi"
    ]


def test_demo_prints_the_demo_users_with_their_password(db, capsys):
    call_command("demo")

    output = capsys.readouterr().out
    assert "koordinator.laesoe@demo.kredsraad.dk" in output
    assert "Kommunal koordinator, Læsø Kommune" in output
    assert PASSWORD in output
