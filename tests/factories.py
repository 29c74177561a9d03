"""Plain factories: each makes exactly what its name says, with the arguments given."""

import datetime
import itertools

from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Municipality,
    Organisation,
    Person,
    PoliceDistrict,
)

PASSWORD = "korrekt-hest-batteri-clips"
_serial = itertools.count(1)


def district(slug: str) -> PoliceDistrict:
    return PoliceDistrict.objects.get(slug=slug)


def municipality(code: int) -> Municipality:
    return Municipality.objects.get(code=code)


def district_council(district: PoliceDistrict) -> Council:
    return Council.objects.get(district=district, kind=Council.Kind.DISTRICT)


def local_council(municipality: Municipality) -> Council:
    return Council.objects.get(municipality=municipality)


def user(*, role: str | None = None, name: str = "", **scope) -> User:
    """A user with one role; scope is district=, municipality= or council=."""
    n = next(_serial)
    new = User.objects.create_user(
        f"bruger{n}@example.dk", PASSWORD, full_name=name or f"Testbruger {n}"
    )
    if role:
        RoleAssignment.objects.create(user=new, role=role, **scope)
    if role == RoleAssignment.Role.ADMINISTRATOR:
        new.is_staff = True
        new.save(update_fields=["is_staff"])
    return new


def organisation(name: str, *, district: PoliceDistrict | None, kind="other", **values):
    return Organisation.objects.create(name=name, kind=kind, district=district, **values)


def person(
    *, title: str, organisation: Organisation, name: str = "", email: str = "", district=None
) -> Person:
    district = district or organisation.district
    return Person.objects.create(
        name=name, title=title, organisation=organisation, email=email, district=district
    )


def membership(
    council: Council,
    person: Person,
    *,
    role=Membership.Role.MEMBER,
    start=datetime.date(2022, 1, 1),
    end=None,
) -> Membership:
    return Membership.objects.create(
        council=council,
        person=person,
        role=role,
        represents=person.organisation,
        start=start,
        end=end,
    )


def forum(
    name: str,
    *,
    district: PoliceDistrict,
    lead: Organisation,
    municipalities=(),
    target_group="youth",
):
    new = Forum.objects.create(
        name=name, district=district, lead_organisation=lead, target_group_id=target_group
    )
    new.municipalities.set(municipalities)
    return new


# Initiatives ---------------------------------------------------------------------------------


def initiative(
    title: str,
    *,
    district: PoliceDistrict,
    lead: Organisation,
    external_id: str = "",
    status: str = "active",
    municipalities=(),
    all_municipalities: bool = False,
    owner: Municipality | None = None,
    partners=(),
    focus_areas=(),
    starts: datetime.date | None = datetime.date(2023, 1, 1),
    ends: datetime.date | None = None,
    weight: int = 1,
    continues=None,
):
    """An initiative of `district`; a local one when `owner` is given."""
    from kredsraad.initiatives.models import Initiative

    new = Initiative.objects.create(
        district=district,
        external_id=external_id or f"indsats-{next(_serial)}",
        title=title,
        lead_organisation=lead,
        status=status,
        all_municipalities=all_municipalities,
        owner_municipality=owner,
        starts=starts,
        ends=ends,
        weight=weight,
        continues=continues,
    )
    new.municipalities.set(municipalities)
    new.partners.set(partners)
    new.focus_areas.set(focus_areas)
    return new


def milestone(
    initiative, title: str, *, kind="evaluation", due_date=None, due_quarter="", **values
):
    from kredsraad.initiatives.models import Milestone

    return Milestone.objects.create(
        initiative=initiative,
        title=title,
        kind=kind,
        due_date=due_date,
        due_quarter=due_quarter,
        **values,
    )


def status_update(initiative, *, period: str, progress: int, author, light="on_track", text=""):
    from kredsraad.initiatives.models import StatusUpdate

    return StatusUpdate.objects.create(
        initiative=initiative,
        period=period,
        progress=progress,
        light=light,
        text=text or f"Status for {period}.",
        author=author,
    )


def pdf(pages: int = 1) -> bytes:
    """A real, small PDF with blank pages (a paper upload must open as a PDF)."""
    import io

    import pikepdf

    document = pikepdf.new()
    for _ in range(pages):
        document.add_blank_page()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
