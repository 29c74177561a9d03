"""Meetings and deadlines as iCalendar files (RFC 5545), and the personal tokens that let a
calendar client subscribe without logging in.

A meeting keeps one UID for life and sends its `version` as SEQUENCE, so a moved meeting moves
in the subscriber's calendar, and a cancelled one stays in the feed as CANCELLED until the
client has removed it. Closed agenda items never appear: files and feed addresses are passed
around, and a feed is read without login.
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kredsraad.accounts.scoping import (
    councils_inside,
    initiatives_visible_to,
    meetings_visible_to,
    plans_visible_to,
)
from kredsraad.councils.models import Council
from kredsraad.initiatives.models import Milestone
from kredsraad.initiatives.queries import quarter_bounds
from kredsraad.meetings.models import AgendaItem, CalendarToken, Meeting

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PRODID = "-//kredsraad//DA"
# Feeds carry the past year, so recent meetings stay in the calendar, and everything ahead.
FEED_HISTORY = datetime.timedelta(days=365)

# Makes a site path absolute, such as request.build_absolute_uri.
Absolute = Callable[[str], str]

# The single place that decides which agenda items a calendar may show.
OPEN_ITEMS = Prefetch(
    "items",
    # An event names each item; its text and search column stay in the database.
    queryset=AgendaItem.objects.filter(closed=False).only("meeting", "position", "title"),
    to_attr="open_items",
)


def meeting_calendar(meeting: Meeting, *, absolute: Absolute) -> bytes:
    return _meetings_calendar([meeting], name=str(meeting.council), absolute=absolute)


def council_calendar(council: Council, *, absolute: Absolute) -> bytes:
    meetings = (
        council.meetings.filter(starts_at__gte=_feed_start())
        .select_related("hosted_by")
        .defer("search_vector")
    )
    return _meetings_calendar(meetings, name=council.name, absolute=absolute)


def personal_calendar(user, *, absolute: Absolute) -> bytes:
    """The meetings of the councils the user sits in or runs."""
    meetings = meetings_visible_to(user).filter(
        council__in=councils_inside(user), starts_at__gte=_feed_start()
    )
    return _meetings_calendar(meetings, name=_("Mine møder"), absolute=absolute)


def deadlines_calendar(user, *, absolute: Absolute) -> bytes:
    """All-day events: each visible plan's deadline for the lokalråd's handleplaner, and every
    milestone not yet reached of the initiatives the user can see."""
    events = []
    # No handleplan deadline where the district has no handleplan duty.
    for plan in plans_visible_to(user).filter(district__action_plans_required=True):
        events.append(
            _all_day(
                plan.action_plans_due,
                uid=f"action-plans-due-{plan.pk}@kredsraad",
                sequence=plan.version,
                stamp=plan.updated_at,
                summary=_("Frist for lokalrådenes handleplaner %(year)s") % {"year": plan.year},
                description=f"{plan.title} ({plan.district})",
                url=absolute(plan.get_absolute_url()),
            )
        )
    milestones = Milestone.objects.filter(
        initiative__in=initiatives_visible_to(user), done_on__isnull=True
    ).select_related("initiative")
    for milestone in milestones:
        lines = [
            _("Indsats: %(initiative)s") % {"initiative": milestone.initiative.title},
            milestone.get_kind_display(),
        ]
        if milestone.due_date:
            due = milestone.due_date
        else:
            due = quarter_bounds(milestone.due_quarter)[1]
            lines.append(
                _("Fristen er %(quarter)s og står på kvartalets sidste dag.")
                % {"quarter": milestone.due_quarter}
            )
        events.append(
            _all_day(
                due,
                uid=f"milestone-{milestone.pk}@kredsraad",
                sequence=milestone.version,
                stamp=milestone.updated_at,
                summary=_("Milepæl: %(title)s") % {"title": milestone.title},
                description="\n".join(lines),
                url=absolute(milestone.initiative.get_absolute_url()),
            )
        )
    return _calendar_of(_("Mine frister"), events).to_ical()


# Personal tokens -----------------------------------------------------------------------------


def create_calendar_token(user) -> str:
    """Make the user's personal calendar secret, replacing (and so revoking) any earlier one.
    Returns the token; only its digest is kept, so this is the one time it can be shown."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(
        user=user, defaults={"digest": _digest(token), "created_at": timezone.now()}
    )
    return token


def revoke_calendar_token(user) -> bool:
    """Returns whether there was a token to revoke."""
    deleted, _by_model = CalendarToken.objects.filter(user=user).delete()
    return bool(deleted)


def user_of_token(token: str):
    """The active user the token belongs to, or None."""
    found = (
        CalendarToken.objects.filter(digest=_digest(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Building ------------------------------------------------------------------------------------


def _feed_start() -> datetime.datetime:
    return timezone.now() - FEED_HISTORY


def _meetings_calendar(meetings: Iterable[Meeting], *, name: str, absolute: Absolute) -> bytes:
    """Meetings need their council and hosted_by at hand (select_related)."""
    meetings = list(meetings)
    prefetch_related_objects(meetings, OPEN_ITEMS)
    events = [_meeting_event(meeting, absolute) for meeting in meetings]
    calendar = _calendar_of(name, events)
    if meetings:
        calendar.add_missing_timezones(
            first_date=min(m.starts_at for m in meetings).astimezone(COPENHAGEN).date(),
            last_date=max(m.ends_at for m in meetings).astimezone(COPENHAGEN).date()
            + datetime.timedelta(days=1),
        )
    return calendar.to_ical()


def _meeting_event(meeting: Meeting, absolute: Absolute) -> Event:
    council = str(meeting.council)
    # A titled meeting's name starts with its council's (Meeting.__str__): two councils'
    # "næste møde" must not read alike in one calendar.
    summary = str(meeting) if meeting.title else _("Møde i %(council)s") % {"council": council}
    lines = [_("Møde i %(council)s") % {"council": council}] if meeting.title else []
    if meeting.is_cancelled:
        summary = _("Aflyst: %(meeting)s") % {"meeting": summary}
        lines.append(
            _("Mødet er aflyst: %(reason)s") % {"reason": meeting.cancelled_reason}
            if meeting.cancelled_reason
            else _("Mødet er aflyst.")
        )
    if meeting.open_items:
        lines += ["", _("Dagsorden:")]
        lines += [f"{item.position}. {item.title}" for item in meeting.open_items]
    url = absolute(meeting.get_absolute_url())
    lines += ["", _("Mødets side: %(url)s") % {"url": url}]
    return Event.new(
        uid=f"meeting-{meeting.uuid}@kredsraad",
        sequence=meeting.version,
        stamp=meeting.updated_at,
        last_modified=meeting.updated_at,
        start=meeting.starts_at.astimezone(COPENHAGEN),
        end=meeting.ends_at.astimezone(COPENHAGEN),
        summary=summary,
        location=_location(meeting),
        description="\n".join(lines).strip(),
        status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
        url=url,
    )


def _location(meeting: Meeting) -> str:
    location = ", ".join(part for part in (meeting.place, meeting.address) if part)
    if meeting.hosted_by:
        return _("%(location)s (ude af huset hos %(municipality)s)") % {
            "location": location,
            "municipality": meeting.hosted_by,
        }
    return location


def _all_day(day: datetime.date, **values) -> Event:
    # A deadline takes no time: it should not make the day look busy.
    return Event.new(
        start=day, end=day + datetime.timedelta(days=1), transparency="TRANSPARENT", **values
    )


def _calendar_of(name: str, events: Iterable[Event]) -> Calendar:
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calendar_name = name
    for event in events:
        calendar.add_component(event)
    return calendar
