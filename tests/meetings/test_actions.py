"""The meeting's rules: planning, the agenda, holding it, decisions that write back, action
items and minutes."""

import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kredsraad.councils.models import Membership
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings import actions, papers
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes, Participant
from kredsraad.plans import actions as plan_actions
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime.datetime(2023, 5, 1, 9, 0, tzinfo=CPH)


def at(day: int, month: int = 6, hour: int = 13) -> datetime.datetime:
    return datetime.datetime(2023, month, day, hour, 0, tzinfo=CPH)


def plan_meeting(council, user, day=14, **values):
    values = {
        "starts_at": at(day),
        "ends_at": at(day, hour=15),
        "place": "Politigården, Aalborg",
        **values,
    }
    return actions.create_meeting(council, by=user, now=NOW, **values)


def held(meeting, user, present=()):
    return actions.mark_held(meeting, present=set(present), by=user, now=at(28, month=12))


@pytest.fixture
def meeting(kredsraad_nord, sekretariat):
    return plan_meeting(kredsraad_nord, sekretariat)


def test_a_new_meeting_gets_the_councils_members_on_the_day(
    kredsraad_nord, sekretariat, politi_nord
):
    chair = factories.person(title="Politidirektør", organisation=politi_nord)
    deputy = factories.person(title="Stedfortræder", organisation=politi_nord)
    gone = factories.person(title="Tidligere medlem", organisation=politi_nord)
    factories.membership(kredsraad_nord, chair, role=Membership.Role.CHAIR)
    factories.membership(kredsraad_nord, deputy, role=Membership.Role.DEPUTY)
    factories.membership(
        kredsraad_nord, gone, start=datetime.date(2020, 1, 1), end=datetime.date(2022, 12, 31)
    )

    meeting = plan_meeting(kredsraad_nord, sekretariat)

    assert {(p.person.title, p.kind) for p in meeting.participants.all()} == {
        ("Politidirektør", Participant.Kind.MEMBER),
        ("Stedfortræder", Participant.Kind.DEPUTY),
    }


def test_a_meeting_in_the_past_is_refused(kredsraad_nord, sekretariat):
    with pytest.raises(ValidationError) as error:
        plan_meeting(
            kredsraad_nord, sekretariat, starts_at=at(1, month=4), ends_at=at(1, month=4, hour=15)
        )

    assert "fortiden" in error.value.message_dict["starts_at"][0]
    assert not Meeting.objects.exists()


def test_two_meetings_of_one_council_at_the_same_time_are_refused(
    meeting, kredsraad_nord, sekretariat
):
    with pytest.raises(ValidationError) as error:
        plan_meeting(
            kredsraad_nord, sekretariat, starts_at=at(14, hour=14), ends_at=at(14, hour=16)
        )

    assert error.value.message_dict["starts_at"] == ["Rådet har allerede et møde på det tidspunkt."]
    assert Meeting.objects.count() == 1


def test_a_cancelled_meetings_time_can_be_used_again(meeting, kredsraad_nord, sekretariat):
    actions.cancel_meeting(meeting, reason="Formanden er syg", by=sekretariat)

    again = plan_meeting(kredsraad_nord, sekretariat)

    assert again.status == Meeting.Status.PLANNED


def test_the_host_must_be_in_the_councils_district(kredsraad_nord, sekretariat, holstebro):
    with pytest.raises(ValidationError) as error:
        plan_meeting(kredsraad_nord, sekretariat, hosted_by=holstebro)

    assert "hosted_by" in error.value.message_dict


def test_moving_a_meeting_raises_its_version(meeting, sekretariat):
    version = meeting.version
    meeting.starts_at, meeting.ends_at = at(15), at(15, hour=15)

    actions.update_meeting(meeting, expected_version=version, by=sekretariat, now=NOW)

    meeting.refresh_from_db()
    assert meeting.version == version + 1


def test_the_agenda_needs_an_item_before_it_is_sent(meeting, sekretariat):
    with pytest.raises(actions.MeetingStateError, match="ingen punkter"):
        actions.send_agenda(meeting, by=sekretariat)

    actions.add_item(meeting, title="Godkendelse af dagsorden", kind="decision", by=sekretariat)
    actions.send_agenda(meeting, by=sekretariat)

    assert meeting.status == Meeting.Status.AGENDA_SENT
    with pytest.raises(actions.MeetingStateError):
        actions.send_agenda(meeting, by=sekretariat)


