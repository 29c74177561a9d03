"""Confirmation before a step that locks, sends or publishes.

Such a step's URL answers GET with a page that says what will happen and who will receive or
see it, and a form that posts back to the same URL with a signed token naming the step, the
subject and the version of it the user saw. Only a POST carrying that token runs the step. A
POST without it (an old form, a script, a click that skipped the page) changes nothing and shows
the confirmation page; a token for an earlier version of the subject (someone changed it since)
does the same and says so, so nobody confirms something other than what they read. It works
without JavaScript: the page is an ordinary form.

    def meeting_send(request, pk):
        meeting = ...
        return confirmed_step(
            request,
            meeting,
            step="send-agenda",
            consequences=lambda: Consequences(heading=..., happens=[...], button=...),
            run=lambda meeting: actions.send_agenda(meeting, by=request.user) and _("Sendt."),
        )
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kredsraad.core.saving import Refused

TOKEN_FIELD = "bekraeftelse"
SALT = "kredsraad.confirm"
# A confirmation page left open longer than this is shown again rather than trusted.
MAX_AGE_SECONDS = 2 * 60 * 60


@dataclass(frozen=True)
class Consequences:
    """What the confirmation page says. `happens`: sentences saying what will happen;
    `audience`: who will receive or see it, one entry per person or group (may be empty);
    `warnings`: what the user should weigh first (the meeting starts in five minutes)."""

    heading: str
    happens: Sequence[str]
    button: str
    audience: Sequence[str] = field(default_factory=tuple)
    audience_heading: str = ""
    warnings: Sequence[str] = field(default_factory=tuple)


def correction(*, heading: str, editable: str, button: str, latest: int | None) -> Consequences:
    """What starting a correction of a published, versioned document (a plan, a strategy) does:
    `editable` says what can be edited again; the published version stays until the next."""
    return Consequences(
        heading=heading,
        happens=[
            editable,
            _(
                "Den offentliggjorte version %(number)s bliver stående uændret og offentlig, "
                "indtil rettelsen offentliggøres som version %(next)s med en ændringsnote."
            )
            % {"number": latest, "next": (latest or 0) + 1},
        ],
        button=button,
    )


def _claims(step: str, subject) -> list:
    return [step, subject._meta.label_lower, subject.pk, getattr(subject, "version", None)]


def token(step: str, subject) -> str:
    """The token the confirmation page carries for `step` on `subject` as it is now."""
    return signing.dumps(_claims(step, subject), salt=SALT)


def check_token(value: str | None, step: str, subject) -> str:
    """'ok', 'missing' (no token, expired or forged, or for another step or subject), or
    'changed' (a token for this step and subject, but the subject has changed since)."""
    if not value:
        return "missing"
    try:
        claims = signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return "missing"
    expected = _claims(step, subject)
    if not isinstance(claims, list) or claims[:3] != expected[:3]:
        return "missing"
    return "ok" if claims == expected else "changed"


def confirmed_step(
    request,
    subject,
    *,
    step: str,
    consequences: Callable[[], Consequences],
    run: Callable,
    form=None,
    cancel_url: str | None = None,
    done=None,
    template: str = "core/confirm.html",
    context: dict | None = None,
):
    """GET: the confirmation page. POST with this page's token (and a valid `form`, when the
    step asks for input such as a date): `run(subject)` (an action returning the Danish
    message to show), then a redirect to `done` (default: the subject). A refused step is
    explained and changes nothing."""
    cancel_url = cancel_url or subject.get_absolute_url()
    status = 200
    if request.method == "POST":
        state = check_token(request.POST.get(TOKEN_FIELD), step, subject)
        if state == "missing":
            messages.error(
                request, _("Handlingen er ikke udført. Læs, hvad der sker, og bekræft herunder.")
            )
            status = 400
        elif state == "changed":
            messages.error(
                request,
                _(
                    "Der er ændret noget, siden du åbnede siden. Handlingen er ikke udført: "
                    "læs siden igen, og bekræft."
                ),
            )
            status = 409
        elif form is None or form.is_valid():
            try:
                message = run(subject)
            except Refused as error:
                messages.error(request, str(error))
                return redirect(cancel_url)
            messages.success(request, message)
            return redirect(done or subject)
        else:
            status = 400
    page = {
        "consequences": consequences(),
        "form": form,
        "token_field": TOKEN_FIELD,
        "token": token(step, subject),
        "cancel_url": cancel_url,
        "subject": subject,
        **(context or {}),
    }
    return render(request, template, page, status=status)
