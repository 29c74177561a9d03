"""Pages of the meetings: a council's meetings, one meeting with its agenda, an item with its
papers, decision and action items, attendance, and the minutes. Everything is read through
kredsraad.accounts.scoping: closed items, their papers and draft minutes exist only for the
council's own people, for everyone else they are a 404. Every change goes through actions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    action_plans_visible_to,
    agenda_items_visible_to,
    councils_visible_to,
    districts_visible_to,
    forums_visible_to,
    initiatives_visible_to,
    meetings_visible_to,
    papers_visible_to,
    people_visible_to,
    plans_visible_to,
)
from kredsraad.core.concurrency import EditConflict
from kredsraad.core.confirm import Consequences, confirmed_step
from kredsraad.core.history import history_of
from kredsraad.core.views import edit_page, id_param, require_perm
from kredsraad.initiatives.models import Milestone
from kredsraad.meetings import actions, notices, papers
from kredsraad.meetings.forms import (
    AbsenceForm,
    ActionItemForm,
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceForm,
    CancelForm,
    DecisionForm,
    DoneForm,
    GuestForm,
    MeetingForm,
    MinutesForm,
    PaperForm,
)
from kredsraad.meetings.models import ActionItem, AgendaItem, Meeting, Minutes, Notice, Paper


def _meeting(request, pk, perm: str | None = None) -> Meeting:
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    if perm:
        require_perm(request.user, perm, meeting.council)
    return meeting


def _item(request, pk, perm: str | None = None) -> AgendaItem:
    item = get_object_or_404(
        agenda_items_visible_to(request.user).select_related(
            "meeting__council__district", "plan", "initiative", "milestone", "forum"
        ),
        pk=pk,
    )
    if perm:
        require_perm(request.user, perm, item.meeting.council)
    return item


def _refused(step):
    """Run an action for edit_page, turning a refused state into a form error."""
    try:
        return step()
    except actions.MeetingStateError as error:
        raise ValidationError(str(error)) from error


def _step(request, obj, step, success: str):
    """A POST-only lifecycle step: refused steps are explained, nothing changes."""
    try:
        step()
    except actions.MeetingStateError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(obj)


# Meetings ------------------------------------------------------------------------------------


@login_required
def district_meetings(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    now = timezone.now()
    found = (
        meetings_visible_to(request.user).filter(council__district=district).defer("search_vector")
    )
    context = {
        "current_district": district,
        "district": district,
        # Each council's own list reaches its earlier meetings, year by year.
        "councils": councils_visible_to(request.user).filter(district=district),
        "upcoming": found.filter(ends_at__gte=now).order_by("starts_at")[:50],
        "past": found.filter(ends_at__lt=now).order_by("-starts_at")[:LATEST_MEETINGS],
    }
    return render(request, "meetings/district_meetings.html", context)


@login_required
def meetings(request, pk):
    """A council's coming meetings and its latest past ones; every earlier year is a link
    (?aar=), so the page reads the same few rows however many years the council has met."""
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    now = timezone.now()
    found = meetings_visible_to(request.user).filter(council=council).defer("search_vector")
    past = found.filter(ends_at__lt=now)
    year = id_param(request.GET.get("aar"))
    if year is not None and not 1900 <= year <= 2200:
        raise Http404
    years = list(
        past.order_by()
        .annotate(year=ExtractYear("starts_at"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    context = {
        "current_district": council.district,
        "council": council,
        "upcoming": found.filter(ends_at__gte=now).order_by("starts_at"),
        "past": past.filter(starts_at__year=year).order_by("-starts_at")
        if year
        else past.order_by("-starts_at")[:LATEST_MEETINGS],
        "year": year,
        "years": years,
        "can_run": request.user.has_perm("meetings.run_meeting", council),
    }
    return render(request, "meetings/meetings.html", context)


# Past meetings a list shows before it links to them year by year.
LATEST_MEETINGS = 20


@login_required
def meeting_create(request, pk):
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    require_perm(request.user, "meetings.run_meeting", council)
    form = MeetingForm(request.POST or None, instance=Meeting(council=council), council=council)
    return edit_page(
        request,
        form,
        lambda form: actions.create_meeting(
            council,
            by=request.user,
            **{name: form.cleaned_data[name] for name in actions.MEETING_FIELDS},
        ),
        context={
            "current_district": council.district,
            "heading": _("Nyt møde i %(council)s") % {"council": council},
            "cancel_url": reverse("meetings:meetings", args=[council.pk]),
        },
        saved_message=_("Mødet er oprettet med rådets medlemmer som deltagere."),
        done=lambda saved: saved,
        form_kwargs={"council": council},
    )


@login_required
def meeting(request, pk):
    # The page shows the minutes' state only: their frozen document, the search columns and
    # the items' descriptions (on the item's own page) stay in the database.
    meeting = get_object_or_404(
        meetings_visible_to(request.user)
        .select_related("minutes")
        .defer(
            "search_vector",
            "minutes__search_vector",
            "minutes__content",
            "minutes__html",
            "minutes__body",
        ),
        pk=pk,
    )
    council = meeting.council
    inside = request.user.has_perm("meetings.see_inside", council)
    can_run = request.user.has_perm("meetings.run_meeting", council)
    items = (
        agenda_items_visible_to(request.user)
        .filter(meeting=meeting)
        .defer("search_vector", "description")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.only("uuid", "name", "item")))
        .order_by("position")
    )
    participants = list(
        meeting.participants.select_related("person__organisation", "absence_reported_by").defer(
            "person__search_vector", "person__organisation__search_vector"
        )
    )
    now = timezone.now()
    own = _own_seat(request, participants)
    context = {
        "current_district": council.district,
        "meeting": meeting,
        "items": items,
        "participants": participants,
        "inside": inside,
        "can_run": can_run,
        "minutes": getattr(meeting, "minutes", None),
        "guest_form": GuestForm(people=_guests(request, meeting)) if can_run else None,
        "now": now,
        "ahead": meeting.status in (Meeting.Status.PLANNED, Meeting.Status.AGENDA_SENT)
        and meeting.starts_at > now,
        "own_seat": own,
        "attendance": _attendance(participants) if can_run else "",
        "receipts": notices.agenda_receipts(meeting) if can_run else [],
    }
    return render(request, "meetings/meeting.html", context)


def _own_seat(request, participants):
    """The user's own seat at the meeting: the participant whose person has the user's e-mail."""
    email = request.user.email.lower()
    return next((p for p in participants if p.person.email.lower() == email), None)


def _attendance(participants) -> str:
    """ "8 deltager, 2 har meldt afbud", before the meeting."""
    away = sum(1 for p in participants if p.absence_reported_at)
    coming = len(participants) - away
    return _("%(coming)s, %(away)s") % {
        "coming": ngettext("%(n)d deltager", "%(n)d deltager", coming) % {"n": coming},
        "away": ngettext("%(n)d har meldt afbud", "%(n)d har meldt afbud", away) % {"n": away},
    }


def _guests(request, meeting):
    """Who may be invited as a guest: the district's people not already taking part."""
    return (
        people_visible_to(request.user)
        .filter(district=meeting.council.district_id)
        .exclude(meeting_seats__meeting=meeting)
        .select_related("organisation")
        .order_by("name", "title")
    )


