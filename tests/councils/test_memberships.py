"""Seating, editing and ending memberships, and the bad input each step must refuse."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.councils.models import Membership, Person
from tests import factories


@pytest.fixture
def lokalpolitileder_laesoe(politi_nord, lokalraad_laesoe):
    leader = factories.person(title="Lokalpolitileder for Læsø", organisation=politi_nord)
    return factories.membership(lokalraad_laesoe, leader, role=Membership.Role.CHAIR)


def add_member_form(represents, **overrides):
    data = {
        "new_title": "SSP-konsulent",
        "new_organisation": represents.pk,
        "new_email": "ssp@laesoe.example.dk",
        "role": "member",
        "represents": represents.pk,
        "start": "2023-02-01",
    }
    data.update(overrides)
    return data


def test_secretariat_adds_new_person_to_local_council(
    client, sekretariat, lokalraad_laesoe, laesoe_kommune
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(laesoe_kommune),
    )

    assert response.status_code == 302
    membership = lokalraad_laesoe.memberships.get()
    assert str(membership.person) == "SSP-konsulent, Læsø Kommune"
    assert membership.start == datetime.date(2023, 2, 1)


def test_coordinator_keeps_own_local_councils_members(
    client, koordinator_laesoe, lokalraad_laesoe, laesoe_kommune
):
    client.force_login(koordinator_laesoe)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(laesoe_kommune),
    )

    assert response.status_code == 302
    assert lokalraad_laesoe.memberships.count() == 1


def test_coordinator_cannot_add_members_in_another_municipality(
    client, koordinator_hjoerring, lokalraad_laesoe, laesoe_kommune
):
    client.force_login(koordinator_hjoerring)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(laesoe_kommune),
    )

    assert response.status_code == 404
    assert Person.objects.count() == 0


def test_forged_post_for_another_districts_council_is_404(
    client, sekretariat, kredsraad_midtvest, politi_midtvest
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:council_edit", args=[kredsraad_midtvest.pk]),
        {"name": "Overtaget", "meetings_per_year": 4, "version": kredsraad_midtvest.version},
    )

    assert response.status_code == 404
    kredsraad_midtvest.refresh_from_db()
    assert kredsraad_midtvest.name != "Overtaget"


def test_organisation_of_another_district_cannot_be_picked(
    client, sekretariat, lokalraad_laesoe, politi_midtvest
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(politi_midtvest),
    )

    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed." in response.content.decode()
    assert lokalraad_laesoe.memberships.count() == 0


def test_overlapping_seat_for_same_person_is_refused(
    client, sekretariat, lokalraad_laesoe, lokalpolitileder_laesoe
):
    client.force_login(sekretariat)
    leader = lokalpolitileder_laesoe.person

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        {
            "person": leader.pk,
            "role": "member",
            "represents": leader.organisation.pk,
            "start": "2023-06-01",
        },
    )

    assert response.status_code == 200
    assert (
        "har allerede et medlemskab i Lokalrådet i Læsø Kommune i perioden"
        in response.content.decode()
    )
    assert lokalraad_laesoe.memberships.count() == 1


def test_second_chair_in_same_period_is_refused(
    client, sekretariat, lokalraad_laesoe, lokalpolitileder_laesoe, laesoe_kommune
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(laesoe_kommune, role="chair"),
    )

    assert response.status_code == 200
    assert "har allerede en formand i perioden" in response.content.decode()
    assert Person.objects.filter(title="SSP-konsulent").count() == 0


def test_end_before_start_is_refused(client, sekretariat, lokalraad_laesoe, laesoe_kommune):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(laesoe_kommune, end="2023-01-01"),
    )

    assert response.status_code == 200
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()
    assert lokalraad_laesoe.memberships.count() == 0


def test_email_already_in_use_is_refused(
    client, sekretariat, lokalraad_laesoe, laesoe_kommune, politi_nord
):
    factories.person(
        title="Politikommissær", organisation=politi_nord, email="ssp@laesoe.example.dk"
    )
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:membership_add", args=[lokalraad_laesoe.pk]),
        add_member_form(laesoe_kommune, new_email="SSP@laesoe.example.dk"),
    )

    assert response.status_code == 200
    assert "E-mailadressen er allerede i brug." in response.content.decode()
    assert lokalraad_laesoe.memberships.count() == 0


def test_ending_membership_keeps_it_as_former(
    client, sekretariat, lokalraad_laesoe, lokalpolitileder_laesoe
):
    client.force_login(sekretariat)

    client.post(
        reverse("councils:membership_end", args=[lokalpolitileder_laesoe.pk]),
        {"end": "2023-03-31", "version": lokalpolitileder_laesoe.version},
    )
    page = client.get(lokalraad_laesoe.get_absolute_url())

    lokalpolitileder_laesoe.refresh_from_db()
    assert lokalpolitileder_laesoe.end == datetime.date(2023, 3, 31)
    assert [m.pk for m in page.context["former_members"]] == [lokalpolitileder_laesoe.pk]


def test_ending_before_start_is_refused(client, sekretariat, lokalpolitileder_laesoe):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:membership_end", args=[lokalpolitileder_laesoe.pk]),
        {"end": "2020-01-01", "version": lokalpolitileder_laesoe.version},
    )

    assert response.status_code == 200
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()
    lokalpolitileder_laesoe.refresh_from_db()
    assert lokalpolitileder_laesoe.end is None


def edit_form(membership, **values):
    data = {
        "role": membership.role,
        "represents": membership.represents_id,
        "start": membership.start.isoformat(),
        "end": membership.end.isoformat() if membership.end else "",
        "version": membership.version,
    }
    data.update(values)
    return data


def test_stale_edits_of_different_fields_are_both_saved(
    client, sekretariat, koordinator_laesoe, lokalpolitileder_laesoe, laesoe_kommune
):
    url = reverse("councils:membership_edit", args=[lokalpolitileder_laesoe.pk])
    loaded = edit_form(lokalpolitileder_laesoe)
    client.force_login(koordinator_laesoe)
    client.post(url, {**loaded, "end": "2025-12-31"})
    client.force_login(sekretariat)

    response = client.post(url, {**loaded, "represents": laesoe_kommune.pk}, follow=True)

    lokalpolitileder_laesoe.refresh_from_db()
    assert lokalpolitileder_laesoe.end == datetime.date(2025, 12, 31)
    assert lokalpolitileder_laesoe.represents == laesoe_kommune
    assert (
        "Koordinator Læsø ændrede andre felter imens; begge ændringer er gemt."
        in response.content.decode()
    )


def test_stale_edit_of_same_field_shows_conflict_and_loses_nothing(
    client, sekretariat, koordinator_laesoe, lokalpolitileder_laesoe, laesoe_kommune
):
    url = reverse("councils:membership_edit", args=[lokalpolitileder_laesoe.pk])
    loaded = edit_form(lokalpolitileder_laesoe)
    client.force_login(koordinator_laesoe)
    client.post(url, {**loaded, "end": "2025-12-31"})
    client.force_login(sekretariat)

    response = client.post(url, {**loaded, "end": "2024-06-30", "represents": laesoe_kommune.pk})

    assert response.status_code == 409
    assert "Koordinator Læsø gemte en ændring, mens du redigerede" in response.content.decode()
    assert response.context["conflict"] == [
        ("Slutdato", datetime.date(2025, 12, 31), datetime.date(2024, 6, 30))
    ]
    lokalpolitileder_laesoe.refresh_from_db()
    assert lokalpolitileder_laesoe.end == datetime.date(2025, 12, 31)
    assert lokalpolitileder_laesoe.represents != laesoe_kommune
    form = response.context["form"]
    assert form["end"].value() == "2024-06-30"
    assert form["represents"].value() == str(laesoe_kommune.pk)
    assert str(form["version"].value()) == str(lokalpolitileder_laesoe.version)


def test_council_page_query_count_does_not_grow_with_members(
    client, sekretariat, lokalraad_laesoe, politi_nord, django_assert_max_num_queries
):
    client.force_login(sekretariat)
    url = lokalraad_laesoe.get_absolute_url()

    def members(n):
        for i in range(n):
            factories.membership(
                lokalraad_laesoe,
                factories.person(
                    title=f"Medlem {i}",
                    organisation=politi_nord,
                    name=f"Person {Membership.objects.count()}",
                ),
            )

    members(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    members(2)
    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_coordinator_picks_only_people_from_councils_they_see(
    client, koordinator_hjoerring, lokalraad_hjoerring, lokalpolitileder_laesoe, politi_nord
):
    hjoerring_leader = factories.person(
        title="Lokalpolitileder for Hjørring", organisation=politi_nord
    )
    factories.membership(lokalraad_hjoerring, hjoerring_leader)
    client.force_login(koordinator_hjoerring)

    response = client.get(reverse("councils:membership_add", args=[lokalraad_hjoerring.pk]))

    assert list(response.context["form"].fields["person"].queryset) == [hjoerring_leader]
