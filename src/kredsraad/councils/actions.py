"""What users do to the registry. Each action checks its rule, writes in one transaction and
leaves the audit trail to the database triggers."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kredsraad.core.actors import attributed
from kredsraad.core.saving import save_checked
from kredsraad.councils.models import Council, Forum, Membership, Organisation, Person

COUNCIL_FIELDS = ["name", "description", "meetings_per_year"]
ORGANISATION_FIELDS = ["name", "kind", "municipality", "description", "website"]
FORUM_FIELDS = ["name", "target_group", "legal_basis", "description", "lead_organisation"]
MEMBERSHIP_FIELDS = ["role", "represents", "start", "end"]
PERSON_FIELDS = ["name", "title", "organisation", "email"]


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
    return save_checked(Council(**values))


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
