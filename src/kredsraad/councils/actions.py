"""What users do to the registry. Each action checks its rule, writes in one transaction and
leaves the audit trail to the database triggers."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.core.actors import attributed
from kredsraad.core.saving import Refused, save_checked
from kredsraad.councils.models import (
    Council,
    Forum,
    LocalCouncils,
    Membership,
    Organisation,
    Person,
    PoliceDistrict,
    TargetGroup,
)

COUNCIL_FIELDS = ["name", "description", "meetings_per_year"]
ORGANISATION_FIELDS = ["name", "kind", "municipality", "description", "website"]
FORUM_FIELDS = ["name", "target_group", "legal_basis", "description", "lead_organisation"]
MEMBERSHIP_FIELDS = ["role", "represents", "start", "end"]
PERSON_FIELDS = ["name", "title", "organisation", "email"]
DISTRICT_FIELDS = ["phone", "email", "website", "local_councils", "action_plans_required"]
# The fields of a value list the administrator keeps (TargetGroup here, plans.Theme).
VOCABULARY_FIELDS = ["label", "position", "retired"]


class RegistryRefused(Refused):
    """The registry's state does not allow this; the message says why, in Danish."""


def check_membership(membership: Membership) -> None:
    """Raise ValidationError (in Danish, per field) if the seat overlaps another or the dates
    are reversed. The database's exclusion constraints back this up under concurrency."""
    errors = {}
    if membership.end and membership.start and membership.end < membership.start:
        errors["end"] = _("Slutdatoen ligger før startdatoen.")
    if not errors and membership.start:
        others = Membership.objects.filter(council=membership.council).exclude(pk=membership.pk)
        overlapping = others.filter(start__lte=membership.end or datetime.date.max).exclude(
            end__lt=membership.start
        )
        if overlapping.filter(person=membership.person).exists():
            errors["start"] = _(
                "%(person)s har allerede et medlemskab i %(council)s i perioden."
            ) % {"person": membership.person, "council": membership.council}
        elif membership.role in Membership.SINGLE_SEAT_ROLES:
            holder = overlapping.filter(role=membership.role).select_related("person__organisation")
            if holder:
                errors["role"] = _(
                    "%(council)s har allerede en %(role)s i perioden: %(person)s."
                ) % {
                    "council": membership.council,
                    "role": membership.get_role_display().lower(),
                    "person": holder[0].person,
                }
    if errors:
        raise ValidationError(errors)


@attributed
def add_member(
    council: Council,
    *,
    person: Person | None = None,
    new_person: dict | None = None,
    role: str,
    represents: Organisation,
    start: datetime.date,
    end: datetime.date | None = None,
    by,
) -> Membership:
    """Seat `person` (or a person registered now from `new_person`) in `council` from `start`
    (to `end`, if known). Nothing is saved if the seat is refused."""
    with transaction.atomic():
        if person is None:
            person = save_checked(Person(district=council.district, **new_person))
        membership = Membership(
            council=council, person=person, role=role, represents=represents, start=start, end=end
        )
        check_membership(membership)
        return save_checked(membership)


@attributed
def update_membership(membership: Membership, *, expected_version: int, by) -> Membership:
    """Save the edited membership unless somebody saved it first (EditConflict)."""
    check_membership(membership)
    return save_checked(membership, expected_version=expected_version, fields=MEMBERSHIP_FIELDS)


@attributed
def end_membership(
    membership: Membership, *, end: datetime.date, expected_version: int, by
) -> Membership:
    """Close the seat on `end`. The membership stays, so the council's history is kept."""
    membership.end = end
    check_membership(membership)
    return save_checked(membership, expected_version=expected_version, fields=["end"])


@attributed
def update_person(person: Person, *, expected_version: int, by) -> Person:
    """Correct a person's name, title, organisation or work e-mail."""
    return save_checked(person, expected_version=expected_version, fields=PERSON_FIELDS)


@attributed
def create_council(*, by, **values) -> Council:
    """A new council. A lokalråd follows its district's setting (PoliceDistrict.local_councils):
    none where the district has no lokalråd, one per municipality, or several."""
    council = Council(**values)
    if council.kind == Council.Kind.LOCAL:
        check_local_council_allowed(council)
    return save_checked(council)


