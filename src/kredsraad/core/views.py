"""The one view helper every app's edit pages share, and the site's favicon."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from kredsraad.core.concurrency import EditConflict, merge
from kredsraad.core.history import as_loaded, last_change
from kredsraad.core.saving import Refused


def require_perm(user, perm: str, obj) -> None:
    """Acting without the right is a 404 as well: the page does not exist for this user."""
    if not user.has_perm(perm, obj):
        raise Http404


def edit_page(
    request, form, save, *, context, saved_message, done, form_kwargs=None, template=None
):
    """Handle an edit page: validate, `save(form)` (an action), then redirect to `done(saved)`.

    `context` needs `heading` and `cancel_url` for the default template, core/edit.html.

    When someone saved the object meanwhile, the user's form is merged with their change
    (kredsraad.core.concurrency.merge): edits of different fields are both saved; edits of the
    same field are shown side by side (409) with the user's values kept in the form. Nothing
    is overwritten unseen.
    """
    template = template or "core/edit.html"
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except EditConflict as conflict:
            current = conflict.current
            merged = merge(form, current, as_loaded(current, form.expected_version))
            form = type(form)(merged.data, instance=current, **(form_kwargs or {}))
            change = last_change(current)
            who = (change and change.user) or _("En anden bruger")
            if not merged.conflicts and form.is_valid():
                try:
                    saved = save(form)
                except (EditConflict, ValidationError, Refused):
                    pass
                else:
                    messages.success(
                        request,
                        _("%(saved)s %(who)s ændrede andre felter imens; begge ændringer er gemt.")
                        % {"saved": saved_message, "who": who},
                    )
                    return redirect(done(saved))
            messages.error(
                request,
                _(
                    "%(who)s gemte en ændring, mens du redigerede, og I har ændret de samme "
                    "felter. Din ændring er ikke gemt endnu: vælg værdierne herunder og gem "
                    "igen, eller annuller."
                )
                % {"who": who},
            )
            context.update(form=form, conflict=merged.conflicts, conflict_change=change)
            return render(request, template, context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        except Refused as refused:  # e.g. the plan was published meanwhile: nothing is saved
            form.add_error(None, str(refused))
        else:
            messages.success(request, saved_message)
            return redirect(done(saved))
    context["form"] = form
    return render(request, template, context)


def transition(request, subject, step):
    """Run a lifecycle step (an action returning the Danish message to show) on `subject` and
    go back to it; a refused step is explained, and nothing changes."""
    try:
        message = step(subject)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect(subject)


def id_param(value: str | None) -> int | None:
    """An id from a query or form parameter, or None when absent; a value that is not an id
    is a 404 (a lookup by it would find nothing), never a server error."""
    if value in (None, ""):
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


def favicon(request):
    """Browsers (Chromium's PDF viewer too) ask for /favicon.ico whatever the page links."""
    return redirect(static("core/favicon.svg"), permanent=True)