def test_items_are_numbered_moved_and_renumbered_when_one_is_deleted(meeting, sekretariat):
    first, _, third = (
        actions.add_item(meeting, title=title, kind="orientation", by=sekretariat)
        for title in ("Velkomst", "Kriminalitet", "Eventuelt")
    )

    actions.move_item(third, up=True, by=sekretariat)
    actions.delete_item(first, by=sekretariat)

    assert list(meeting.items.values_list("position", "title")) == [
        (1, "Eventuelt"),
        (2, "Kriminalitet"),
    ]


def test_an_item_cannot_link_to_another_districts_objects(
    meeting, sekretariat, midtvest, politi_midtvest
):
    foreign = factories.initiative("Fremmed", district=midtvest, lead=politi_midtvest)

    with pytest.raises(ValidationError) as error:
        actions.add_item(
            meeting, title="Status", kind="orientation", initiative=foreign, by=sekretariat
        )

    assert "initiative" in error.value.message_dict
    assert not meeting.items.exists()


def test_a_meeting_cannot_be_held_before_it_starts(meeting, sekretariat):
    with pytest.raises(actions.MeetingStateError, match="begynder først"):
        actions.mark_held(meeting, present=set(), by=sekretariat, now=at(13))


def test_holding_records_attendance_and_opens_draft_minutes(
    kredsraad_nord, sekretariat, politi_nord
):
    came, away = (
        factories.person(title=title, organisation=politi_nord) for title in ("Kom", "Afbud")
    )
    for person in (came, away):
        factories.membership(kredsraad_nord, person)
    meeting = plan_meeting(kredsraad_nord, sekretariat)
    present = meeting.participants.get(person=came)

    held(meeting, sekretariat, present=[present.pk])

    assert dict(meeting.participants.values_list("person__title", "attended")) == {
        "Kom": True,
        "Afbud": False,
    }
    assert meeting.minutes.status == Minutes.Status.DRAFT


def test_approving_the_plan_at_the_meeting_writes_back(meeting, nordjylland, sekretariat):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)
    item = actions.add_item(
        meeting,
        title="Samarbejdsplan 2024",
        kind="decision",
        plan=plan,
        effect=AgendaItem.Effect.APPROVE_PLAN,
        by=sekretariat,
    )
    held(meeting, sekretariat)

    actions.record_decision(
        item, decision="Planen godkendes.", expected_version=item.version, by=sekretariat
    )

    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.approval_item == item
    assert plan.approved_on == datetime.date(2023, 6, 14)
    assert plan.approved_by_council == meeting.council


def test_a_decision_that_cannot_be_carried_out_changes_nothing(meeting, nordjylland, sekretariat):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)  # still a draft
    item = actions.add_item(
        meeting,
        title="Samarbejdsplan 2024",
        kind="decision",
        plan=plan,
        effect=AgendaItem.Effect.APPROVE_PLAN,
        by=sekretariat,
    )
    held(meeting, sekretariat)

    with pytest.raises(actions.MeetingStateError, match="kan ikke gennemføres"):
        actions.record_decision(
            item, decision="Godkendt.", expected_version=item.version, by=sekretariat
        )

    item.refresh_from_db()
    assert (item.decided, item.decision) == (False, "")


def test_a_decision_on_an_initiative_changes_its_status(
    meeting, nordjylland, politi_nord, sekretariat
):
    initiative = factories.initiative("Kør rent!", district=nordjylland, lead=politi_nord)
    item = actions.add_item(
        meeting,
        title="Kør rent! fremover",
        kind="decision",
        initiative=initiative,
        effect=AgendaItem.Effect.INITIATIVE_STATUS,
        new_initiative_status=Initiative.Status.PERMANENT,
        by=sekretariat,
    )
    held(meeting, sekretariat)

    actions.record_decision(
        item,
        decision="Overgår til permanent indsats.",
        expected_version=item.version,
        by=sekretariat,
    )

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PERMANENT


def test_an_effect_needs_a_decision_item_and_its_object(meeting, sekretariat):
    with pytest.raises(ValidationError) as error:
        actions.add_item(
            meeting,
            title="Plan",
            kind="discussion",
            effect=AgendaItem.Effect.APPROVE_PLAN,
            by=sekretariat,
        )

    assert set(error.value.message_dict) == {"plan", "kind"}


def test_decisions_wait_until_the_meeting_is_held(meeting, sekretariat):
    item = actions.add_item(meeting, title="Punkt", kind="decision", by=sekretariat)

    with pytest.raises(actions.MeetingStateError):
        actions.record_decision(item, decision="Ja", expected_version=item.version, by=sekretariat)


