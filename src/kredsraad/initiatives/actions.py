"""What users do to initiatives: create and edit them, move their status on, keep their
milestones, report status each quarter, and import them from a spreadsheet. Each action checks
its rule, writes in one transaction and leaves the audit trail to the database triggers."""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kredsraad.core.actors import attributed
from kredsraad.core.concurrency import save_if_unchanged
from kredsraad.core.saving import Refused, save_checked
from kredsraad.core.text import TEXT, too_long
from kredsraad.councils.models import PoliceDistrict
from kredsraad.initiatives import transfer
from kredsraad.initiatives.models import (
    QUARTER,
    Initiative,
    Milestone,
    StatusUpdate,
    quarter_validator,
)
from kredsraad.initiatives.queries import COPENHAGEN, current_quarter, quarter_bounds, quarter_of

INITIATIVE_FIELDS = [
    "external_id",
    "title",
    "description",
    "lead_organisation",
    "all_municipalities",
    "owner_municipality",
    "starts",
    "ends",
    "continues",
    "weight",
]
MILESTONE_FIELDS = ["title", "kind", "due_date", "due_quarter"]
S = Initiative.Status
# Which status may follow which. A finished or stopped initiative can be taken up again (a
# project restarted, or a mistaken click); nothing goes back to planned.
NEXT_STATUSES = {
    S.PLANNED: (S.ACTIVE, S.STOPPED),
    S.ACTIVE: (S.FINISHED, S.PERMANENT, S.STOPPED),
    S.PERMANENT: (S.FINISHED, S.STOPPED),
    S.FINISHED: (S.ACTIVE,),
    S.STOPPED: (S.ACTIVE,),
}
# Constraints the database keeps, and the form field each one's message belongs to.
CONSTRAINT_FIELDS = {
    "initiative_unique_external_id": "external_id",
    "initiative_ends_after_start": "ends",
    "milestone_has_due": "due_date",
    "status_update_progress_at_most_100": "progress",
}


class InitiativeStateError(Refused):
    """The initiative's state does not allow this; the message says why, in Danish."""


class ImportRefused(Exception):
    """The file has problems, or the data changed since the preview. `plan` shows what now."""

    def __init__(self, plan: transfer.ImportPlan, message: str):
        super().__init__(message)
        self.plan = plan


def _save(instance, *, expected_version: int | None = None, fields=None):
    return save_checked(
        instance, expected_version=expected_version, fields=fields, on_fields=CONSTRAINT_FIELDS
    )


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


# Initiatives ---------------------------------------------------------------------------------


def check_initiative(initiative: Initiative) -> None:
    """Raise ValidationError (in Danish, per field) if the dates are reversed, the start passes
    a milestone's due date, or the lineage points to itself or round in a circle."""
    errors = {}
    if initiative.starts and initiative.ends and initiative.ends < initiative.starts:
        errors["ends"] = _("Slutdatoen ligger før startdatoen.")
    if initiative.pk and initiative.starts:
        # A quarter is before the start when it is before the start's quarter ("2023K2" strings
        # sort in time order).
        early = initiative.milestones.filter(
            Q(due_date__lt=initiative.starts)
            | Q(
                due_date__isnull=True,
                due_quarter__gt="",
                due_quarter__lt=quarter_of(initiative.starts),
            )
        ).first()
        if early:
            errors["starts"] = _(
                "Startdatoen ligger efter fristen for milepælen »%(title)s« (%(due)s). Flyt "
                "milepælen først, eller vælg en tidligere start."
            ) % {
                "title": early.title,
                "due": _date(early.due_date) if early.due_date else early.due_quarter,
            }
    predecessor, seen = initiative.continues, {initiative.pk}
    while predecessor is not None:
        if predecessor.pk in seen:
            errors["continues"] = _(
                "En indsats kan ikke videreføre sig selv, heller ikke gennem andre indsatser."
            )
            break
        if predecessor.district_id != initiative.district_id:
            errors["continues"] = _("Indsatsen, der videreføres, hører til en anden politikreds.")
            break
        seen.add(predecessor.pk)
        predecessor = predecessor.continues
    if errors:
        raise ValidationError(errors)


def _free_external_id(district: PoliceDistrict, title: str) -> str:
    """A readable external id made from the title, unique in the district."""
    danish = title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    base = slugify(danish)[:90] or "indsats"
    taken = set(
        Initiative.objects.filter(district=district, external_id__startswith=base).values_list(
            "external_id", flat=True
        )
    )
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _set_relations(initiative, *, partners, forums, municipalities, focus_areas) -> None:
    initiative.partners.set(partners)
    initiative.forums.set(forums)
    initiative.municipalities.set([] if initiative.all_municipalities else municipalities)
    if focus_areas is not None:
        initiative.focus_areas.set(focus_areas)


