"""The public site: what a district has published, for anyone, without login.

Every page reads through kredsraad.publishing.public, which alone decides what is public. The
pages do not use `current_district`, so the internal menu never shows here, also not for a
signed-in user.
"""

import datetime

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from kredsraad.meetings import calendars
from kredsraad.meetings.calendar_views import _ics
from kredsraad.publishing import public, public_search


@require_safe
def index(request):
    return render(request, "publishing/public/index.html", {"districts": public.public_districts()})


@require_safe
def search(request):
    """Search across everything published, by the GET parameters q, type, kommune, tema, aar."""
    context = public_search.search_page(request.GET)
    return render(request, "publishing/public/search.html", context)


@require_safe
def district(request, slug):
    district = public.district_of(slug)
    plans = list(public.published_plans(district))
    context = {
        "district": district,
        "plans": plans,
        "current": plans[0] if plans else None,
        "strategies": public.published_strategies(district),
        "meetings_ahead": public.meetings_ahead(district),
    }
    return render(request, "publishing/public/district.html", context)


@require_safe
def plan(request, slug, uuid, number=None):
    """The current version of a published plan, or an earlier one by its number."""
    district = public.district_of(slug)
    plan = public.published_plan(district, uuid)
    version = public.version_of(plan, number)
    versions = public.versions_of(plan)
    context = {
        "district": district,
        "plan": plan,
        "version": version,
        "versions": versions,
        "is_current": version.number == versions[0].number,
        "documents": next(v.public_documents for v in versions if v.number == version.number),
    }
    return render(request, "publishing/public/plan.html", context)


@require_safe
def strategy(request, slug, uuid, number=None):
    """The newest version of a published strategy, or an earlier one by its number, with the
    published yearly plans tied to it."""
    district = public.district_of(slug)
    strategy = public.published_strategy(district, uuid)
    version = public.strategy_version_of(strategy, number)
    context = {
        "district": district,
        "strategy": strategy,
        "version": version,
        "versions": strategy.versions.defer("content", "html").order_by("-number"),
        "is_current": version.number == strategy.current_number,
        "plans": public.strategy_plans(strategy),
    }
    return render(request, "publishing/public/strategy.html", context)


@require_safe
def action_plans(request, slug):
    district = public.district_of(slug)
    rows = list(public.published_action_plans(district))
    context = {"district": district, "action_plans": rows}
    return render(request, "publishing/public/action_plans.html", context)


@require_safe
def action_plan(request, slug, uuid):
    district = public.district_of(slug)
    action_plan = public.published_action_plan(district, uuid)
    public.attach_documents([action_plan], "action_plan")
    context = {"district": district, "action_plan": action_plan}
    return render(request, "publishing/public/action_plan.html", context)


@require_safe
def initiatives(request, slug):
    """The district's public initiatives, filtered by the GET parameters kommune, tema and q."""
    district = public.district_of(slug)
    context = {"district": district, **public_search.filtered_initiatives(district, request.GET)}
    return render(request, "publishing/public/initiatives.html", context)


@require_safe
def initiative(request, slug, uuid):
    district = public.district_of(slug)
    context = {"district": district, "initiative": public.public_initiative(district, uuid)}
    return render(request, "publishing/public/initiative.html", context)


@require_safe
def meetings(request, slug):
    district = public.district_of(slug)
    context = {"district": district, "meetings": public.meetings_page(district)}
    return render(request, "publishing/public/meetings.html", context)


@require_safe
def meeting(request, slug, uuid):
    district = public.district_of(slug)
    context = {"district": district, "meeting": public.public_meeting(district, uuid)}
    return render(request, "publishing/public/meeting.html", context)


@require_safe
def statistics(request, slug):
    district = public.district_of(slug)
    context = {"district": district, "data": public.public_statistics(district)}
    return render(request, "publishing/public/statistics.html", context)


@require_safe
def meetings_ics(request, slug):
    """The district's meetings open to the public, for a calendar to subscribe to: the past
    year and everything ahead, open items only. Each event links to its public page."""
    district = public.district_of(slug)
    since = timezone.now() - calendars.FEED_HISTORY
    meetings = public.calendar_meetings(district, since=since)
    public_pages = {
        m.get_absolute_url(): request.build_absolute_uri(
            reverse("publishing:public_meeting", args=[district.slug, m.uuid])
        )
        for m in meetings
    }

    def absolute(path: str) -> str:
        # calendars builds each event's link from the meeting's internal page; a visitor
        # gets the public page instead.
        return public_pages.get(path) or request.build_absolute_uri(path)

    events = [calendars._meeting_event(m, absolute) for m in meetings]
    calendar = calendars._calendar_of(str(district), events)
    if meetings:
        calendar.add_missing_timezones(
            first_date=min(m.starts_at for m in meetings).astimezone(calendars.COPENHAGEN).date(),
            last_date=max(m.ends_at for m in meetings).astimezone(calendars.COPENHAGEN).date()
            + datetime.timedelta(days=1),
        )
    response = _ics(calendar.to_ical(), filename=f"moeder-{district.slug}.ics")
    # Unlike a personal feed, this one is the same for everybody.
    response["Cache-Control"] = "public, max-age=300"
    return response
