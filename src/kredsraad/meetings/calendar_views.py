"""Calendar downloads, the personal feeds calendar clients subscribe to, and the page where a
user makes or revokes the address of those feeds.

Downloads need a login and fetch through kredsraad.accounts.scoping like every page. A
calendar client cannot log in, so in a personal feed the secret token in the address stands in
for the login, and everything is scoped as the token's user."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kredsraad.accounts.scoping import councils_visible_to, meetings_visible_to
from kredsraad.meetings import calendars
from kredsraad.meetings.models import CalendarToken


@require_safe
@login_required
def meeting_ics(request, pk):
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    body = calendars.meeting_calendar(meeting, absolute=request.build_absolute_uri)
    return _ics(body, filename=f"moede-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.ics")


@require_safe
@login_required
def council_ics(request, pk):
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    body = calendars.council_calendar(council, absolute=request.build_absolute_uri)
    return _ics(body, filename=f"moeder-raad-{council.pk}.ics")


@require_safe
def personal_ics(request, token):
    user = _user_of(token)
    return _ics(calendars.personal_calendar(user, absolute=request.build_absolute_uri))


@require_safe
def deadlines_ics(request, token):
    user = _user_of(token)
    return _ics(calendars.deadlines_calendar(user, absolute=request.build_absolute_uri))


@never_cache
@login_required
def calendar_settings(request):
    """A new address is shown in the response to the POST that made it: only its digest is
    stored, so it can never be shown again."""
    feeds = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if calendars.revoke_calendar_token(request.user):
                messages.success(request, _("Kalenderadressen er slettet og virker ikke længere."))
            return redirect("meetings:calendar_settings")
        token = calendars.create_calendar_token(request.user)
        feeds = {
            name: request.build_absolute_uri(reverse(f"meetings:{name}", args=[token]))
            for name in ("personal_ics", "deadlines_ics")
        }
        messages.success(request, _("Din kalenderadresse er klar. Kopiér den nu."))
    context = {
        "existing": CalendarToken.objects.filter(user=request.user).first(),
        "feeds": feeds,
    }
    return render(request, "meetings/calendar_settings.html", context)


def _user_of(token: str):
    user = calendars.user_of_token(token)
    if user is None:
        raise Http404
    return user


def _ics(body: bytes, *, filename: str = "") -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Not public even without closed items: no shared cache may keep it.
    patch_cache_control(response, private=True)
    return response