@login_required
@require_POST
def guest_add(request, pk):
    meeting = _meeting(request, pk, "meetings.run_meeting")
    form = GuestForm(request.POST, people=_guests(request, meeting))
    if not form.is_valid():
        messages.error(request, _("Vælg den person, der deltager som gæst."))
        return redirect(meeting)
    person = form.cleaned_data["person"]
    return _step(
        request,
        meeting,
        lambda: actions.add_guest(meeting, person, by=request.user),
        _("%(person)s deltager som gæst.") % {"person": person},
    )


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk, "meetings.run_meeting")
    council = meeting.council
    return edit_page(
        request,
        MeetingForm(request.POST or None, instance=meeting, council=council),
        lambda form: _refused(
            lambda: actions.update_meeting(
                form.instance, expected_version=form.expected_version, by=request.user
            )
        ),
        context={
            "current_district": council.district,
            "heading": _("Rediger %(meeting)s") % {"meeting": meeting},
            "cancel_url": meeting.get_absolute_url(),
        },
        saved_message=_("Mødet er gemt."),
        done=lambda saved: saved,
        form_kwargs={"council": council},
    )


def _starts_soon(meeting: Meeting) -> list[str]:
    """The warning a confirmation page shows for a meeting within a day."""
    now = timezone.now()
    if meeting.starts_at <= now:
        return [_("Mødet er allerede begyndt.")]
    if meeting.starts_at - now < SOON:
        return [_("Mødet begynder om %(time)s.") % {"time": timeuntil(meeting.starts_at, now)}]
    return []