@attributed
def create_initiative(
    district: PoliceDistrict,
    *,
    partners=(),
    forums=(),
    municipalities=(),
    focus_areas=(),
    by,
    **values,
) -> Initiative:
    """A new initiative in `district`; without an external id it gets one from its title.
    A local initiative has `owner_municipality` set."""
    with transaction.atomic():
        initiative = Initiative(district=district, **values)
        if not initiative.external_id:
            initiative.external_id = _free_external_id(district, initiative.title)
        check_initiative(initiative)
        _save(initiative)
        _set_relations(
            initiative,
            partners=partners,
            forums=forums,
            municipalities=municipalities,
            focus_areas=focus_areas,
        )
    return initiative


@attributed
def update_initiative(
    initiative: Initiative,
    *,
    partners,
    forums,
    municipalities,
    focus_areas=None,
    expected_version: int,
    by,
) -> Initiative:
    """Save the edited initiative and its relations unless somebody saved it first
    (EditConflict). Its status changes only through `change_status`."""
    with transaction.atomic():
        check_initiative(initiative)
        _save(initiative, expected_version=expected_version, fields=INITIATIVE_FIELDS)
        _set_relations(
            initiative,
            partners=partners,
            forums=forums,
            municipalities=municipalities,
            focus_areas=focus_areas,
        )
    return initiative


@attributed
def change_status(initiative: Initiative, *, status: str, expected_version: int, by) -> Initiative:
    """Move the initiative on: planned → active → finished or permanent, or stopped."""
    labels = dict(Initiative.Status.choices)
    if status not in labels:
        raise InitiativeStateError(_("Ukendt status."))
    allowed = NEXT_STATUSES[initiative.status]
    if status not in allowed:
        raise InitiativeStateError(
            _("En indsats, der er »%(old)s«, kan ikke blive »%(new)s«. Mulige: %(allowed)s.")
            % {
                "old": labels[initiative.status].lower(),
                "new": labels[status].lower(),
                "allowed": ", ".join(str(labels[s]).lower() for s in allowed),
            }
        )
    initiative.status = status
    return save_if_unchanged(initiative, expected_version=expected_version, fields=["status"])


# Milestones ----------------------------------------------------------------------------------


def check_milestone(milestone: Milestone) -> None:
    """Raise ValidationError (per field) if the milestone has no due date or quarter, or its
    due date or quarter lies before the initiative starts."""
    errors = {}
    starts = milestone.initiative.starts
    if not milestone.due_date and not milestone.due_quarter:
        errors["due_date"] = _("Angiv en frist: en dato eller et kvartal.")
    if milestone.due_date and starts and milestone.due_date < starts:
        errors["due_date"] = _(
            "Fristen (%(due)s) ligger før indsatsens start (%(start)s). Vælg en frist fra "
            "starten og frem."
        ) % {"due": _date(milestone.due_date), "start": _date(starts)}
    if milestone.due_quarter:
        if not QUARTER.match(milestone.due_quarter):
            errors["due_quarter"] = str(quarter_validator.message)
        elif starts and quarter_bounds(milestone.due_quarter)[1] < starts:
            errors["due_quarter"] = _(
                "Kvartalet for fristen (%(quarter)s) ligger før indsatsens start (%(start)s). "
                "Vælg et kvartal fra starten og frem."
            ) % {"quarter": milestone.due_quarter, "start": _date(starts)}
    if errors:
        raise ValidationError(errors)


@attributed
def add_milestone(
    initiative: Initiative, *, title: str, kind: str, due_date=None, due_quarter="", by
) -> Milestone:
    milestone = Milestone(
        initiative=initiative, title=title, kind=kind, due_date=due_date, due_quarter=due_quarter
    )
    check_milestone(milestone)
    return _save(milestone)


@attributed
def update_milestone(milestone: Milestone, *, expected_version: int, by) -> Milestone:
    check_milestone(milestone)
    return _save(milestone, expected_version=expected_version, fields=MILESTONE_FIELDS)


@attributed
def mark_milestone_done(
    milestone: Milestone, *, on: datetime.date, result: str, expected_version: int, by
) -> Milestone:
    """Record the day the milestone was reached and what came of it."""
    if on > timezone.localdate(timezone=COPENHAGEN):
        raise ValidationError({"done_on": _("Datoen ligger i fremtiden.")})
    milestone.done_on = on
    milestone.result = result
    return _save(milestone, expected_version=expected_version, fields=["done_on", "result"])


# Status updates ------------------------------------------------------------------------------

PROGRESS_ERROR = _("Fremdriften skal være et helt tal fra 0 til 100 %.")


@attributed
def report_status(
    initiative: Initiative, *, period: str, light: str, progress: int, text: str, by
) -> StatusUpdate:
    """File a status report for a quarter. Reports are never changed: a second report for the
    same quarter is kept beside the first and becomes the current one."""
    errors = {}
    if not QUARTER.match(period or ""):
        errors["period"] = str(quarter_validator.message)
    elif period > current_quarter():
        errors["period"] = _(
            "%(period)s er ikke begyndt endnu. Der kan rapporteres for indeværende og tidligere "
            "kvartaler."
        ) % {"period": period}
    if light not in StatusUpdate.Light.values:
        errors["light"] = _("Vælg et trafiklys.")
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = PROGRESS_ERROR
    if not (text or "").strip():
        errors["text"] = _("Skriv kort, hvordan det går.")
    elif len(text.strip()) > TEXT:  # the JSON API reaches here without a form
        errors["text"] = too_long(len(text.strip()), TEXT, _("Status"))
    if errors:
        raise ValidationError(errors)
    return _save(
        StatusUpdate(
            initiative=initiative,
            period=period,
            light=light,
            progress=progress,
            text=text.strip(),
            author=by,
        )
    )


