"""Optimistic locking: a save succeeds only if nobody saved the row since the form was loaded."""

from django.db.models import F, Model
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


def conflict_rows(form, current: Model) -> list[tuple[str, object, object]]:
    """The fields where the user's unsaved values differ from what the other person saved:
    (label, saved value, your value), for the conflict message."""
    rows = []
    for name, bound in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        mine = form.cleaned_data[name]
        theirs = getattr(current, name, None)
        if hasattr(theirs, "all"):  # many-to-many
            theirs = list(theirs.all())
            mine = list(mine)
            if {o.pk for o in theirs} == {o.pk for o in mine}:
                continue
            theirs = ", ".join(map(str, theirs))
            mine = ", ".join(map(str, mine))
        elif mine == theirs or (mine in (None, "") and theirs in (None, "")):
            continue
        if getattr(bound, "choices", None) and not hasattr(bound, "queryset"):
            labels = dict(bound.choices)
            theirs, mine = labels.get(theirs, theirs), labels.get(mine, mine)
        rows.append((str(bound.label), theirs, mine))
    return rows


def rebased(form, current: Model, **form_kwargs):
    """A copy of the bound form that now carries the stored version: submitting it again
    means the user has seen the other change and chooses to overwrite it."""
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    return type(form)(data, instance=current, **form_kwargs)