def _public_url(request, meeting: Meeting) -> str:
    return request.build_absolute_uri(
        reverse("publishing:public_meeting", args=[meeting.council.district.slug, meeting.uuid])
    )


def _reachable(found: list[notices.Recipient]) -> int:
    return sum(1 for r in found if r.reachable)


def _unreachable(found: list[notices.Recipient]) -> list[str]:
    """Says how many participants no e-mail reaches, if any."""
    happens = []
    missing = sum(1 for r in found if not r.participant.person.email)
    if missing:
        happens.append(
            ngettext(
                "%(count)d deltager har ingen e-mailadresse og får ingen besked.",
                "%(count)d deltagere har ingen e-mailadresse og får ingen besked.",
                missing,
            )
            % {"count": missing}
        )
    return happens


# Until then, a confirmation page warns that the meeting is close.
SOON = datetime.timedelta(hours=24)


@login_required
def send_agenda(request, pk):
    """Confirm, then send: who will get the agenda by e-mail, and where it is published."""
    meeting = _meeting(request, pk, "meetings.run_meeting")

    def consequences():
        found = notices.recipients(meeting, Notice.Kind.AGENDA_SENT)
        count = _reachable(found)
        happens = [
            ngettext(
                "Dagsordenen sendes med e-mail og link til %(count)d deltager.",
                "Dagsordenen sendes med e-mail og link til %(count)d deltagere.",
                count,
            )
            % {"count": count},
            *_unreachable(found),
        ]
        if _agenda_becomes_public(meeting):
            happens.append(
                _("Dagsordenen offentliggøres på %(url)s (uden lukkede punkter).")
                % {"url": _public_url(request, meeting)}
            )
        else:
            happens.append(
                _("Dagsordenen offentliggøres ikke: mødet er ikke åbent for offentligheden.")
            )
        happens += [
            _("PDF og Word bygges i baggrunden."),
            _("Ændres dagsordenen bagefter, får deltagerne besked igen (højst én om dagen)."),
        ]
        warnings = _starts_soon(meeting)
        if meeting.agenda_sent_at:
            warnings.append(
                _("Dagsordenen er allerede udsendt %(when)s.")
                % {"when": actions._when(meeting.agenda_sent_at)}
            )
        elif meeting.status == Meeting.Status.PLANNED and not meeting.items.exists():
            warnings.append(_("Dagsordenen har ingen punkter endnu."))
        return Consequences(
            heading=_("Send dagsordenen til %(meeting)s") % {"meeting": meeting},
            happens=happens,
            button=_("Send dagsordenen"),
            audience=[r.describe() for r in found],
            audience_heading=_("Deltagere"),
            warnings=warnings,
        )

    return confirmed_step(
        request,
        meeting,
        step="send-agenda",
        consequences=consequences,
        run=lambda meeting: (
            actions.send_agenda(meeting, by=request.user)
            and _("Dagsordenen er udsendt. PDF og Word bygges nu i baggrunden.")
        ),
        context={"current_district": meeting.council.district},
    )


def _agenda_becomes_public(meeting: Meeting) -> bool:
    """Whether the public rule (publishing.publicity, the one place that decides it) publishes
    this meeting's agenda once it is sent. Checked against the meeting as sending leaves it."""
    from kredsraad.publishing import publicity  # the rule lives there; publishing reads meetings

    return publicity.public_agenda().check(
        {
            "open_to_public": meeting.open_to_public,
            "agenda_sent_at": timezone.now(),
            "status": Meeting.Status.AGENDA_SENT,
        }
    )


