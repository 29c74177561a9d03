"""Every initiatives page for every persona, on Nordjylland's initiatives and on Midt- og
Vestjylland's: another district's or another municipality's initiative is a 404, and so is a
change the user may not make."""

import datetime

import pytest
from django.urls import reverse

from kredsraad.initiatives.models import Initiative
from tests import factories

EVERYONE_IN_NORD = {
    "sekretariat",
    "analytiker",
    "raadsmedlem",
    "koordinator_hjoerring",
    "koordinator_laesoe",
    "administrator",
}
READS_LAESOE = EVERYONE_IN_NORD - {"koordinator_hjoerring"}
EDITS_DISTRICT = {"sekretariat", "administrator"}
KEEPS_LAESOE_LOCAL = {"sekretariat", "koordinator_laesoe", "administrator"}
# The district initiative covers Læsø, so Læsø's koordinator reports on it.
REPORTS_ON_DISTRICT = {"sekretariat", "koordinator_laesoe", "administrator"}
CREATES = {"sekretariat", "koordinator_hjoerring", "koordinator_laesoe", "administrator"}
PERSONAS = sorted(EVERYONE_IN_NORD | {"sekretariat_midtvest", "uden_rolle"})


@pytest.fixture
def world(nordjylland, midtvest, politi_nord, politi_midtvest, laesoe, holstebro):
    def side(district, lead, municipality):
        shared = factories.initiative(
            "Fælles indsats", district=district, lead=lead, municipalities=[municipality]
        )
        local = factories.initiative(
            "Lokal indsats", district=district, lead=lead, owner=municipality
        )
        due = datetime.date(2023, 6, 1)
        return {
            "district": district,
            "shared": shared,
            "local": local,
            "shared_milestone": factories.milestone(shared, "Evaluering", due_date=due),
            "local_milestone": factories.milestone(local, "Evaluering", due_date=due),
        }

    return {
        "nord": side(nordjylland, politi_nord, laesoe),
        "midtvest": side(midtvest, politi_midtvest, holstebro),
    }


def district_slug(w):
    return [w["district"].slug]


def pk(key):
    return lambda w: [w[key].pk]


PAGES = [
    ("initiatives:initiatives", district_slug, EVERYONE_IN_NORD),
    ("initiatives:initiative_create", district_slug, CREATES),
    ("initiatives:import", district_slug, EDITS_DISTRICT),
    ("initiatives:initiative", pk("shared"), EVERYONE_IN_NORD),
    ("initiatives:initiative", pk("local"), READS_LAESOE),
    ("initiatives:initiative_history", pk("shared"), EVERYONE_IN_NORD),
    ("initiatives:initiative_history", pk("local"), READS_LAESOE),
    ("initiatives:initiative_edit", pk("shared"), EDITS_DISTRICT),
    ("initiatives:initiative_edit", pk("local"), KEEPS_LAESOE_LOCAL),
    ("initiatives:milestone_create", pk("shared"), EDITS_DISTRICT),
    ("initiatives:milestone_create", pk("local"), KEEPS_LAESOE_LOCAL),
    ("initiatives:milestone_edit", pk("shared_milestone"), EDITS_DISTRICT),
    ("initiatives:milestone_edit", pk("local_milestone"), KEEPS_LAESOE_LOCAL),
    ("initiatives:milestone_done", pk("shared_milestone"), EDITS_DISTRICT),
    ("initiatives:milestone_done", pk("local_milestone"), KEEPS_LAESOE_LOCAL),
    ("initiatives:status_update_create", pk("shared"), REPORTS_ON_DISTRICT),
    ("initiatives:status_update_create", pk("local"), KEEPS_LAESOE_LOCAL),
]
PAGES += [
    (
        "initiatives:export",
        lambda w, name=name, fmt=fmt: [w["district"].slug, name, fmt],
        EVERYONE_IN_NORD,
    )
    for name, fmt in [("indsatser", "csv"), ("milepaele", "csv"), ("indsatser", "xlsx")]
]
PAGE_IDS = [f"{name}:{i}" for i, (name, _, _) in enumerate(PAGES)]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=PAGE_IDS)
def test_every_role_sees_exactly_its_scope(client, request, world, persona, name, args, allowed):
    client.force_login(request.getfixturevalue(persona))

    own = client.get(reverse(name, args=args(world["nord"])))
    other = client.get(reverse(name, args=args(world["midtvest"])))

    assert own.status_code == (200 if persona in allowed else 404)
    if persona == "administrator":
        assert other.status_code == 200
    elif persona == "sekretariat_midtvest":
        assert other.status_code == (200 if "sekretariat" in allowed else 404)
    else:
        assert other.status_code == 404


@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=PAGE_IDS)
def test_visitor_is_sent_to_login(client, world, name, args, allowed):
    url = reverse(name, args=args(world["nord"]))

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_signed_in_has_a_page_of_own_updates(client, request, db, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("initiatives:my_updates"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("persona", "initiative", "expected"),
    [
        ("sekretariat", "shared", 302),
        ("koordinator_laesoe", "local", 302),
        ("koordinator_laesoe", "shared", 404),
        ("koordinator_hjoerring", "local", 404),
        ("raadsmedlem", "shared", 404),
        ("sekretariat_midtvest", "shared", 404),
    ],
)
def test_only_the_keeper_changes_the_status(client, request, world, persona, initiative, expected):
    target = world["nord"][initiative]
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("initiatives:initiative_status", args=[target.pk]),
        {"status": "finished", "version": target.version},
    )

    target.refresh_from_db()
    assert response.status_code == expected
    assert target.status == ("finished" if expected == 302 else "active")


def test_coordinator_cannot_create_a_district_initiative_or_one_for_another_municipality(
    client, koordinator_hjoerring, nordjylland, politi_nord, laesoe
):
    client.force_login(koordinator_hjoerring)

    client.post(
        reverse("initiatives:initiative_create", args=[nordjylland.slug]),
        {
            "title": "Snig-indsats",
            "lead_organisation": politi_nord.pk,
            "owner_municipality": laesoe.pk,
            "all_municipalities": "False",
            "weight": 1,
            "status": "planned",
        },
    )

    created = Initiative.objects.get(title="Snig-indsats")
    assert created.owner_municipality.name == "Hjørring"
