"""`kredsraad demo --national` builds a synthetic national installation for benchmarks, only in an
empty database, with every text marked synthetic (issue 15). A small world (two districts, two
plan years, a few offence codes) is built once for the module and rolled back afterwards."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from kredsraad.accounts.models import User
from kredsraad.councils.models import Council, Municipality, PoliceDistrict
from kredsraad.demo import national
from kredsraad.goals.models import Goal
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.meetings.actions import minutes_content
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes, Paper
from kredsraad.plans.models import ActionPlan, ActionPlanItem, CooperationPlan, FocusArea
from kredsraad.statistics.importing import formats, importer
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population
from kredsraad.statistics.rows import FOLK1A, STRAF11

DISTRICTS, YEARS = 2, 2  # Nordjylland and Østjylland; 2024 published, 2025 in draft
SMALL = ("--districts", str(DISTRICTS), "--years", str(YEARS), "--statistics", "small")


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The command's output after a small build; the database holds the world until the
    module's last test has run, then it is rolled back."""
    out, err = io.StringIO(), io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "--national", *SMALL, stdout=out, stderr=err)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def world(built, db):
    return built


def _municipalities() -> int:
    return Municipality.objects.filter(district__code__lte=DISTRICTS).count()


def test_small_national_build_makes_every_district_year_with_its_work(world):
    lokalraad = _municipalities()
    meetings = YEARS * (DISTRICTS * 6 + lokalraad * 2)

    assert CooperationPlan.objects.count() == DISTRICTS * YEARS
    assert CooperationPlan.objects.filter(status="published").count() == DISTRICTS
    assert FocusArea.objects.count() == DISTRICTS * YEARS * 10
    assert Initiative.objects.count() == DISTRICTS * YEARS * 15
    assert Milestone.objects.count() == DISTRICTS * YEARS * 15 * 3
    assert StatusUpdate.objects.count() == DISTRICTS * YEARS * 15 * 4
    assert Goal.objects.count() == DISTRICTS * YEARS * 10
    assert ActionPlan.objects.count() == lokalraad * YEARS
    assert Meeting.objects.count() == meetings
    assert Minutes.objects.filter(status=Minutes.Status.APPROVED).count() == meetings
    assert AgendaItem.objects.filter(decided=True).count() > meetings
    assert Paper.objects.filter(content__isnull=False).count() == 2 * meetings


def test_small_national_build_imports_statistics_with_the_districts_sums(world):
    areas = Area.objects.exclude(kind=Area.Kind.DISTRICT).count()
    offences = Offence.objects.count()
    quarters = national.SMALL_STATISTICS_YEARS * 4

    official = Observation.objects.filter(derived=False).count()
    district_sums = Observation.objects.filter(area__kind=Area.Kind.DISTRICT).count()

    assert official == areas * offences * quarters
    assert district_sums == 12 * offences * quarters
    assert Population.objects.count() == Area.objects.count() * national.SMALL_STATISTICS_YEARS


def test_synthetic_files_hold_the_figures_the_build_imported(world, tmp_path):
    """make bench times `kredsraad statistics import` on these files: the same figures."""
    straf11, folk1a = national.write_synthetic_files(tmp_path, small=True)

    previews = [
        importer.preview(
            formats.read(path.name, path.read_bytes(), labels=importer.labels(), table=table)
        )
        for path, table in ((straf11, STRAF11), (folk1a, FOLK1A))
    ]

    assert [(p.new, p.changed, p.problems) for p in previews] == [(0, 0, []), (0, 0, [])]
    assert previews[0].unchanged == Observation.objects.filter(derived=False).count()


def _people_in_any_order(document: dict) -> dict:
    """Seats alike in kind, name and title (the mayors) come in no defined order."""
    key = lambda person: (person["kind"], person["name"], person["organisation"])  # noqa: E731
    return document | {
        "present": sorted(document["present"], key=key),
        "absent": sorted(document["absent"], key=key),
    }


def test_frozen_minutes_are_what_approving_the_minutes_freezes(world):
    kredsraad = Meeting.objects.filter(council__kind=Council.Kind.DISTRICT).first()
    lokalraad = Meeting.objects.filter(council__kind=Council.Kind.LOCAL).first()

    for meeting in (kredsraad, lokalraad):
        with translation.override("da"):
            expected = minutes_content(meeting)

        assert _people_in_any_order(meeting.minutes.content) == _people_in_any_order(expected)


def test_national_build_prints_its_counts_and_how_to_sign_in(world):
    assert "samarbejdsplaner" in world
    assert "statistikceller" in world
    assert "sekretariat.nordjyllands-politi@national.invalid" in world
    assert "raadsmedlem.oestjyllands-politi@national.invalid" in world


def test_secretariat_of_one_district_gets_404_on_another_districts_plan(world, client):
    nord = PoliceDistrict.objects.get(code=1)
    client.force_login(User.objects.get(email=national.national_email("sekretariat", nord)))
    own = CooperationPlan.objects.get(district=nord, year=2024)
    other = CooperationPlan.objects.get(district__code=2, year=2024)

    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_every_role_of_a_district_opens_its_start_page(world, client):
    nord = PoliceDistrict.objects.get(code=1)
    for prefix, _role, _label in national.ROLES:
        client.force_login(User.objects.get(email=national.national_email(prefix, nord)))

        response = client.get("/")

        assert response.status_code == 200, prefix


def test_visitor_reads_a_published_synthetic_plan_on_the_public_site(world, client):
    plan = CooperationPlan.objects.get(district__code=1, year=2024)

    response = client.get(f"/offentlig/{plan.district.slug}/planer/{plan.uuid}/")

    assert response.status_code == 200
    assert "Syntetisk indsatsområde 1 (2024)" in response.content.decode()


def test_visitor_does_not_see_the_newest_plan_in_draft(world, client):
    plan = CooperationPlan.objects.get(district__code=1, year=2025)

    response = client.get(f"/offentlig/{plan.district.slug}/planer/{plan.uuid}/")

    assert plan.status == CooperationPlan.Status.DRAFT
    assert response.status_code == 404


def test_every_text_of_the_national_dataset_says_it_is_synthetic(world):
    texts = [
        *CooperationPlan.objects.values_list("title", flat=True),
        *FocusArea.objects.values_list("title", flat=True),
        *Initiative.objects.values_list("title", flat=True),
        *Milestone.objects.values_list("title", flat=True),
        *StatusUpdate.objects.values_list("text", flat=True),
        *Goal.objects.values_list("statement", flat=True),
        *ActionPlan.objects.values_list("introduction", flat=True),
        *ActionPlanItem.objects.values_list("title", flat=True),
        *Meeting.objects.values_list("title", flat=True),
        *AgendaItem.objects.values_list("title", flat=True),
        *User.objects.values_list("full_name", flat=True),
        *Dataset.objects.values_list("file_name", flat=True),
    ]

    assert [text for text in texts if "syntetisk" not in text.casefold()] == []
    assert set(Dataset.objects.values_list("source", flat=True)) == {Dataset.Source.DEMO}


def test_ordinary_demo_refuses_a_database_with_the_national_dataset(world):
    with pytest.raises(CommandError, match="syntetiske landsdata"):
        call_command("demo", "--quiet")

    assert not User.objects.filter(email__endswith="@demo.kredsraad.dk").exists()
