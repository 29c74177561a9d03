"""The OParl lists' filters, pages and tombstones, and the JSON errors for what cannot be
answered."""

import datetime

import pytest
from django.utils import timezone

from kredsraad.api.oparl import serializers
from kredsraad.api.oparl.views import BODY_LISTS
from kredsraad.councils.models import Membership
from kredsraad.meetings import actions as meeting_actions
from tests import factories

LIST = "/oparl/v1/body/midt-og-vestjyllands-politi/membership"
T1 = datetime.datetime(2024, 1, 10, 12, 0, tzinfo=datetime.UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)


@pytest.fixture
def three_seats(midtvest, kredsraad_midtvest):
    """Three memberships in Midt- og Vestjylland, created on T1, T2 and T3 and each last
    changed a day later."""
    police = factories.organisation("Midt- og Vestjyllands Politi", district=midtvest)
    seats = []
    for n, moment in enumerate((T1, T2, T3), start=1):
        person = factories.person(title=f"Medlem {n}", organisation=police)
        seat = factories.membership(kredsraad_midtvest, person)
        Membership.objects.filter(pk=seat.pk).update(
            created_at=moment, updated_at=moment + datetime.timedelta(days=1)
        )
        seats.append(seat)
    return seats


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [obj["id"] for obj in response.json()["data"]]


def _url(seat) -> str:
    return f"http://testserver/oparl/v1/{serializers.membership_path(seat.pk)}"


def test_created_since_and_until_include_their_boundary(client, three_seats):
    first, second, third = three_seats

    since = client.get(LIST, {"created_since": T2.isoformat()})
    until = client.get(LIST, {"created_until": T2.isoformat()})
    between = client.get(LIST, {"created_since": T2.isoformat(), "created_until": T2.isoformat()})

    assert _ids(since) == [_url(second), _url(third)]
    assert _ids(until) == [_url(first), _url(second)]
    assert _ids(between) == [_url(second)]


def test_modified_since_reads_the_offset_of_the_timestamp(client, three_seats):
    # T3 + 1 day is 13:00 in Copenhagen: 13:00+01:00 is the same moment, 12:00+01:00 before it.
    copenhagen = "2024-01-13T13:00:00+01:00"
    earlier = "2024-01-13T12:00:00+01:00"

    exact = client.get(LIST, {"modified_since": copenhagen})
    before = client.get(LIST, {"modified_since": earlier})

    assert _ids(exact) == [_url(three_seats[2])]
    assert _ids(before) == [_url(three_seats[2])]
    assert _ids(client.get(LIST, {"modified_until": earlier})) == [
        _url(three_seats[0]),
        _url(three_seats[1]),
    ]


def test_pages_of_one_cover_the_list_once_in_order(client, three_seats):
    first = client.get(LIST, {"limit": 1}).json()

    pages = [first]
    while "next" in pages[-1]["links"]:
        pages.append(client.get(pages[-1]["links"]["next"]).json())

    assert [page["pagination"]["currentPage"] for page in pages] == [1, 2, 3]
    assert [obj["id"] for page in pages for obj in page["data"]] == [_url(s) for s in three_seats]
    assert first["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 1,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert first["links"]["last"] == "http://testserver" + LIST + "?limit=1&page=3"


def test_an_oversized_page_is_cut_to_a_hundred(client, three_seats):
    response = client.get(LIST, {"limit": 100000})

    assert response.json()["pagination"]["elementsPerPage"] == 100


def test_an_empty_list_is_200_with_no_data(client, midtvest):
    response = client.get("/oparl/v1/body/midt-og-vestjyllands-politi/paper")

    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["pagination"]["totalElements"] == 0


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"created_since": "i går"}, "created_since: »i går«"),
        ({"modified_until": "2024-13-45"}, "modified_until: »2024-13-45«"),
        ({"limit": "0"}, "limit: »0«"),
        ({"page": "to"}, "page: »to«"),
        ({"omit_internal": "måske"}, "omit_internal: »måske«"),
        # Shaped like a moment but none: parse_datetime raises rather than answering None.
        ({"modified_since": "2024-02-30T12:00:00"}, "modified_since: »2024-02-30T12:00:00«"),
        ({"created_until": "2024-01-31T25:00"}, "created_until: »2024-01-31T25:00«"),
        # Offsets no clock shows, which PostgreSQL refuses (past ±15:59) or Python (±24:00).
        ({"modified_since": "2024-01-01T00:00:00+20:00"}, "»2024-01-01T00:00:00+20:00«"),
        ({"created_since": "2024-01-01T00:00:00-14:30"}, "»2024-01-01T00:00:00-14:30«"),
        ({"modified_until": "2024-01-01T00:00:00+24:00"}, "»2024-01-01T00:00:00+24:00«"),
        # Digits to str.isdigit(), but not to int().
        ({"page": "²"}, "page: »²«"),
        ({"limit": "①"}, "limit: »①«"),
    ],
)
def test_an_invalid_filter_is_422_naming_the_parameter_and_value(client, midtvest, query, named):
    response = client.get(LIST, query)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/json"
    assert named in response.json()["error"]


