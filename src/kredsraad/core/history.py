"""Reading the audit trail that django-pghistory's triggers write: who changed what, and when.

Every write reaches the event tables, whichever path it took (form, action, `QuerySet.update`,
the admin, a shell); the request's user and URL ride along as context.

A reader sees Danish words only: values as their labels (a choice's label, a related row's
name, Ja/Nej, dates as Danish dates), and the page the change was made from as what was done
there (core.history_sources), never an internal value, id or path.
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kredsraad.core.history_sources import source_of

# Bookkeeping columns that change on every save and say nothing to a reader.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at", "uuid"}

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
    url: str  # the raw path or command, for code; readers see `source`
    subject: str = ""
    source: str = ""  # what was done, in Danish ("Næste års plan oprettet"), or nothing
    fields: list[FieldChange] = field(default_factory=list)


@cache
def event_models_tracking(model: type[models.Model]) -> list[type[models.Model]]:
    return [
        event_model
        for event_model in apps.get_models()
        if getattr(event_model, "pgh_tracked_model", None) is model
    ]


def history_of(obj: models.Model, *, children: tuple = ()) -> list[Change]:
    """The object's changes, newest first, with the values before and after each one.

    Many-to-many rows (a forum's municipalities) appear as additions and removals.
    `children` names rows that belong to the object and whose changes are part of its story,
    as (queryset, foreign key name): a council's memberships, (Membership.objects, "council").
    """
    model = type(obj)
    labels = _Labels()
    streams = [(model, _events(model, pgh_obj_id=obj.pk), None)]
    for queryset, fk_name in children:
        child_model = queryset.model
        by_child: dict = {}
        for event in _events(child_model, **{f"{fk_name}_id": obj.pk}):
            by_child.setdefault(event.pgh_obj_id, []).append(event)
        current = queryset.in_bulk(list(by_child))
        for child_id, events in by_child.items():
            subject = (
                f"{capfirst(child_model._meta.verbose_name)}: {current.get(child_id, child_id)}"
            )
            streams.append((child_model, events, subject))

    relation_events = _relation_events(model, [obj.pk], labels, lambda pk: "")
    for stream_model, events, subject in streams[1:]:
        # A child's own many-to-many rows (a focus area's themes) are part of its story too.
        by_pk = {event.pgh_obj_id: subject for event in events}
        relation_events += _relation_events(stream_model, list(by_pk), labels, by_pk.get)

    for stream_model, events, _subject in streams:
        for f in _shown_fields(stream_model):
            if f.is_relation:
                for event in events:
                    labels.want(f.related_model, getattr(event, f.attname))
    all_events = [e for stream in streams for e in stream[1]] + [r[2] for r in relation_events]
    for event in all_events:
        if event.pgh_context is not None:
            labels.want(get_user_model(), event.pgh_context.metadata.get("user"))
    labels.load()

    changes = []
    for stream_model, events, subject in streams:
        changes += _stream_changes(stream_model, events, labels, subject)
    for m2m, other_id, event, owner in relation_events:
        change = _change(event, labels)
        change.subject = f"{capfirst(m2m.verbose_name)}: {labels.get(m2m.related_model, other_id)}"
        if owner:
            change.subject = f"{owner} · {change.subject}"
        changes.append(change)
    # Newest first; within one transaction (same timestamp) the later write first.
    order = {id(change): n for n, change in enumerate(changes)}
    changes.sort(key=lambda change: (change.at, order[id(change)]), reverse=True)
    return changes


def _relation_events(model, pks: list, labels: "_Labels", owner) -> list:
    """The added and removed many-to-many rows of `model`'s rows `pks`, as (field, other id,
    event, owner's subject)."""
    found = []
    if not pks:
        return found
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        own_column = m2m.m2m_column_name()
        other_column = m2m.m2m_reverse_name()
        for event_model in event_models_tracking(through):
            events = event_model.objects.filter(**{f"{own_column}__in": pks})
            for event in events.select_related("pgh_context"):
                other = getattr(event, other_column)
                found.append((m2m, other, event, owner(getattr(event, own_column))))
                labels.want(m2m.related_model, other)
    return found


def _events(model, **filters) -> list:
    events = []
    for event_model in event_models_tracking(model):
        events += event_model.objects.filter(**filters).select_related("pgh_context")
    events.sort(key=lambda event: (event.pgh_created_at, event.pgh_id))
    return events


@cache
def _shown_fields(model) -> list[models.Field]:
    """The fields a reader may care about that the audit snapshots keep (a search index
    column, excluded from tracking, is neither)."""
    tracked = {
        f.attname for event_model in event_models_tracking(model) for f in event_model._meta.fields
    }
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in IGNORED_FIELDS and f.attname in tracked
    ]


def _stream_changes(model, events, labels, subject) -> list[Change]:
    """One object's snapshots turned into changes: what an update altered, what an insert set."""
    fields = _shown_fields(model)
    changes = []
    previous = None
    for event in events:
        change = _change(event, labels)
        change.subject = subject or ""
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
                if value not in (None, "") and not isinstance(f, models.JSONField):
                    change.fields.append(FieldChange(str(f.verbose_name), None, value))
        changes.append(change)
        previous = event
    return changes


def _change(event, labels: "_Labels") -> Change:
    metadata = event.pgh_context.metadata if event.pgh_context else {}
    return Change(
        at=event.pgh_created_at,
        action=str(LABELS.get(event.pgh_label, event.pgh_label)),
        user=labels.get(get_user_model(), metadata.get("user")),
        url=metadata.get("url") or metadata.get("command", ""),
        source=source_of(url=metadata.get("url"), command=metadata.get("command")),
    )


def _display(f: models.Field, event, labels: "_Labels") -> str | None:
    """The value as a reader says it; None for no value."""
    value = getattr(event, f.attname)
    if value is None:
        return None
    if f.is_relation:
        return str(labels.get(f.related_model, value))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.JSONField):
        # Settings kept as data (a figure block's choices, review notes): that they changed
        # is what a reader can use; their keys and codes are not.
        return str(_("(indstillinger)")) if value not in ({}, [], "") else None
    return plain(value)


def plain(value) -> str:
    """A stored value in Danish words: Ja/Nej, dates and numbers as Danes write them in a
    table (core.formats), a list as its items."""
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (float, Decimal)):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(item) for item in value)
    return str(value)


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


def as_loaded(obj: models.Model, version: int) -> models.Model | None:
    """The object as it was when it had `version` (from its audit snapshots), or None."""
    for event_model in event_models_tracking(type(obj)):
        event = (
            event_model.objects.filter(pgh_obj_id=obj.pk, version=version)
            .order_by("-pgh_id")
            .first()
        )
        if event is not None:
            values = {
                f.attname: getattr(event, f.attname)
                for f in type(obj)._meta.concrete_fields
                if hasattr(event, f.attname)  # not a column kept out of the history
            }
            return type(obj)(**values)
    return None
