"""Reminder e-mails: who is reminded of what, and that each reminder goes once.

"Now" is passed in (Monday 29 January 2024, 9 o'clock); the command's own tests build their
meetings around the real clock. Under pytest a queued task runs at once (the immediate backend),
so a sent e-mail is found in mail.outbox; the tests about the queue use the database backend.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from zeal import zeal_context

from kredsraad.accounts.models import RoleAssignment
from kredsraad.meetings.models import Meeting, Minutes, SentReminder
from kredsraad.meetings.reminders import (
    Reminder,
    due_reminders,
    queue_due_reminders,
    queue_reminder,
)
from kredsraad.plans.models import ActionPlan, CooperationPlan
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime.datetime(2024, 1, 29, 9, 0, tzinfo=CPH)
TODAY = NOW.date()


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=CPH)


def meeting(council, *, on: datetime.date, status="agenda_sent", place="Politigården, Aalborg"):
    return Meeting.objects.create(
        council=council, starts_at=at(on, 17), ends_at=at(on, 19), place=place, status=status
    )


def sent(reminders, prefix: str) -> list[tuple[str, str]]:
    """(recipient, subject) of the reminders whose key starts with `prefix`."""
    return [(r.recipient, r.subject) for r in reminders if r.key.startswith(prefix)]


def recipients(reminders, prefix: str) -> list[str]:
    return sorted(recipient for recipient, _subject in sent(reminders, prefix))


@pytest.fixture
def database_queue(settings):
    """Tasks are queued in the database, as in production, and wait for the worker."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


# Meetings ------------------------------------------------------------------------------------


def test_council_members_are_reminded_of_a_meeting_whose_agenda_is_out(
    kredsraad_nord, raadsmedlem, sekretariat, lokalraad_hjoerring, settings
):
    settings.KREDSRAAD_BASE_URL = "https://kredsraad.example"
    inactive = factories.user(role="council_member", council=kredsraad_nord)
    inactive.is_active = False
    inactive.save()
    factories.user(role="council_member", council=lokalraad_hjoerring)  # another council
    thursday = meeting(kredsraad_nord, on=datetime.date(2024, 2, 1))

    reminders = due_reminders(now=NOW)

    assert sent(reminders, "meeting-agenda:") == [
        (raadsmedlem.email, "Møde i Kredsrådet for Nordjyllands Politi den 1. februar 2024")
    ]
    (reminder,) = [r for r in reminders if r.key.startswith("meeting-agenda:")]
    assert reminder.key == f"meeting-agenda:{thursday.uuid}:2024-02-01"
    assert "kl. 17.00" in reminder.body
    assert "Politigården, Aalborg" in reminder.body
    assert f"https://kredsraad.example/moeder/{thursday.pk}/" in reminder.body


def test_no_meeting_reminder_before_the_agenda_is_out_or_long_before_the_meeting(
    kredsraad_nord, raadsmedlem
):
    meeting(kredsraad_nord, on=datetime.date(2024, 2, 1), status="planned")
    meeting(kredsraad_nord, on=datetime.date(2024, 2, 9))  # 11 days ahead
    meeting(kredsraad_nord, on=datetime.date(2024, 2, 2), status="cancelled")

    reminders = due_reminders(now=NOW)

    assert sent(reminders, "meeting-agenda:") == []


def test_moved_meeting_reminds_again(kredsraad_nord, raadsmedlem):
    moved = meeting(kredsraad_nord, on=datetime.date(2024, 2, 1))
    queue_due_reminders(now=NOW)
    moved.starts_at, moved.ends_at = (
        at(datetime.date(2024, 2, 2), 17),
        at(datetime.date(2024, 2, 2), 19),
    )
    moved.save()

    again = queue_due_reminders(now=NOW + datetime.timedelta(hours=1))

    assert [r.key for r in again] == [f"meeting-agenda:{moved.uuid}:2024-02-02"]
    assert [m.subject for m in mail.outbox] == [
        "Møde i Kredsrådet for Nordjyllands Politi den 1. februar 2024",
        "Møde i Kredsrådet for Nordjyllands Politi den 2. februar 2024",
    ]