def test_an_offset_of_fourteen_hours_is_still_a_moment(client, midtvest):
    response = client.get(LIST, {"modified_since": "2024-01-01T00:00:00+14:00"})

    assert response.status_code == 200


def test_an_impossible_offset_is_refused_on_every_list_of_a_body(client, midtvest):
    lists = [f"/oparl/v1/body/midt-og-vestjyllands-politi/{name}" for name in BODY_LISTS]

    answers = {
        url: client.get(url, {"modified_since": "2024-01-01T00:00:00+20:00"}).status_code
        for url in [*lists, "/oparl/v1/body"]
    }

    assert set(answers.values()) == {422}


def test_unknown_ids_and_pages_are_json_404(client, three_seats):
    for url in (
        "/oparl/v1/meeting/00000000-0000-0000-0000-000000000000",
        "/oparl/v1/person/zzzzzzzz",
        "/oparl/v1/body/atlantis",
        "/oparl/v1/body/midt-og-vestjyllands-politi/nothing",
        "/oparl/v1/no/such/thing",
        "/oparl/v1/legislativeterm/midt-og-vestjyllands-politi-²",
        "/oparl/v1/organization/lokalraad-²³⁴",
        "/oparl/v1/organization/lokalraad-²³⁴/meeting",
        "/oparl/v1/legislativeterm/midt-og-vestjyllands-politi-99999999999999999999",
        f"/oparl/v1/{serializers.person_path(2**32 - 1)}",
        f"{LIST}?page=9",
    ):
        response = client.get(url)

        assert response.status_code == 404, url
        assert "error" in response.json()


def test_omit_internal_leaves_out_the_memberships_inside_a_person(client, three_seats):
    url = f"/oparl/v1/{serializers.person_path(three_seats[0].person_id)}"

    full = client.get(url).json()
    lean = client.get("/oparl/v1/body/midt-og-vestjyllands-politi/person?omit_internal=true")

    assert [m["id"] for m in full["membership"]] == [_url(three_seats[0])]
    assert all("membership" not in person for person in lean.json()["data"])


def test_a_deleted_public_item_is_a_tombstone_under_modified_since(
    client, sekretariat_midtvest, kredsraad_midtvest
):
    start = timezone.now() + datetime.timedelta(days=20)
    meeting = meeting_actions.create_meeting(
        kredsraad_midtvest,
        by=sekretariat_midtvest,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Politigården, Holstebro",
        open_to_public=True,
    )
    item = meeting_actions.add_item(
        meeting, by=sekretariat_midtvest, title="Trafik ved skolerne", kind="orientation"
    )
    meeting_actions.send_agenda(meeting, by=sekretariat_midtvest)  # now the item is public
    url = f"/oparl/v1/{serializers.item_path(item.pk)}"
    items = "/oparl/v1/body/midt-og-vestjyllands-politi/agendaitem"
    created = client.get(url).json()["created"]
    before = timezone.now()

    # Once the agenda is out, the council cannot delete an item; an administrator can (Django's
    # admin deletes the row), and the item must then be a tombstone.
    item.delete()

    tombstone = {
        "id": f"http://testserver{url}",
        "type": "https://schema.oparl.org/1.1/AgendaItem",
        "created": created,
        "modified": client.get(url).json()["modified"],
        "deleted": True,
    }
    assert client.get(url).json() == tombstone
    assert client.get(items, {"modified_since": before.isoformat()}).json()["data"] == [tombstone]
    assert client.get(items).json()["data"] == []


def test_deleting_a_closed_item_leaves_no_trace(client, sekretariat_midtvest, kredsraad_midtvest):
    start = timezone.now() + datetime.timedelta(days=20)
    meeting = meeting_actions.create_meeting(
        kredsraad_midtvest,
        by=sekretariat_midtvest,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Politigården, Holstebro",
        open_to_public=True,
    )
    item = meeting_actions.add_item(
        meeting, by=sekretariat_midtvest, title="Personsag", kind="discussion", closed=True
    )
    url = f"/oparl/v1/{serializers.item_path(item.pk)}"

    meeting_actions.delete_item(item, by=sekretariat_midtvest)

    response = client.get(url)
    assert response.status_code == 404
    listed = client.get(
        "/oparl/v1/body/midt-og-vestjyllands-politi/agendaitem",
        {"modified_since": "2000-01-01T00:00:00+01:00"},
    )
    assert listed.json()["data"] == []


def test_a_system_without_bodies_is_still_a_system(client, db):
    from django.db import connection

    from kredsraad.councils.models import PoliceDistrict

    # The districts are seeded by a migration and protected by everything that names them.
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {PoliceDistrict._meta.db_table} CASCADE")

    response = client.get("/oparl/v1/")
    bodies = client.get(response.json()["body"])

    assert response.status_code == 200
    assert response.json()["type"] == "https://schema.oparl.org/1.1/System"
    assert {"created", "modified"} <= response.json().keys()
    assert bodies.json()["data"] == []
