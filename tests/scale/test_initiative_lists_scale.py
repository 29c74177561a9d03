"""The two initiatives lists, the district's (/kreds/<slug>/indsatser/) and the public one
(/offentlig/<slug>/indsatser/), open on one plan year, so a decade of history or eleven other
districts change neither their query count nor the rows they render (issue 15)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.accounts.models import RoleAssignment
from kredsraad.councils.models import PoliceDistrict
from kredsraad.plans import actions as plan_actions
from tests import factories

PER_YEAR = 3
LISTS = ("initiatives:initiatives", "publishing:public_initiatives")


def _year(district: PoliceDistrict, year: int, by) -> None:
    """A published plan of `year` with a focus area that PER_YEAR initiatives serve, each with
    a status update."""
    plan = plan_actions.create_plan(district, year=year, by=by)
    police = factories.organisation(f"Politiet {district.pk}-{year}", district=district)
    area = plan_actions.add_focus_area(
        plan, title=f"Område {year}", body="", themes=["burglary"], responsible=police, by=by
    )
    for n in range(PER_YEAR):
        initiative = factories.initiative(
            f"Indsats {year}-{n}",
            district=district,
            lead=police,
            municipalities=[district.municipalities.order_by("code").first()],
            focus_areas=[area],
        )
        factories.status_update(initiative, period=f"{year}K2", progress=50, author=by)
    plan_actions.send_for_discussion(plan, by=by)
    plan_actions.approve_plan(
        plan,
        council=factories.district_council(district),
        on=datetime.date(year - 1, 12, 1),
        reference=f"Kredsrådets møde december {year - 1}",
        by=by,
    )
    plan_actions.publish_plan(plan, by=by)


def _cost(client, name: str, district: PoliceDistrict) -> tuple[int, int]:
    """(queries, table rows rendered) of a list's opening page, after a first request that
    saves the login's session."""
    url = reverse(name, args=[district.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return len(captured), len(re.findall(r"<tr>", body))


@pytest.mark.parametrize("name", LISTS)
def test_the_lists_cost_the_same_with_ten_plan_years(client, sekretariat, nordjylland, name):
    _year(nordjylland, 2016, sekretariat)
    client.force_login(sekretariat)
    one_year = _cost(client, name, nordjylland)

    for year in range(2017, 2026):
        _year(nordjylland, year, sekretariat)

    assert one_year[1] == PER_YEAR
    assert _cost(client, name, nordjylland) == one_year


@pytest.mark.parametrize("name", LISTS)
def test_the_lists_cost_the_same_with_twelve_districts(client, sekretariat, nordjylland, name):
    _year(nordjylland, 2025, sekretariat)
    client.force_login(sekretariat)
    one_district = _cost(client, name, nordjylland)

    for district in PoliceDistrict.objects.exclude(pk=nordjylland.pk):
        other = factories.user(role=RoleAssignment.Role.SECRETARIAT, district=district)
        _year(district, 2025, other)

    assert one_district[1] == PER_YEAR
    assert _cost(client, name, nordjylland) == one_district


@pytest.mark.parametrize(("name", "param"), [(LISTS[0], "year"), (LISTS[1], "aar")])
def test_an_old_years_initiative_is_reached_by_the_year_choice(
    client, sekretariat, nordjylland, name, param
):
    for year in (2016, 2017, 2025):
        _year(nordjylland, year, sekretariat)
    client.force_login(sekretariat)
    url = reverse(name, args=[nordjylland.slug])

    opened = client.get(url).content.decode()
    chosen = client.get(url, {param: "2016"}).content.decode()

    assert "Indsats 2016-0" not in opened
    assert '<option value="2016">2016</option>' in opened
    assert "Indsats 2016-0" in chosen
    assert "Indsats 2025-0" not in chosen