@login_required
def mark_held(request, pk):
    """Record who came and that the meeting was held; the agenda is locked from then on."""
    meeting = _meeting(request, pk, "meetings.run_meeting")
    form = AttendanceForm(request.POST or None, meeting=meeting)

    def run(meeting):
        present = {int(pk) for pk in form.cleaned_data["present"]}
        actions.mark_held(meeting, present=present, by=request.user)
        return _("Mødet er registreret som afholdt. Registrér nu beslutningerne.")

    away = meeting.participants.filter(absence_reported_at__isnull=False).count()
    return confirmed_step(
        request,
        meeting,
        step="mark-held",
        consequences=lambda: Consequences(
            heading=_("Registrér mødet som afholdt"),
            happens=[
                _("Mødet registreres som afholdt med de deltagere, du markerer herunder."),
                _(
                    "Dagsordenen låses: punkter kan ikke længere tilføjes, ændres, flyttes "
                    "eller slettes."
                ),
                _("Derefter registreres beslutningerne, og referatet kan skrives."),
            ]
            + (
                [
                    ngettext(
                        "%(count)d deltager har meldt afbud og er ikke markeret som til stede.",
                        "%(count)d deltagere har meldt afbud og er ikke markeret som til stede.",
                        away,
                    )
                    % {"count": away}
                ]
                if away
                else []
            ),
            button=_("Registrér som afholdt"),
        ),
        run=run,
        form=form,
        context={"current_district": meeting.council.district},
    )


@login_required
def cancel(request, pk):
    meeting = _meeting(request, pk, "meetings.run_meeting")
    form = CancelForm(request.POST or None)

    def consequences():
        happens = [
            _("Mødet aflyses og kan ikke genoptages; der kan planlægges et nyt."),
            _("Deltagernes kalendere viser mødet som aflyst."),
        ]
        if _meeting_is_public(meeting):
            happens.append(
                _("Aflysningen og årsagen vises på %(url)s.")
                % {"url": _public_url(request, meeting)}
            )
        return Consequences(
            heading=_("Aflys %(meeting)s") % {"meeting": meeting},
            happens=happens,
            button=_("Aflys mødet"),
            warnings=_starts_soon(meeting) if meeting.starts_at > timezone.now() else [],
        )

    return confirmed_step(
        request,
        meeting,
        step="cancel",
        consequences=consequences,
        run=lambda meeting: (
            actions.cancel_meeting(
                meeting, reason=form.cleaned_data["cancelled_reason"], by=request.user
            )
            and _("Mødet er aflyst.")
        ),
        form=form,
        context={"current_district": meeting.council.district},
    )


def _meeting_is_public(meeting: Meeting) -> bool:
    from kredsraad.publishing import publicity  # the rule lives there; publishing reads meetings

    return publicity.meetings().filter(pk=meeting.pk).exists()


# Afbud ---------------------------------------------------------------------------------------


def _seat(request, meeting: Meeting, participant_pk: int | None):
    """The participant an afbud page is about: with an id, anyone's, for whoever runs the
    meeting; without, the user's own seat. Anything else is a 404."""
    participants = meeting.participants.select_related("person", "meeting__council")
    if participant_pk is not None:
        require_perm(request.user, "meetings.run_meeting", meeting.council)
        return get_object_or_404(participants, pk=participant_pk)
    seat = participants.filter(person__email__iexact=request.user.email).first()
    if seat is None:
        raise Http404
    return seat


@login_required
def absence(request, pk, participant_pk=None):
    """Meld afbud, with an optional note: one's own, or on a member's behalf."""
    meeting = _meeting(request, pk)
    seat = _seat(request, meeting, participant_pk)
    form = AbsenceForm(request.POST or None, initial={"absence_note": seat.absence_note})
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_absence(seat, note=form.cleaned_data["absence_note"], by=request.user)
        except actions.MeetingStateError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("Afbud er meldt for %(person)s.") % {"person": seat.person}
                if participant_pk
                else _("Dit afbud er meldt."),
            )
            return redirect(meeting)
    context = {
        "current_district": meeting.council.district,
        "heading": _("Meld afbud til %(meeting)s") % {"meeting": meeting}
        if participant_pk is None
        else _("Meld afbud for %(person)s") % {"person": seat.person},
        "intro": _("%(meeting)s, %(when)s.")
        % {"meeting": meeting, "when": actions._when(meeting.starts_at)},
        "cancel_url": meeting.get_absolute_url(),
        "form": form,
    }
    return render(request, "meetings/absence.html", context)