# Import --------------------------------------------------------------------------------------


@attributed
def import_initiatives(
    district: PoliceDistrict,
    upload: transfer.Upload,
    *,
    expected_fingerprint: str,
    by,
    progress: Callable[[], None] = lambda: None,
) -> transfer.ImportPlan:
    """Apply the upload as previewed: all rows or none. Raises ImportRefused when a row has a
    problem or the outcome is no longer the one the user saw (somebody changed data since).
    `progress` is called once per row of the files as it is applied."""
    with transaction.atomic():
        # Edits of the district's initiatives wait until the import is done.
        list(Initiative.objects.filter(district=district).select_for_update().values("pk"))
        plan = transfer.plan_import(district, upload)
        if plan.problems:
            raise ImportRefused(plan, _("Filen har fejl, så intet er indlæst."))
        if plan.fingerprint != expected_fingerprint:
            raise ImportRefused(
                plan,
                _(
                    "Data er ændret, siden forhåndsvisningen blev lavet, så intet er indlæst. "
                    "Kontrollér den nye forhåndsvisning, og indlæs igen."
                ),
            )
        by_id = _import_initiatives(district, plan, progress)
        _import_milestones(plan, by_id, progress)
    return plan


def _import_initiatives(district, plan, progress) -> dict[str, Initiative]:
    by_id = {i.external_id: i for i in Initiative.objects.filter(district=district)}
    rows = [row for row in plan.initiatives if row.action != "unchanged"]
    links: dict[str, dict[int, frozenset]] = {
        "partners": {},
        "forums": {},
        "municipalities": {},
        "focus_areas": {},
    }
    for row in rows:
        if row.action == "create":
            initiative = _save(
                Initiative(district=district, **transfer.initiative_values(row.record))
            )
            by_id[initiative.external_id] = initiative
    for _row in range(len(plan.initiatives) - len(rows)):
        progress()  # unchanged rows: nothing to do
    for row in rows:
        progress()
        initiative = by_id[row.record["ekstern_id"]]
        values = transfer.initiative_values(row.record)
        values["continues"] = by_id.get(row.record["viderefører"])
        changed = _differing(initiative, values)
        for name in changed:
            setattr(initiative, name, values[name])
        if changed:
            _save(initiative, expected_version=initiative.version, fields=changed)
        relations = transfer.initiative_relations(row.record)
        before = (
            transfer.initiative_relations(transfer.initiative_record(row.existing))
            if row.existing
            else {}
        )
        for name, objects in relations.items():
            if objects != before.get(name, frozenset()):
                links[name][initiative.pk] = objects
    for name, by_initiative in links.items():
        _replace_links(name, by_initiative)
    return by_id


def _differing(instance, values: dict) -> list[str]:
    """The fields whose values differ, comparing related objects by id (nothing is fetched)."""
    changed = []
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_one:
            differs = getattr(instance, field.attname) != (value.pk if value else None)
        else:
            differs = getattr(instance, name) != value
        if differs:
            changed.append(name)
    return changed


def _replace_links(name: str, by_initiative: dict[int, frozenset]) -> None:
    """Set one many-to-many relation for many initiatives, touching only the links that
    change (each added or removed link is a history event)."""
    if not by_initiative:
        return
    relation = Initiative._meta.get_field(name)
    through = relation.remote_field.through
    own, other = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
    current: dict[int, set] = {pk: set() for pk in by_initiative}
    for own_id, other_id in through.objects.filter(
        **{f"{own}__in": list(by_initiative)}
    ).values_list(own, other):
        current[own_id].add(other_id)
    wanted = {pk: {obj.pk for obj in objects} for pk, objects in by_initiative.items()}
    stale = Q()
    for pk in by_initiative:
        for other_id in current[pk] - wanted[pk]:
            stale |= Q(**{own: pk, other: other_id})
    if stale:
        through.objects.filter(stale).delete()
    through.objects.bulk_create(
        through(**{own: pk, other: other_id})
        for pk in by_initiative
        for other_id in sorted(wanted[pk] - current[pk])
    )


def _import_milestones(plan, by_id, progress) -> None:
    for row in plan.milestones:
        progress()
        values = transfer.milestone_values(row.record)
        if row.action == "create":
            _save(Milestone(initiative=by_id[row.record["indsats_id"]], **values))
        elif row.action == "update":
            milestone = row.existing
            changed = _differing(milestone, values)
            for name in changed:
                setattr(milestone, name, values[name])
            _save(milestone, expected_version=milestone.version, fields=changed)
