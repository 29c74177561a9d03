"""Setting up a district in one step: from the registry's district and municipalities, the
organisations, councils and seats the law names, and an empty plan for the year.

The statutory seats (retsplejelovens §§ 110-112) are recorded by title alone, as office-holders
are elsewhere: the politidirektør chairs the kredsråd and each municipality's borgmester sits in
it; each lokalråd gets the local police leader as chair and the borgmester. Every row is found by
its natural key first, so running the setup again creates nothing; rows found are never changed,
since users may have edited them. The same walk over the rows, without writing, is the preview
the administrator confirms (`preview_setup`).

It lives in plans rather than councils because it ends with the year's plan, and imports flow
from councils up to plans, never down.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kredsraad.core.actors import attributed
from kredsraad.core.saving import save_checked
from kredsraad.councils.models import (
    Council,
    LocalCouncils,
    Membership,
    Municipality,
    Organisation,
    Person,
    PoliceDistrict,
)
from kredsraad.councils.registry import district_council_name, local_council_name
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import CooperationPlan

# Titles are data in the Danish of the plans, whatever language the administrator reads.
DIRECTOR = "Politidirektør"
MAYOR = "Borgmester"
LOCAL_POLICE_LEADER = "Lokalpolitileder for"


@dataclass(frozen=True)
class Step:
    """One row the setup needs: what it is, its name, and whether it is (to be) created."""

    what: str
    name: str
    created: bool


@dataclass
class SetupResult:
    district: PoliceDistrict
    year: int
    steps: list[Step]

    @property
    def created(self) -> list[Step]:
        return [step for step in self.steps if step.created]

    @property
    def unchanged(self) -> list[Step]:
        return [step for step in self.steps if not step.created]


@attributed
def set_up_district(
    district: PoliceDistrict, *, year: int, start: datetime.date | None = None, by
) -> SetupResult:
    """Create what `district` lacks of its police and municipal organisations, its kredsråd and
    lokalråd (per `district.local_councils`) with their statutory seats from `start` (default
    today), and a draft samarbejdsplan for `year`. All in one transaction; nothing found is
    changed."""
    with transaction.atomic():
        return _Setup(district, year=year, start=start, by=by, write=True).run()


def preview_setup(
    district: PoliceDistrict, *, year: int, start: datetime.date | None = None
) -> SetupResult:
    """What `set_up_district` would create and find, without writing anything."""
    return _Setup(district, year=year, start=start, by=None, write=False).run()


class _Setup:
    def __init__(self, district, *, year, start, by, write):
        self.district = district
        self.year = year
        self.start = start or timezone.localdate()
        self.by = by
        self.write = write
        self.steps: list[Step] = []

    def run(self) -> SetupResult:
        district = self.district
        municipalities = list(Municipality.objects.filter(district=district).order_by("name"))
        police = self._organisation(
            _("Politi"), {"district": district, "kind": Organisation.Kind.POLICE}, district.name
        )
        kommuner = {
            m.pk: self._organisation(
                _("Kommune"),
                {"district": district, "kind": Organisation.Kind.MUNICIPALITY, "municipality": m},
                str(m),
            )
            for m in municipalities
        }
        kredsraad = self._ensure(
            _("Kredsråd"),
            Council,
            {"district": district, "kind": Council.Kind.DISTRICT},
            {"name": district_council_name(district.name)},
        )
        self._seat(kredsraad, self._person(police, DIRECTOR), police, chair=True)
        mayors = {}
        for m in municipalities:
            mayors[m.pk] = self._person(kommuner[m.pk], MAYOR)
            self._seat(kredsraad, mayors[m.pk], kommuner[m.pk])
        if district.local_councils != LocalCouncils.NONE:
            # "Several" may mean more lokalråd later; the setup gives each municipality its first.
            for m in municipalities:
                lokalraad = self._ensure(
                    _("Lokalråd"),
                    Council,
                    {"district": district, "kind": Council.Kind.LOCAL, "municipality": m},
                    {"name": local_council_name(m.code, m.name)},
                )
                leader = self._person(police, f"{LOCAL_POLICE_LEADER} {m}")
                self._seat(lokalraad, leader, police, chair=True)
                self._seat(lokalraad, mayors[m.pk], kommuner[m.pk])
        self._plan()
        return SetupResult(district, self.year, self.steps)

    # Finding or creating one row --------------------------------------------------------------

    def _ensure(self, what, model, lookup: dict, values: dict | None = None, *, also=None):
        """The first row matching `lookup` (and `also`), or a new one with `values` as well,
        saved only when writing. A lookup on a row not yet saved (a preview) finds nothing."""
        row = None
        if not any(getattr(v, "pk", True) is None for v in lookup.values()):
            row = model.objects.filter(also or Q(), **lookup).order_by("pk").first()
        created = row is None
        if created:
            row = model(**lookup, **(values or {}))
            if self.write:
                save_checked(row)
        else:
            # The related rows the lookup named are at hand: its label needs no query for them.
            for name, value in lookup.items():
                if isinstance(value, Model):
                    setattr(row, name, value)
        self.steps.append(Step(what, self._label(row), created))
        return row

    @staticmethod
    def _label(row) -> str:
        if isinstance(row, Membership):
            return f"{row.person} ({row.get_role_display().lower()}, {row.council})"
        return str(row)

    def _organisation(self, what, lookup: dict, name: str) -> Organisation:
        """By kind (and municipality), else by name: a district set up by hand may already have
        its police under the district's name with another kind."""
        found = Organisation.objects.filter(**lookup).order_by("pk").first()
        if found is None:
            found = Organisation.objects.filter(district=self.district, name=name).first()
        if found is not None:
            self.steps.append(Step(what, found.name, False))
            return found
        return self._ensure(what, Organisation, {**lookup, "name": name})

    def _person(self, organisation: Organisation, title: str) -> Person:
        # Office-holders by title only: no name is needed to give the seat its place.
        lookup = {"district": self.district, "organisation": organisation, "title": title}
        return self._ensure(_("Person"), Person, {**lookup, "name": ""})

    def _seat(self, council: Council, person: Person, represents: Organisation, *, chair=False):
        """A current seat for `person` in `council`. A council that already has a chair gets the
        person as a member instead, so that nobody is unseated."""
        role = Membership.Role.MEMBER
        if chair:
            role = Membership.Role.CHAIR
            if council.pk is not None and self._current(council).filter(role=role).exists():
                role = Membership.Role.MEMBER
        self._ensure(
            _("Sæde"),
            Membership,
            {"council": council, "person": person},
            {"role": role, "represents": represents, "start": self.start},
            also=Q(end__isnull=True) | Q(end__gte=self.start),
        )

    def _current(self, council: Council):
        return Membership.objects.filter(council=council).filter(
            Q(end__isnull=True) | Q(end__gte=self.start)
        )

    def _plan(self) -> None:
        # The plan's own action makes it, as the UI's "Ny plan" does.
        what = _("Samarbejdsplan")
        plan = CooperationPlan.objects.filter(district=self.district, year=self.year).first()
        if plan is not None:
            self.steps.append(Step(what, plan.title, False))
            return
        if self.write:
            plan = plan_actions.create_plan(self.district, year=self.year, by=self.by)
            title = plan.title
        else:
            with translation.override("da"):  # the title create_plan will store
                title = _("Kredsrådets samarbejdsplan %(year)s") % {"year": self.year}
        self.steps.append(Step(what, title, True))