@login_required
@require_POST
def absence_withdraw(request, pk, participant_pk=None):
    meeting = _meeting(request, pk)
    seat = _seat(request, meeting, participant_pk)
    return _step(
        request,
        meeting,
        lambda: actions.withdraw_absence(seat, by=request.user),
        _("Afbuddet er trukket tilbage."),
    )


@login_required
def meeting_history(request, pk):
    meeting = _meeting(request, pk, "meetings.see_inside")
    context = {
        "current_district": meeting.council.district,
        "object": meeting,
        "changes": history_of(meeting, children=((AgendaItem.objects.all(), "meeting"),)),
    }
    return render(request, "core/history.html", context)


# Agenda items --------------------------------------------------------------------------------


def _links(request, meeting) -> dict:
    """What an item may link to: the district's objects the user can see."""
    district = meeting.council.district
    initiatives = initiatives_visible_to(request.user).filter(district=district)
    return {
        "plan": plans_visible_to(request.user).filter(district=district),
        "action_plan": _action_plans_for(request, meeting),
        "initiative": initiatives,
        "milestone": Milestone.objects.filter(initiative__in=initiatives).select_related(
            "initiative"
        ),
        "forum": forums_visible_to(request.user).filter(district=district),
    }


def _action_plans_for(request, meeting):
    """The handleplaner the user can see that the meeting's council treats: a lokalråd its own,
    the kredsråd any of the district's."""
    action_plans = action_plans_visible_to(request.user).filter(
        plan__district=meeting.council.district_id
    )
    if not meeting.council.is_district_council:
        action_plans = action_plans.filter(council=meeting.council)
    return action_plans.select_related("council", "plan")


@login_required
def item_create(request, pk):
    meeting = _meeting(request, pk, "meetings.run_meeting")
    links = _links(request, meeting)
    form = AgendaItemForm(request.POST or None, instance=AgendaItem(meeting=meeting), links=links)
    return edit_page(
        request,
        form,
        lambda form: _refused(
            lambda: actions.add_item(
                meeting,
                by=request.user,
                **{name: form.cleaned_data[name] for name in actions.ITEM_FIELDS},
            )
        ),
        context={
            "current_district": meeting.council.district,
            "heading": _("Nyt punkt på dagsordenen"),
            "cancel_url": meeting.get_absolute_url(),
        },
        saved_message=_("Punktet er tilføjet."),
        done=lambda saved: meeting,
        form_kwargs={"links": links},
    )


@login_required
def item(request, pk):
    item = _item(request, pk)
    meeting = item.meeting
    can_run = request.user.has_perm("meetings.run_meeting", meeting.council)
    context = {
        "current_district": meeting.council.district,
        "item": item,
        "meeting": meeting,
        "papers": item.papers.all(),
        "action_items": item.action_items.all(),
        "can_run": can_run,
        "paper_form": PaperForm() if can_run else None,
        "action_item_form": ActionItemForm() if can_run else None,
        "done_form": DoneForm() if can_run else None,
        "paper_limit": papers.max_bytes(),
    }
    return render(request, "meetings/item.html", context)


@login_required
def item_edit(request, pk):
    item = _item(request, pk, "meetings.run_meeting")
    links = _links(request, item.meeting)
    return edit_page(
        request,
        AgendaItemForm(request.POST or None, instance=item, links=links),
        lambda form: _refused(
            lambda: actions.update_item(
                form.instance, expected_version=form.expected_version, by=request.user
            )
        ),
        context={
            "current_district": item.meeting.council.district,
            "heading": _("Rediger punkt %(position)s") % {"position": item.position},
            "cancel_url": item.get_absolute_url(),
        },
        saved_message=_("Punktet er gemt."),
        done=lambda saved: saved,
        form_kwargs={"links": links},
    )


@login_required
@require_POST
def item_move(request, pk):
    item = _item(request, pk, "meetings.run_meeting")
    up = request.POST.get("direction") == "up"
    return _step(
        request,
        item.meeting,
        lambda: actions.move_item(item, up=up, by=request.user),
        _("Punktet er flyttet."),
    )