# Deadlines -----------------------------------------------------------------------------------


@pytest.fixture
def plan_2024(nordjylland):
    return CooperationPlan.objects.create(
        district=nordjylland,
        year=2024,
        title="Samarbejdsplan 2024",
        action_plans_due=datetime.date(2024, 2, 1),
    )


def test_koordinator_is_reminded_of_the_handleplan_deadline_unless_it_is_adopted(
    plan_2024, lokalraad_hjoerring, koordinator_hjoerring, lokalraad_laesoe, koordinator_laesoe
):
    ActionPlan.objects.create(council=lokalraad_hjoerring, plan=plan_2024, status="adopted")
    ActionPlan.objects.create(council=lokalraad_laesoe, plan=plan_2024, status="draft")

    reminders = due_reminders(now=NOW)

    assert sent(reminders, "action-plan-due:") == [
        (koordinator_laesoe.email, "Frist for handleplanen 2024: 1. februar 2024")
    ]
    assert "Lokalrådet i Læsø Kommune har endnu ikke vedtaget" in reminders[0].body


def test_nobody_is_reminded_of_a_handleplan_deadline_weeks_away(
    plan_2024, koordinator_laesoe, lokalraad_laesoe
):
    reminders = due_reminders(now=NOW - datetime.timedelta(days=14))

    assert sent(reminders, "action-plan-due:") == []


@pytest.fixture
def district_initiative(nordjylland, politi_nord, laesoe):
    return factories.initiative(
        "Tryghedsvandringer", district=nordjylland, lead=politi_nord, municipalities=[laesoe]
    )


def test_secretariat_is_reminded_of_a_district_initiatives_milestones(
    district_initiative, sekretariat, koordinator_laesoe
):
    soon = factories.milestone(
        district_initiative, "Evaluering af forsøget", due_date=datetime.date(2024, 2, 2)
    )
    factories.milestone(district_initiative, "Senere", due_date=datetime.date(2024, 3, 1))
    factories.milestone(
        district_initiative,
        "Allerede nået",
        due_date=datetime.date(2024, 2, 1),
        done_on=datetime.date(2024, 1, 20),
    )

    reminders = due_reminders(now=NOW)

    assert sent(reminders, "milestone:") == [
        (sekretariat.email, "Milepæl nærmer sig: Evaluering af forsøget")
    ]
    assert reminders[0].key == f"milestone:{soon.pk}:2024-02-02"
    assert "»Tryghedsvandringer«" in reminders[0].body


def test_milestone_due_in_a_quarter_falls_due_on_its_last_day(district_initiative, sekretariat):
    factories.milestone(district_initiative, "Afrapportering", due_quarter="2024K1")

    in_january = due_reminders(now=NOW)
    a_week_before = due_reminders(now=datetime.datetime(2024, 3, 25, 9, tzinfo=CPH))

    assert sent(in_january, "milestone:") == []
    assert recipients(a_week_before, "milestone:") == [sekretariat.email]
    assert "2024K1 (senest den 31. marts 2024)" in a_week_before[0].body


def test_koordinator_is_reminded_of_a_local_initiatives_milestones(
    nordjylland, politi_nord, hjoerring, koordinator_hjoerring, sekretariat
):
    local = factories.initiative(
        "Hjørrings egen indsats", district=nordjylland, lead=politi_nord, owner=hjoerring
    )
    factories.milestone(local, "Beslutning om fortsættelse", due_date=datetime.date(2024, 2, 1))
    stopped = factories.initiative(
        "Stoppet", district=nordjylland, lead=politi_nord, owner=hjoerring, status="stopped"
    )
    factories.milestone(stopped, "Glemt", due_date=datetime.date(2024, 2, 1))

    reminders = due_reminders(now=NOW)

    assert recipients(reminders, "milestone:") == [koordinator_hjoerring.email]


