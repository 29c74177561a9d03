"""`kredsraad demo --national` builds only in an empty database: it refuses one with the ordinary
demo or any plan, and writes nothing then (issue 15). Apart from test_national.py, whose
small world lives for that whole module."""

import io

import pytest
from django.core.management import CommandError, call_command

from kredsraad.accounts.models import User
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.demo.data import load_demo
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import CooperationPlan
from kredsraad.statistics.models import Dataset
from tests import factories

SMALL = ("--districts", "2", "--years", "2", "--statistics", "small")


def test_national_build_refuses_a_database_with_the_ordinary_demo(db):
    load_demo()
    users = User.objects.count()

    with pytest.raises(CommandError, match="almindelige demo"):
        call_command("demo", "--national", *SMALL, stdout=io.StringIO(), stderr=io.StringIO())

    assert User.objects.count() == users
    assert not CooperationPlan.objects.exists()
    assert not Dataset.objects.exists()


def test_national_build_refuses_a_database_with_a_plan(db):
    admin = factories.user(role="administrator")
    plan_actions.create_plan(PoliceDistrict.objects.get(code=5), year=2023, by=admin)

    with pytest.raises(CommandError, match="allerede samarbejdsplaner"):
        call_command("demo", "--national", *SMALL, stdout=io.StringIO(), stderr=io.StringIO())

    assert CooperationPlan.objects.count() == 1
    assert not User.objects.filter(email__endswith="@national.invalid").exists()
    assert not Council.objects.filter(memberships__isnull=False).exists()