@login_required
@require_POST
def item_delete(request, pk):
    item = _item(request, pk, "meetings.run_meeting")
    return _step(
        request,
        item.meeting,
        lambda: actions.delete_item(item, by=request.user),
        _("Punktet er slettet, og de øvrige er nummereret igen."),
    )


@login_required
def decision(request, pk):
    item = _item(request, pk, "meetings.run_meeting")
    intro = {
        AgendaItem.Effect.APPROVE_PLAN: _("Når beslutningen gemmes, godkendes %(plan)s."),
        AgendaItem.Effect.INITIATIVE_STATUS: _(
            "Når beslutningen gemmes, får %(initiative)s ny status."
        ),
    }.get(item.effect, "") % {"plan": item.plan, "initiative": item.initiative}
    return edit_page(
        request,
        DecisionForm(request.POST or None, instance=item),
        lambda form: _refused(
            lambda: actions.record_decision(
                item,
                decision=form.cleaned_data["decision"],
                expected_version=form.expected_version,
                by=request.user,
            )
        ),
        context={
            "current_district": item.meeting.council.district,
            "heading": _("Beslutning: %(item)s") % {"item": item},
            "intro": intro or (item.proposal and _("Indstilling: %(p)s") % {"p": item.proposal}),
            "cancel_url": item.get_absolute_url(),
        },
        saved_message=_("Beslutningen er registreret."),
        done=lambda saved: saved.meeting,
    )


# Papers --------------------------------------------------------------------------------------


@login_required
@require_POST
def paper_upload(request, pk):
    item = _item(request, pk, "meetings.run_meeting")
    form = PaperForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Vælg en fil."))
        return redirect(item)
    upload = form.cleaned_data["file"]
    # An oversized file is refused by its size, without reading it all into memory.
    content = upload.read(papers.max_bytes() + 1)
    return _step(
        request,
        item,
        lambda: actions.add_paper(
            item, name=upload.name, content=content, size=upload.size, by=request.user
        ),
        _("Bilaget »%(name)s« er tilføjet.") % {"name": upload.name},
    )


@login_required
def paper(request, uuid):
    paper = get_object_or_404(papers_visible_to(request.user).select_related("content"), uuid=uuid)
    response = HttpResponse(
        bytes(paper.content.data), content_type=papers.CONTENT_TYPES[paper.type]
    )
    response["Content-Disposition"] = content_disposition_header(True, paper.name)
    return response


# Action items --------------------------------------------------------------------------------


@login_required
@require_POST
def action_item_create(request, pk):
    item = _item(request, pk, "meetings.run_meeting")
    form = ActionItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Udfyld opgave, ansvarlig og frist for aktionspunktet."))
        return redirect(item)
    return _step(
        request,
        item,
        lambda: actions.add_action_item(item, by=request.user, **form.cleaned_data),
        _("Aktionspunktet er oprettet."),
    )


@login_required
@require_POST
def action_item_done(request, pk):
    action_item = get_object_or_404(
        ActionItem.objects.filter(item__in=agenda_items_visible_to(request.user)).select_related(
            "item__meeting__council"
        ),
        pk=pk,
    )
    require_perm(request.user, "meetings.run_meeting", action_item.item.meeting.council)
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Angiv datoen, aktionspunktet blev udført."))
        return redirect(action_item.item)
    return _step(
        request,
        action_item.item,
        lambda: actions.mark_action_item_done(
            action_item, on=form.cleaned_data["done_on"], by=request.user
        ),
        _("Aktionspunktet er udført."),
    )


# Minutes -------------------------------------------------------------------------------------


