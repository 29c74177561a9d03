import pytest
from django.core.management import call_command

from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.meetings.models import Meeting
from kredsraad.plans.models import PlanVersion
from tests.plans.conftest import plan_2023, published_2023  # noqa: F401  (fixtures)


@pytest.fixture
def demo(db):
    call_command("demo", quiet=True)
    return PoliceDistrict.objects.get(code=1)


@pytest.fixture
def demo_version(demo) -> PlanVersion:
    """The demo's published 2023 plan, version 1."""
    return PlanVersion.objects.get(plan__district=demo, plan__year=2023, number=1)


@pytest.fixture
def demo_meeting_with_closed_item(demo) -> Meeting:
    """The kredsråd's first 2023 meeting: approved minutes and one closed item."""
    kredsraad = Council.objects.get(district=demo, kind=Council.Kind.DISTRICT)
    return kredsraad.meetings.filter(items__closed=True).order_by("starts_at").first()