# Overdue status updates ----------------------------------------------------------------------


def test_reporters_are_reminded_of_overdue_status_updates_once_a_quarter(
    district_initiative, nordjylland, politi_nord, sekretariat, koordinator_laesoe, raadsmedlem
):
    reported = factories.initiative(
        "Rapporteret", district=nordjylland, lead=politi_nord, municipalities=[]
    )
    factories.status_update(reported, period="2024K1", progress=10, author=sekretariat)

    reminders = due_reminders(now=NOW)

    assert recipients(reminders, "status-overdue:") == sorted(
        [sekretariat.email, koordinator_laesoe.email]
    )
    for_laesoe = next(r for r in reminders if r.recipient == koordinator_laesoe.email)
    assert for_laesoe.key == f"status-overdue:{koordinator_laesoe.pk}:2024K1"
    assert for_laesoe.subject == "Statusopdateringer mangler (2024K1)"
    assert "- Tryghedsvandringer\n" in for_laesoe.body
    assert "Rapporteret" not in for_laesoe.body


def test_nobody_is_reminded_of_status_updates_reported_last_quarter(
    district_initiative, sekretariat, koordinator_laesoe
):
    factories.status_update(district_initiative, period="2023K4", progress=40, author=sekretariat)

    reminders = due_reminders(now=NOW)

    assert sent(reminders, "status-overdue:") == []


def test_inactive_reporter_is_not_reminded(district_initiative, sekretariat, koordinator_laesoe):
    for user in (sekretariat, koordinator_laesoe):
        user.is_active = False
        user.save()

    reminders = due_reminders(now=NOW)

    assert reminders == []


# Minutes -------------------------------------------------------------------------------------


def test_secretariat_is_reminded_of_a_kredsraad_meeting_without_approved_minutes(
    kredsraad_nord, sekretariat, raadsmedlem, koordinator_hjoerring
):
    held = meeting(kredsraad_nord, on=datetime.date(2024, 1, 22), status="held")
    meeting(kredsraad_nord, on=datetime.date(2024, 1, 27), status="held")  # only two days ago

    reminders = due_reminders(now=NOW)

    assert sent(reminders, "minutes:") == [
        (
            sekretariat.email,
            "Referatet fra Kredsrådet for Nordjyllands Politi den 22. januar 2024 er ikke godkendt",
        )
    ]
    assert reminders[0].key == f"minutes:{held.uuid}"
    assert f"/moeder/{held.pk}/referat/" in reminders[0].body


def test_koordinator_is_reminded_of_a_lokalraad_draft_left_for_days(
    lokalraad_hjoerring, koordinator_hjoerring, sekretariat
):
    left = meeting(lokalraad_hjoerring, on=datetime.date(2024, 1, 15), status="held")
    draft = Minutes.objects.create(meeting=left)
    Minutes.objects.filter(pk=draft.pk).update(created_at=NOW - datetime.timedelta(days=4))
    fresh = meeting(lokalraad_hjoerring, on=datetime.date(2024, 1, 16), status="held")
    Minutes.objects.create(meeting=fresh)  # drafted today
    approved = meeting(lokalraad_hjoerring, on=datetime.date(2024, 1, 8), status="minutes_approved")
    Minutes.objects.create(meeting=approved, status="approved")

    reminders = due_reminders(now=NOW)

    assert [(r.key, r.recipient) for r in reminders] == [
        (f"minutes:{left.uuid}", koordinator_hjoerring.email)
    ]


# Once, and through the queue -----------------------------------------------------------------


