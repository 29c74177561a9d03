"""The public site and the APIs cost the same number of queries whatever a national installation
holds: one district or all twelve with published content, one plan year or ten of plans and
meetings. Each output is read anonymously twice, with an empty cache (the first visitor) and
again (the next one), and both counts must stay the same as the history grows."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kredsraad.accounts.models import RoleAssignment
from kredsraad.councils.models import PoliceDistrict
from kredsraad.meetings import actions as meeting_actions
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans import actions as plan_actions
from tests import factories

pytestmark = pytest.mark.django_db

FIRST_YEAR = 2020
SLUG = "nordjyllands-politi"


def _at(days: int) -> datetime.datetime:
    return timezone.now().replace(hour=17, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=days
    )


def _meeting(council, *, days: int, title: str, item: str) -> Meeting:
    meeting = Meeting.objects.create(
        council=council,
        title=title,
        starts_at=_at(days),
        ends_at=_at(days) + datetime.timedelta(hours=2),
        place="Politigården",
        open_to_public=True,
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title=item, kind="decision")
    return meeting


def grow(district: PoliceDistrict, year: int) -> dict:
    """One year of a district's public life: a published plan with a focus area, an initiative
    serving it with a status report and a reached milestone, a sent agenda of a public meeting
    ahead, a held meeting with approved minutes, and a seated council member."""
    sekretariat = factories.user(role=RoleAssignment.Role.SECRETARIAT, district=district)
    kredsraad = factories.district_council(district)
    lead = factories.organisation(f"Politiet {district.slug} {year}", district=district)
    plan = plan_actions.create_plan(district, year=year, by=sekretariat)
    area = plan_actions.add_focus_area(plan, title=f"Indbrud i {year}", body="", by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)
    plan_actions.approve_plan(
        plan, council=kredsraad, on=datetime.date(year - 1, 12, 6), reference="", by=sekretariat
    )
    plan_actions.publish_plan(plan, by=sekretariat)
    initiative = factories.initiative(
        f"Færre indbrud {year}", district=district, lead=lead, focus_areas=[area]
    )
    factories.status_update(initiative, period=f"{year}K1", progress=10, author=sekretariat)
    factories.milestone(
        initiative,
        "Nået",
        due_date=datetime.date(year, 3, 1),
        done_on=datetime.date(year, 3, 1),
    )
    offset = year - FIRST_YEAR
    ahead = _meeting(
        kredsraad, days=40 + offset, title=f"Åbent møde {year}", item=f"Indbrud {year}"
    )
    meeting_actions.send_agenda(ahead, by=sekretariat)
    held = _meeting(
        kredsraad, days=-40 - offset, title=f"Møde om indbrud {year}", item=f"Besluttet {year}"
    )
    decided = held.items.get()
    meeting_actions.mark_held(held, present=set(), by=sekretariat)
    meeting_actions.record_decision(
        decided, decision="Godkendt.", expected_version=decided.version, by=sekretariat
    )
    held.refresh_from_db()
    meeting_actions.approve_minutes(
        held.minutes, how="chair", on=timezone.localdate(), by=sekretariat
    )
    member = factories.person(title="Politidirektør", organisation=lead, name=f"Medlem {year}")
    factories.membership(kredsraad, member)
    return {"plan": plan}


def outputs(plan) -> dict[str, str]:
    """Every public output, by a name for the failure message."""
    return {
        "public district": f"/offentlig/{SLUG}/",
        "public plan": f"/offentlig/{SLUG}/planer/{plan.uuid}/",
        "public statistics": f"/offentlig/{SLUG}/statistik/",
        "public initiatives": f"/offentlig/{SLUG}/indsatser/",
        "atom feed": f"/offentlig/{SLUG}/feed.atom",
        "public search": "/offentlig/soeg/?q=indbrud",
        "public search, page 2": "/offentlig/soeg/?q=indbrud&side=2",
        "oparl bodies": "/oparl/v1/body",
        "oparl organizations": f"/oparl/v1/body/{SLUG}/organization",
        "oparl meetings": f"/oparl/v1/body/{SLUG}/meeting",
        "oparl papers": f"/oparl/v1/body/{SLUG}/paper",
        "oparl persons": f"/oparl/v1/body/{SLUG}/person",
        "api districts": "/api/districts/",
        "api councils": f"/api/councils/?district={SLUG}",
        "api plans": f"/api/plans/?district={SLUG}",
        "api initiatives": f"/api/initiatives/?district={SLUG}",
        "api meetings": f"/api/meetings/?district={SLUG}",
        "api focus areas": f"/api/focus-areas/?district={SLUG}",
        "api action plans": f"/api/action-plans/?district={SLUG}",
        "api strategies": f"/api/strategies/?district={SLUG}",
    }


def costs(client, plan) -> dict[str, tuple[int, int]]:
    """(queries with an empty cache, queries for the next visitor) of every output."""
    found = {}
    for name, url in outputs(plan).items():
        cache.clear()
        counts = []
        for _visitor in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (name, response.status_code)
            counts.append(len(queries))
        found[name] = tuple(counts)
    return found


def test_visitor_reads_every_public_output_in_as_many_queries_for_twelve_districts_as_for_one(
    client, nordjylland
):
    plan = grow(nordjylland, FIRST_YEAR)["plan"]
    one = costs(client, plan)
    for district in PoliceDistrict.objects.exclude(pk=nordjylland.pk):
        grow(district, FIRST_YEAR)

    twelve = costs(client, plan)

    assert PoliceDistrict.objects.count() == 12
    assert twelve == one


def test_visitor_reads_every_public_output_in_as_many_queries_for_ten_years_as_for_one(
    client, nordjylland
):
    plan = grow(nordjylland, FIRST_YEAR)["plan"]
    one = costs(client, plan)
    for year in range(FIRST_YEAR + 1, FIRST_YEAR + 10):
        grow(nordjylland, year)

    ten = costs(client, plan)

    assert ten == one
