"""The JSON API's lists cost the same number of queries for one row as for three: nothing is
fetched per row (each list is read once with one row, then again after two more are added)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kredsraad.plans import actions as plan_actions
from tests import factories

from .json_world import bearer, meeting

pytestmark = pytest.mark.django_db


def _read(client, url: str, headers: dict) -> tuple[int, int]:
    """(rows in the answer, queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(response.json()["results"]), len(queries)


def _plan(n, *, nordjylland, sekretariat, **_world):
    plan_actions.create_plan(nordjylland, year=2030 + n, by=sekretariat)


def _initiative(n, *, nordjylland, sekretariat, politi_nord, **_world):
    initiative = factories.initiative(f"Indsats {n}", district=nordjylland, lead=politi_nord)
    factories.status_update(initiative, period="2023K2", progress=10 * n, author=sekretariat)


def _meeting(n, *, kredsraad_nord, **_world):
    meeting(kredsraad_nord, days_ahead=10 * n, open_to_public=True, title=f"Møde {n}")


@pytest.mark.parametrize(
    ("url", "add"),
    [
        ("/api/plans/?district=nordjyllands-politi", _plan),
        ("/api/initiatives/?district=nordjyllands-politi", _initiative),
        ("/api/meetings/?district=nordjyllands-politi", _meeting),
    ],
)
def test_secretary_reads_a_list_in_as_many_queries_for_three_rows_as_for_one(
    client, url, add, nordjylland, sekretariat, politi_nord, kredsraad_nord
):
    world = {
        "nordjylland": nordjylland,
        "sekretariat": sekretariat,
        "politi_nord": politi_nord,
        "kredsraad_nord": kredsraad_nord,
    }
    headers = bearer(sekretariat)
    client.get(url, **headers)  # the token's first use records itself (once a minute)
    add(1, **world)
    one = _read(client, url, headers)
    add(2, **world)
    add(3, **world)

    three = _read(client, url, headers)

    assert (one[0], three[0]) == (1, 3)
    assert three[1] == one[1]


def test_visitor_reads_the_councils_in_as_many_queries_for_three_rows_as_for_one(
    client, nordjylland
):
    url = "/api/councils/?district=nordjyllands-politi&kind=local&page_size={}"

    one = _read(client, url.format(1), {})
    three = _read(client, url.format(3), {})

    assert (one[0], three[0]) == (1, 3)
    assert three[1] == one[1]
