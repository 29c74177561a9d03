"""Pages for drafting an agenda from proposals (kredsraad.meetings.proposals) and for a
council's compliance per year (kredsraad.meetings.compliance). Meetings and councils are read
through kredsraad.accounts.scoping, so another district's are a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import councils_visible_to, meetings_visible_to
from kredsraad.core.views import require_perm
from kredsraad.initiatives.queries import COPENHAGEN
from kredsraad.meetings import actions, proposals
from kredsraad.meetings.compliance import compliance as compliance_checks
from kredsraad.meetings.models import Meeting


def _meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    require_perm(request.user, "meetings.run_meeting", meeting.council)
    return meeting


@login_required
def proposals_page(request, pk):
    meeting = _meeting(request, pk)
    if meeting.status not in proposals.OPEN:
        messages.info(
            request,
            _("Mødet er %(status)s; der er kun forslag til dagsordenen før mødet.")
            % {"status": meeting.get_status_display().lower()},
        )
        return redirect(meeting)
    context = {
        "current_district": meeting.council.district,
        "meeting": meeting,
        "proposals": proposals.proposals_for(meeting),
    }
    return render(request, "meetings/proposals.html", context)


def _proposal_step(request, pk, step, success: str):
    meeting = _meeting(request, pk)
    key = request.POST.get("key", "")
    try:
        done = step(meeting, key, by=request.user)
    except actions.MeetingStateError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success % {"item": done})
    return redirect("meetings:proposals", pk=meeting.pk)


@login_required
@require_POST
def proposal_accept(request, pk):
    return _proposal_step(
        request, pk, proposals.accept, _("Punktet »%(item)s« er sat på dagsordenen.")
    )


@login_required
@require_POST
def proposal_dismiss(request, pk):
    return _proposal_step(
        request,
        pk,
        proposals.dismiss,
        _("Forslaget er afvist for dette møde. Det kan blive foreslået igen til næste møde."),
    )


@login_required
def compliance(request, pk):
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    today = timezone.localdate(timezone=COPENHAGEN)
    try:
        year = int(request.GET.get("aar", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        year = today.year
    context = {
        "current_district": council.district,
        "council": council,
        "year": year,
        "previous_year": year - 1 if year > 2000 else None,
        "next_year": year + 1 if year < 2100 else None,
        "checks": compliance_checks(council, year, today=today),
    }
    return render(request, "meetings/compliance.html", context)
