"""Personas and the Nordjylland world the tests tell their stories in.

The national registry (12 districts, 98 municipalities, their councils) comes from the data
migration, so every test database has it.
"""

import pytest
from django.core.cache import cache

from kredsraad.accounts.models import RoleAssignment

from . import factories

Role = RoleAssignment.Role


@pytest.fixture(autouse=True)
def _no_n_plus_one(settings):
    """An N+1 query pattern within any request fails the test (django-zeal)."""
    settings.MIDDLEWARE = ["zeal.middleware.zeal_middleware", *settings.MIDDLEWARE]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """What one test computed and cached (the plan's crime figures) never serves another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def nordjylland(db):
    return factories.district("nordjyllands-politi")


@pytest.fixture
def straf11_hidden(db):
    """STRAF11 read as a source that hides small counts (as the police's figures are), so a
    story about hidden counts can use DST-shaped figures. Danmarks Statistik's own tables show
    them."""
    from kredsraad.statistics.models import Table

    Table.objects.filter(code="STRAF11").update(small_counts=Table.SmallCounts.HIDDEN)


@pytest.fixture
def midtvest(db):
    return factories.district("midt-og-vestjyllands-politi")


@pytest.fixture
def hjoerring(db):
    return factories.municipality(860)


@pytest.fixture
def laesoe(db):
    return factories.municipality(825)


@pytest.fixture
def aalborg(db):
    return factories.municipality(851)


@pytest.fixture
def holstebro(db):
    return factories.municipality(661)


@pytest.fixture
def kredsraad_nord(nordjylland):
    return factories.district_council(nordjylland)


@pytest.fixture
def kredsraad_midtvest(midtvest):
    return factories.district_council(midtvest)


@pytest.fixture
def lokalraad_laesoe(laesoe):
    return factories.local_council(laesoe)


@pytest.fixture
def lokalraad_hjoerring(hjoerring):
    return factories.local_council(hjoerring)


@pytest.fixture
def lokalraad_aalborg(aalborg):
    return factories.local_council(aalborg)


@pytest.fixture
def lokalraad_holstebro(holstebro):
    return factories.local_council(holstebro)


@pytest.fixture
def politi_nord(nordjylland):
    return factories.organisation("Nordjyllands Politi", district=nordjylland, kind="police")


@pytest.fixture
def laesoe_kommune(nordjylland, laesoe):
    return factories.organisation(
        "Læsø Kommune", district=nordjylland, kind="municipality", municipality=laesoe
    )


@pytest.fixture
def politi_midtvest(midtvest):
    return factories.organisation("Midt- og Vestjyllands Politi", district=midtvest, kind="police")


@pytest.fixture
def trygfonden(db):
    return factories.organisation("TrygFonden", district=None, kind="foundation")


# Personas -----------------------------------------------------------------------------------


@pytest.fixture
def sekretariat(nordjylland):
    return factories.user(role=Role.SECRETARIAT, district=nordjylland, name="Sekretariat Nord")


@pytest.fixture
def sekretariat_midtvest(midtvest):
    return factories.user(role=Role.SECRETARIAT, district=midtvest, name="Sekretariat Midtvest")


@pytest.fixture
def koordinator_hjoerring(hjoerring):
    return factories.user(
        role=Role.COORDINATOR, municipality=hjoerring, name="Koordinator Hjørring"
    )


@pytest.fixture
def koordinator_laesoe(laesoe):
    return factories.user(role=Role.COORDINATOR, municipality=laesoe, name="Koordinator Læsø")


@pytest.fixture
def raadsmedlem(kredsraad_nord):
    return factories.user(role=Role.COUNCIL_MEMBER, council=kredsraad_nord, name="Rådsmedlem Nord")


@pytest.fixture
def analytiker(nordjylland):
    return factories.user(role=Role.ANALYST, district=nordjylland, name="Analytiker Nord")


@pytest.fixture
def administrator(db):
    return factories.user(role=Role.ADMINISTRATOR, name="Administrator")


@pytest.fixture
def uden_rolle(db):
    return factories.user(name="Ny bruger uden rolle")