@login_required
def minutes(request, pk):
    """Draft minutes exist only inside the council; approved ones are read by everyone who sees
    the meeting, without closed items unless they are inside."""
    meeting = get_object_or_404(
        meetings_visible_to(request.user)
        .select_related("minutes")
        # The frozen document is read only when its rendering is not cached (below).
        .defer("search_vector", "minutes__search_vector", "minutes__html", "minutes__content"),
        pk=pk,
    )
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        raise Http404
    inside = request.user.has_perm("meetings.see_inside", meeting.council)
    approved = minutes.status == Minutes.Status.APPROVED
    if not approved and not inside:
        raise Http404
    can_run = request.user.has_perm("meetings.run_meeting", meeting.council)
    document = None if approved else actions.minutes_content(meeting)
    form = None
    if can_run and not approved:
        form = MinutesForm(request.POST or None, instance=minutes)
        if request.method == "POST" and form.is_valid():
            try:
                actions.update_minutes(
                    form.instance, expected_version=form.expected_version, by=request.user
                )
            except actions.MeetingStateError as error:
                messages.error(request, str(error))
            except EditConflict:
                messages.error(
                    request,
                    _("En anden har ændret referatet imens. Kontrollér teksten, og gem igen."),
                )
            else:
                messages.success(request, _("Referatets indledning er gemt."))
            return redirect("meetings:minutes", pk=meeting.pk)
    context = {
        "current_district": meeting.council.district,
        "meeting": meeting,
        "minutes": minutes,
        "document": document,
        "approved_document": approved_minutes_html(minutes, show_closed=inside) if approved else "",
        "show_closed": inside,
        "form": form,
    }
    return render(request, "meetings/minutes.html", context)


def approved_minutes_html(minutes: Minutes, *, show_closed: bool) -> str:
    """The approved minutes' document as HTML. Approved minutes never change, so the rendering
    is kept per process under the minutes' id and version, for each of the two readings (with
    or without closed items: the only thing in it that depends on who reads) and language."""
    key = (
        f"minutes-html:{minutes.pk}:{minutes.version}:{int(show_closed)}:"
        f"{translation.get_language()}"
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "meetings/_minutes_document.html",
            {"document": minutes.content, "show_closed": show_closed},
        )
        cache.set(key, html, MINUTES_HTML_SECONDS)
    return mark_safe(html)


# Long enough to serve a burst of readers, short enough that memory is given back.
MINUTES_HTML_SECONDS = 60 * 60


@login_required
def minutes_approve(request, pk):
    """Confirm, then approve and lock the minutes; the participants are told."""
    meeting = _meeting(request, pk, "meetings.run_meeting")
    minutes = get_object_or_404(Minutes, meeting=meeting)
    form = ApproveMinutesForm(request.POST or None, meeting=meeting)
    target = reverse("meetings:minutes", args=[meeting.pk])

    def consequences():
        found = notices.recipients(meeting, Notice.Kind.MINUTES_APPROVED)
        count = _reachable(found)
        happens = [
            _("Referatet godkendes og låses; det kan ikke ændres bagefter."),
            ngettext(
                "%(count)d deltager får besked med e-mail og link.",
                "%(count)d deltagere får besked med e-mail og link.",
                count,
            )
            % {"count": count},
            *_unreachable(found),
        ]
        from kredsraad.publishing import publicity  # the one place that decides what is public

        if publicity.public_minutes().check({"status": Minutes.Status.APPROVED}):
            happens.append(
                _("Referatet offentliggøres på %(url)s (uden lukkede punkter).")
                % {"url": _public_url(request, meeting)}
            )
        happens.append(_("PDF og Word bygges i baggrunden."))
        return Consequences(
            heading=_("Godkend og lås referatet af %(meeting)s") % {"meeting": meeting},
            happens=happens,
            button=_("Godkend og lås referatet"),
            audience=[r.describe() for r in found],
            audience_heading=_("Deltagere"),
        )

    def run(minutes):
        try:
            actions.approve_minutes(
                minutes,
                how=form.cleaned_data["approved_how"],
                on=form.cleaned_data["approved_on"],
                at_meeting=form.cleaned_data["approved_at_meeting"],
                by=request.user,
            )
        except ValidationError as error:  # the form checks the same; a race can still differ
            raise actions.MeetingStateError(" ".join(error.messages)) from error
        return _("Referatet er godkendt og låst. PDF og Word bygges nu i baggrunden.")

    return confirmed_step(
        request,
        minutes,
        step="approve-minutes",
        consequences=consequences,
        run=run,
        form=form,
        cancel_url=target,
        done=target,
        context={"current_district": meeting.council.district},
    )