def test_minutes_are_approved_once_and_then_frozen(meeting, sekretariat):
    item = actions.add_item(meeting, title="Punkt", kind="decision", by=sekretariat)
    held(meeting, sekretariat)
    minutes = meeting.minutes

    with pytest.raises(actions.MeetingStateError, match="Punkt 1 mangler en beslutning"):
        actions.approve_minutes(minutes, how="chair", on=datetime.date(2023, 6, 20), by=sekretariat)
    item.refresh_from_db()
    actions.record_decision(
        item, decision="Taget til efterretning.", expected_version=item.version, by=sekretariat
    )
    actions.approve_minutes(minutes, how="chair", on=datetime.date(2023, 6, 20), by=sekretariat)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    assert "Taget til efterretning." in minutes.html
    with pytest.raises(actions.MeetingStateError, match="allerede godkendt"):
        actions.approve_minutes(minutes, how="chair", on=datetime.date(2023, 6, 20), by=sekretariat)
    with pytest.raises(actions.MeetingStateError, match="kan ikke ændres"):
        actions.update_minutes(minutes, expected_version=minutes.version, by=sekretariat)
    with pytest.raises(actions.MeetingStateError):
        actions.record_decision(
            item, decision="Ændret", expected_version=item.version, by=sekretariat
        )


def test_minutes_approved_at_the_next_meeting_name_a_later_meeting_of_the_council(
    meeting, kredsraad_nord, sekretariat
):
    actions.add_item(meeting, title="Punkt", kind="orientation", by=sekretariat)
    held(meeting, sekretariat)
    AgendaItem.objects.filter(meeting=meeting).update(decided=True, decision="Orienteret.")

    with pytest.raises(ValidationError) as error:
        actions.approve_minutes(
            meeting.minutes, how="next_meeting", on=datetime.date(2023, 6, 20), by=sekretariat
        )

    assert "approved_at_meeting" in error.value.message_dict


def test_action_items_follow_decisions_and_are_done_once(meeting, sekretariat):
    item = actions.add_item(meeting, title="Punkt", kind="decision", by=sekretariat)
    with pytest.raises(actions.MeetingStateError):
        actions.add_action_item(
            item,
            title="Opgave",
            owner="Sekretariatet",
            due=datetime.date(2023, 9, 1),
            by=sekretariat,
        )
    held(meeting, sekretariat)

    task = actions.add_action_item(
        item, title="Opgave", owner="Sekretariatet", due=datetime.date(2023, 9, 1), by=sekretariat
    )
    actions.mark_action_item_done(task, on=datetime.date(2023, 8, 1), by=sekretariat)

    with pytest.raises(actions.MeetingStateError, match="allerede udført"):
        actions.mark_action_item_done(task, on=datetime.date(2023, 8, 2), by=sekretariat)


# Papers ------------------------------------------------------------------------------------


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (factories.pdf(), "pdf"),
        (ooxml("word/document.xml"), "docx"),
        (ooxml("xl/workbook.xml"), "xlsx"),
    ],
)
def test_papers_are_typed_by_content(meeting, sekretariat, content, kind):
    item = actions.add_item(meeting, title="Punkt", kind="orientation", by=sekretariat)

    paper = actions.add_paper(item, name="C:\\bilag\\Analyse.bin", content=content, by=sekretariat)

    assert (paper.type, paper.name, paper.size) == (kind, f"Analyse.{kind}", len(content))
    assert len(paper.sha256) == 64
    assert bytes(paper.content.data) == content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen er tom."),
        (b"MZ\x90\x00\x03 a program", "er ikke en PDF-"),
        (ooxml("other.xml"), "er ikke en PDF-"),
        (b"PK\x03\x04 broken zip", "er ikke en PDF-"),
    ],
)
def test_bad_papers_are_refused(meeting, sekretariat, content, message):
    item = actions.add_item(meeting, title="Punkt", kind="orientation", by=sekretariat)

    with pytest.raises(ValidationError) as error:
        actions.add_paper(item, name="referat.pdf", content=content, by=sekretariat)

    assert message in error.value.message_dict["file"][0]
    assert not item.papers.exists()


def test_an_oversized_paper_is_refused_by_its_size(meeting, sekretariat, settings):
    settings.KREDSRAAD_PAPER_MAX_BYTES = 10
    item = actions.add_item(meeting, title="Punkt", kind="orientation", by=sekretariat)

    with pytest.raises(ValidationError) as error:
        actions.add_paper(item, name="stor.pdf", content=b"%PDF-1.7 og meget mere", by=sekretariat)

    assert error.value.message_dict["file"] == [
        "Filen fylder 22\xa0bytes; et bilag må højst fylde 10\xa0bytes."
    ]
    assert papers.max_bytes() == 10
    assert not item.papers.exists()
