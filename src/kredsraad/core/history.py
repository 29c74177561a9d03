"""Reading the audit trail that django-pghistory's triggers write: who changed what, and when.

Every write reaches the event tables, whichever path it took (form, action, `QuerySet.update`,
the admin, a shell); the request's user and URL ride along as context.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

# Bookkeeping columns that change on every save and say nothing to a reader.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at"}

LABELS = {
    "insert": _("Oprettet"),
    "update": _("Ændret"),
    "delete": _("Slettet"),
    "added": _("Tilføjet"),
    "removed": _("Fjernet"),
}


@dataclass
class FieldChange:
    label: str
    old: object
    new: object


@dataclass
class Change:
    at: datetime
    action: str
    user: object | None
    url: str
    subject: str = ""
    fields: list[FieldChange] = field(default_factory=list)


@cache
def event_models_tracking(model: type[models.Model]) -> list[type[models.Model]]:
    return [
        event_model
        for event_model in apps.get_models()
        if getattr(event_model, "pgh_tracked_model", None) is model
    ]


def history_of(obj: models.Model) -> list[Change]:
    """The object's changes, newest first, with the values before and after each one.

    Many-to-many rows (a forum's municipalities) appear as additions and removals.
    """
    model = type(obj)
    snapshots = []
    for event_model in event_models_tracking(model):
        snapshots += event_model.objects.filter(pgh_obj_id=obj.pk).select_related("pgh_context")
    snapshots.sort(key=lambda event: (event.pgh_created_at, event.pgh_id))

    relation_events = []
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        own_column = m2m.m2m_column_name()
        other_column = m2m.m2m_reverse_name()
        for event_model in event_models_tracking(through):
            for event in event_model.objects.filter(**{own_column: obj.pk}).select_related(
                "pgh_context"
            ):
                relation_events.append((m2m, getattr(event, other_column), event))

    labels = _Labels()
    fields = [f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]
    for f in fields:
        if f.is_relation:
            for event in snapshots:
                labels.want(f.related_model, getattr(event, f.attname))
    for m2m, other_id, _event in relation_events:
        labels.want(m2m.related_model, other_id)
    contexts = [e.pgh_context for e in snapshots] + [e.pgh_context for _, _, e in relation_events]
    for context in contexts:
        if context is not None:
            labels.want(get_user_model(), context.metadata.get("user"))
    labels.load()

    changes = []
    previous = None
    for event in snapshots:
        change = _change(event, labels)
        if event.pgh_label == "update" and previous is not None:
            for f in fields:
                old, new = _display(f, previous, labels), _display(f, event, labels)
                if old != new:
                    change.fields.append(FieldChange(str(f.verbose_name), old, new))
            if not change.fields:
                previous = event
                continue
        elif event.pgh_label == "insert":
            for f in fields:
                value = _display(f, event, labels)
                if value not in (None, ""):
                    change.fields.append(FieldChange(str(f.verbose_name), None, value))
        changes.append(change)
        previous = event
    for m2m, other_id, event in relation_events:
        change = _change(event, labels)
        change.subject = f"{m2m.verbose_name}: {labels.get(m2m.related_model, other_id)}"
        changes.append(change)
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes


def _change(event, labels: "_Labels") -> Change:
    metadata = event.pgh_context.metadata if event.pgh_context else {}
    return Change(
        at=event.pgh_created_at,
        action=str(LABELS.get(event.pgh_label, event.pgh_label)),
        user=labels.get(get_user_model(), metadata.get("user")),
        url=metadata.get("url") or metadata.get("command", ""),
    )


def _display(f: models.Field, event, labels: "_Labels"):
    value = getattr(event, f.attname)
    if value is None:
        return None
    if f.is_relation:
        return labels.get(f.related_model, value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    return value


class _Labels:
    """Names for the ids an event stores, fetched with one query per model."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.found: dict[tuple[type[models.Model], object], object] = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted.setdefault(model, set()).add(pk)

    def load(self):
        for model, pks in self.wanted.items():
            queryset = model._default_manager.filter(pk__in=pks)
            if any(f.name == "organisation" for f in model._meta.fields):
                queryset = queryset.select_related("organisation")
            for row in queryset:
                self.found[(model, row.pk)] = row

    def get(self, model, pk):
        if pk is None:
            return None
        return self.found.get((model, pk), _("(slettet, id %(pk)s)") % {"pk": pk})


def last_change(obj: models.Model) -> Change | None:
    """The latest recorded change of the object (for naming who saved first in a conflict)."""
    changes = history_of(obj)
    return changes[0] if changes else None