def check_local_council_allowed(council: Council) -> None:
    """Raise ValidationError (in Danish, on the municipality) if the district's setting does
    not allow this lokalråd."""
    district = council.district
    if district.local_councils == LocalCouncils.NONE:
        raise ValidationError(
            _("%(district)s har ingen lokalråd; det er valgt i politikredsens indstillinger.")
            % {"district": district}
        )
    if district.local_councils == LocalCouncils.ONE and council.municipality_id:
        existing = (
            Council.objects.filter(municipality=council.municipality_id, kind=Council.Kind.LOCAL)
            .exclude(pk=council.pk)
            .first()
        )
        if existing is not None:
            raise ValidationError(
                {
                    "municipality": _(
                        "Kommunen har allerede et lokalråd: %(municipality)s har %(council)s."
                    )
                    % {"municipality": council.municipality, "council": existing.name}
                }
            )


@attributed
def update_council(council: Council, *, expected_version: int, by) -> Council:
    return save_checked(council, expected_version=expected_version, fields=COUNCIL_FIELDS)


@attributed
def create_organisation(*, by, **values) -> Organisation:
    return save_checked(Organisation(**values))


@attributed
def update_organisation(organisation: Organisation, *, expected_version: int, by) -> Organisation:
    return save_checked(organisation, expected_version=expected_version, fields=ORGANISATION_FIELDS)


@attributed
def save_forum(forum: Forum, *, members, municipalities, expected_version: int | None, by) -> Forum:
    """Create or update a forum with its member organisations and the municipalities it covers."""
    with transaction.atomic():
        if forum.pk is None:
            save_checked(forum)
        else:
            save_checked(forum, expected_version=expected_version, fields=FORUM_FIELDS)
        forum.member_organisations.set(members)
        forum.municipalities.set(municipalities)
    return forum


# District settings -----------------------------------------------------------------------------


@attributed
def update_district(district: PoliceDistrict, *, expected_version: int, by) -> PoliceDistrict:
    """Save the district's contact details and settings. A district cannot go to one lokalråd
    per municipality while a municipality has several."""
    if district.local_councils == LocalCouncils.ONE:
        crowded = (
            Council.objects.filter(district=district, kind=Council.Kind.LOCAL)
            .values("municipality__name")
            .annotate(n=models.Count("pk"))
            .filter(n__gt=1)
            .order_by("municipality__name")
        )
        names = [row["municipality__name"] for row in crowded]
        if names:
            raise ValidationError(
                {
                    "local_councils": _(
                        "Disse kommuner har flere lokalråd: %(names)s. Vælg »%(several)s«."
                    )
                    % {"names": ", ".join(names), "several": LocalCouncils.SEVERAL.label}
                }
            )
    return save_checked(district, expected_version=expected_version, fields=DISTRICT_FIELDS)


# Value lists the administrator keeps -----------------------------------------------------------


def new_code(label: str, taken) -> str:
    """A stable code for a new value, from its Danish label (Æ, Ø, Å spelled out), unique
    among `taken`."""
    spelled = label.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    base = (slugify(spelled).replace("-", "_") or "vaerdi")[:36]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}_{n}"
    return code


@attributed
def create_target_group(*, label: str, position: int = 0, by) -> TargetGroup:
    taken = set(TargetGroup.objects.values_list("code", flat=True))
    return save_checked(TargetGroup(code=new_code(label, taken), label=label, position=position))


@attributed
def update_target_group(group: TargetGroup, *, expected_version: int, by) -> TargetGroup:
    """Save the label, place and whether it is retired. A retired group is no longer offered
    for forums, but the forums that have it keep it."""
    return save_checked(group, expected_version=expected_version, fields=VOCABULARY_FIELDS)


@attributed
def delete_target_group(group: TargetGroup, *, by) -> None:
    """Only a target group no forum uses can be deleted; one in use is retired instead."""
    used = group.forums.count()
    if used:
        raise RegistryRefused(
            ngettext(
                "Målgruppen bruges af %(count)d samarbejdsforum og kan ikke slettes; "
                "markér den som udgået.",
                "Målgruppen bruges af %(count)d samarbejdsfora og kan ikke slettes; "
                "markér den som udgået.",
                used,
            )
            % {"count": used}
        )
    group.delete()