def test_each_reminder_is_sent_once_across_two_runs(
    kredsraad_nord, raadsmedlem, sekretariat, district_initiative, koordinator_laesoe
):
    meeting(kredsraad_nord, on=datetime.date(2024, 2, 1))
    meeting(kredsraad_nord, on=datetime.date(2024, 1, 22), status="held")

    first = queue_due_reminders(now=NOW)
    second = queue_due_reminders(now=NOW + datetime.timedelta(hours=1))

    assert sorted(r.key.split(":")[0] for r in first) == [
        "meeting-agenda",
        "minutes",
        "status-overdue",
        "status-overdue",
    ]
    assert second == []
    assert SentReminder.objects.count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [raadsmedlem.email, sekretariat.email, sekretariat.email, koordinator_laesoe.email]
    )


def test_reminder_recorded_by_a_concurrent_run_is_not_queued_again(db):
    reminder = Reminder(
        key="minutes:et-møde", recipient="sekretariat@example.dk", subject="Emne", body="Tekst"
    )
    SentReminder.objects.create(key=reminder.key, recipient=reminder.recipient)

    queued = queue_reminder(reminder)

    assert queued is False
    assert mail.outbox == []


def test_reminder_waits_in_the_database_queue_for_the_worker(
    database_queue, kredsraad_nord, raadsmedlem, monkeypatch
):
    # The worker drops its connection between tasks; here that is the test's transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    meeting(kredsraad_nord, on=datetime.date(2024, 2, 1))

    queue_due_reminders(now=NOW)

    assert mail.outbox == []
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "kredsraad.meetings.tasks.send_reminder"
    assert task.args_kwargs["args"][0] == raadsmedlem.email

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([raadsmedlem.email], "Møde i Kredsrådet for Nordjyllands Politi den 1. februar 2024")
    ]
    assert (
        mail.outbox[0].from_email
        == "Politiets og kommunernes samarbejde <noreply@kredsraad.invalid>"
    )


# The command ---------------------------------------------------------------------------------


@pytest.fixture
def meeting_in_two_days(kredsraad_nord):
    starts = timezone.now() + datetime.timedelta(days=2)
    return Meeting.objects.create(
        council=kredsraad_nord,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
        status="agenda_sent",
    )


def test_command_queues_due_reminders_and_says_so(meeting_in_two_days, raadsmedlem, capsys):
    call_command("send-reminders")
    call_command("send-reminders")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"Sendes til {raadsmedlem.email}: Møde i Kredsrådet")
    assert lines[1:] == ["1 påmindelse(r) sat i kø.", "0 påmindelse(r) sat i kø."]
    assert len(mail.outbox) == 1


def test_dry_run_records_and_queues_nothing(
    database_queue, meeting_in_two_days, raadsmedlem, capsys
):
    call_command("send-reminders", "--dry-run")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"Ville sende til {raadsmedlem.email}: Møde i Kredsrådet")
    assert lines[1] == "Prøvekørsel: 1 påmindelse(r) ville blive sendt. Intet er gemt."
    assert SentReminder.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


# Queries -------------------------------------------------------------------------------------


def test_reminder_query_count_does_not_grow_with_meetings_and_milestones(
    kredsraad_nord,
    lokalraad_hjoerring,
    raadsmedlem,
    sekretariat,
    koordinator_hjoerring,
    plan_2024,
    district_initiative,
):
    def add_one_of_each(n: int):
        meeting(kredsraad_nord, on=datetime.date(2024, 1, 30) + datetime.timedelta(days=n))
        meeting(
            lokalraad_hjoerring,
            on=datetime.date(2024, 1, 10) + datetime.timedelta(days=n),
            status="held",
        )
        factories.milestone(district_initiative, f"Milepæl {n}", due_date=datetime.date(2024, 2, 1))
        member = factories.user(role=RoleAssignment.Role.COUNCIL_MEMBER, council=kredsraad_nord)
        return member

    add_one_of_each(0)
    with CaptureQueriesContext(connection) as one, zeal_context():
        one_each = due_reminders(now=NOW)
    add_one_of_each(1)
    add_one_of_each(2)
    with CaptureQueriesContext(connection) as three, zeal_context():
        three_each = due_reminders(now=NOW)

    assert len(three_each) > len(one_each)
    assert len(three.captured_queries) == len(one.captured_queries)
