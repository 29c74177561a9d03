"""The administrator's value lists (the themes of focus areas, the target groups of forums):
one list page, one edit page and one delete button, whatever the list. Each app describes its
list with a `ValueList` and routes its three views here; the rule for deleting (only a value
nobody uses; one in use is retired instead) stays with each list's own actions."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise

from kredsraad.core.saving import Refused
from kredsraad.core.views import edit_page, require_perm

PERMISSION = "councils.keep_value_lists"


@dataclass(frozen=True)
class ValueList:
    model: type
    form: type
    used_by: str  # the reverse relation counted as "in use"
    url_name: str  # "theme" → theme_create, theme_edit, theme_delete; the list is url_name + "s"
    namespace: str
    create: Callable
    update: Callable
    delete: Callable
    heading: Promise
    intro: Promise
    used_label: Promise
    create_label: Promise
    edit_heading: Promise  # with %(label)s
    saved_message: Promise
    deleted_message: Promise  # with %(label)s

    def url(self, suffix: str = "s") -> str:
        return f"{self.namespace}:{self.url_name}{suffix}"


def list_page(request, values: ValueList):
    require_perm(request.user, PERMISSION, None)
    context = {
        "heading": values.heading,
        "intro": values.intro,
        "rows": values.model.objects.annotate(used=Count(values.used_by)),
        "used_label": values.used_label,
        "create_url": reverse(values.url("_create")),
        "create_label": values.create_label,
        "edit_url": values.url("_edit"),
        "delete_url": values.url("_delete"),
    }
    return render(request, "councils/value_list.html", context)


def edit(request, values: ValueList, code=None):
    require_perm(request.user, PERMISSION, None)
    row = get_object_or_404(values.model, pk=code) if code else None

    def save(form):
        if row is None:
            return values.create(
                label=form.cleaned_data["label"],
                position=form.cleaned_data["position"],
                by=request.user,
            )
        return values.update(form.instance, expected_version=form.expected_version, by=request.user)

    return edit_page(
        request,
        values.form(request.POST or None, instance=row),
        save,
        context={
            "heading": values.edit_heading % {"label": row.label} if row else values.create_label,
            "cancel_url": reverse(values.url()),
        },
        saved_message=values.saved_message,
        done=lambda saved: reverse(values.url()),
    )


def delete(request, values: ValueList, code):
    require_perm(request.user, PERMISSION, None)
    row = get_object_or_404(values.model, pk=code)
    try:
        values.delete(row, by=request.user)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, values.deleted_message % {"label": row.label})
    return redirect(values.url())
