"""Optimistic locking: a save succeeds only if nobody saved the row since the form was loaded."""

from dataclasses import dataclass

from django.db.models import F, Model, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Someone else saved first. `current` is the row as it is now in the database."""

    def __init__(self, current: Model):
        super().__init__(_("Posten er ændret af en anden, mens du redigerede."))
        self.current = current


def save_if_unchanged(instance: Model, *, expected_version: int, fields: list[str]) -> Model:
    """Write `fields` of `instance` if its row still has `expected_version`; bump the version.

    Raises EditConflict (with the stored row) when the version moved on, and changes nothing.
    """
    model = type(instance)
    attnames = [model._meta.get_field(name).attname for name in fields]
    values = {attname: getattr(instance, attname) for attname in attnames}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=F("version") + 1
    )
    if updated == 0:
        raise EditConflict(current=model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
    return instance


def _comparable(value):
    """A form's or a model's value reduced to something comparable: pks for objects, sets of
    pks for many-to-many, None for blanks."""
    if hasattr(value, "all"):
        value = value.all()
    if isinstance(value, (list, tuple, set, QuerySet)):
        return frozenset(getattr(v, "pk", v) for v in value)
    if value == "":
        return None
    return getattr(value, "pk", value)


def _stored(obj: Model, name: str):
    """A model's value for a form field; a foreign key as its id, so nothing is fetched."""
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname if field.many_to_one else name)


def _shown(bound, value):
    if hasattr(value, "all"):
        value = value.all()
    if isinstance(value, (list, tuple, set, QuerySet)):
        return ", ".join(map(str, value)) or None
    if getattr(bound, "choices", None) and not hasattr(bound, "queryset"):
        return dict(bound.choices).get(value, value)
    return value


@dataclass
class Merge:
    """The user's stale form merged with what was saved meanwhile.

    `data` holds the user's changes on top of the other person's; `conflicts` lists the fields
    both changed differently, as (label, their saved value, your value).
    """

    data: QueryDict
    conflicts: list[tuple[str, object, object]]


def merge(form, current: Model, base: Model | None) -> Merge:
    """Three-way merge of a stale form: `base` is the row as the user loaded it (None when
    unknown, in which case every difference counts as a conflict)."""
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    conflicts = []
    for name, bound in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        mine = _comparable(form.cleaned_data[name])
        theirs = _comparable(_stored(current, name))
        if mine == theirs:
            continue
        loaded = _comparable(_stored(base, name)) if base is not None else object()
        if base is not None and not hasattr(getattr(current, name, None), "all"):
            if mine == loaded:  # only they changed it: take their value
                value = bound.prepare_value(_stored(current, name))
                data[form.add_prefix(name)] = "" if value is None else str(value)
                continue
            if theirs == loaded:  # only the user changed it: keep it
                continue
        conflicts.append(
            (
                str(bound.label),
                _shown(bound, getattr(current, name, None)),
                _shown(bound, form.cleaned_data[name]),
            )
        )
    return Merge(data=data, conflicts=conflicts)
