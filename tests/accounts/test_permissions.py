"""Every page, for every role, on an object of the user's own district and of another:
what is outside a user's scope is a 404, never a 403, and anonymous visitors go to login."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kredsraad.statistics.models import Dataset
from tests import factories

# Who may open a page about Nordjylland's objects (the other district's are 404 for them all).
EVERYONE_IN_NORD = {
    "sekretariat",
    "analytiker",
    "raadsmedlem",
    "koordinator_hjoerring",
    "koordinator_laesoe",
    "administrator",
}
READS_LAESOE = {"sekretariat", "analytiker", "raadsmedlem", "koordinator_laesoe", "administrator"}
EDITS_DISTRICT = {"sekretariat", "administrator"}
IMPORTS_STATISTICS = {"sekretariat", "analytiker", "administrator"}
EDITS_LAESOE_MEMBERS = {"sekretariat", "koordinator_laesoe", "administrator"}
PERSONAS = sorted(EVERYONE_IN_NORD | {"sekretariat_midtvest", "uden_rolle"})


@pytest.fixture
def world(
    nordjylland,
    midtvest,
    politi_nord,
    politi_midtvest,
    laesoe,
    holstebro,
    lokalraad_laesoe,
    lokalraad_holstebro,
    kredsraad_nord,
    kredsraad_midtvest,
):
    """One of each object in Nordjylland and in Midt- og Vestjylland."""
    nord_person = factories.person(title="Lokalpolitileder", organisation=politi_nord)
    midtvest_person = factories.person(title="Lokalpolitileder", organisation=politi_midtvest)
    # Danmarks Statistik's figures are national: one dataset seen from either district.
    dataset = Dataset.objects.create(
        table="STRAF11", source=Dataset.Source.FILE, fetched_at=timezone.now()
    )
    return {
        "nord": {
            "district": nordjylland,
            "municipality": laesoe,
            "kredsraad": kredsraad_nord,
            "lokalraad": lokalraad_laesoe,
            "membership": factories.membership(lokalraad_laesoe, nord_person),
            "forum": factories.forum(
                "SSP", district=nordjylland, lead=politi_nord, municipalities=[laesoe]
            ),
            "organisation": politi_nord,
            "dataset": dataset,
        },
        "midtvest": {
            "district": midtvest,
            "municipality": holstebro,
            "kredsraad": kredsraad_midtvest,
            "lokalraad": lokalraad_holstebro,
            "membership": factories.membership(lokalraad_holstebro, midtvest_person),
            "forum": factories.forum(
                "SSP", district=midtvest, lead=politi_midtvest, municipalities=[holstebro]
            ),
            "organisation": politi_midtvest,
            "dataset": dataset,
        },
    }


# (url name, how to build its arguments from one side of the world, who may open it)
PAGES = [
    ("councils:district", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("councils:council_create", lambda w: [w["district"].slug], EDITS_DISTRICT),
    ("councils:forums", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("councils:forum_create", lambda w: [w["district"].slug], EDITS_DISTRICT),
    ("councils:organisations", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("councils:organisation_create", lambda w: [w["district"].slug], EDITS_DISTRICT),
    ("councils:municipality", lambda w: [w["municipality"].code], READS_LAESOE),
    ("councils:council", lambda w: [w["kredsraad"].pk], EVERYONE_IN_NORD),
    ("councils:council_edit", lambda w: [w["kredsraad"].pk], EDITS_DISTRICT),
    ("councils:council", lambda w: [w["lokalraad"].pk], READS_LAESOE),
    ("councils:council_edit", lambda w: [w["lokalraad"].pk], EDITS_DISTRICT),
    ("councils:membership_add", lambda w: [w["lokalraad"].pk], EDITS_LAESOE_MEMBERS),
    ("councils:membership", lambda w: [w["membership"].pk], READS_LAESOE),
    ("councils:membership_edit", lambda w: [w["membership"].pk], EDITS_LAESOE_MEMBERS),
    ("councils:membership_end", lambda w: [w["membership"].pk], EDITS_LAESOE_MEMBERS),
    ("councils:person_edit", lambda w: [w["membership"].pk], EDITS_LAESOE_MEMBERS),
    ("councils:forum", lambda w: [w["forum"].pk], EVERYONE_IN_NORD),
    ("councils:forum_edit", lambda w: [w["forum"].pk], EDITS_DISTRICT),
    ("councils:organisation", lambda w: [w["organisation"].pk], EVERYONE_IN_NORD),
    ("councils:organisation_edit", lambda w: [w["organisation"].pk], EDITS_DISTRICT),
    ("councils:history", lambda w: ["kreds", w["district"].pk], EVERYONE_IN_NORD),
    ("councils:history", lambda w: ["kommune", w["municipality"].pk], READS_LAESOE),
    ("councils:history", lambda w: ["raad", w["lokalraad"].pk], READS_LAESOE),
    ("councils:history", lambda w: ["medlemskab", w["membership"].pk], READS_LAESOE),
    ("councils:history", lambda w: ["forum", w["forum"].pk], EVERYONE_IN_NORD),
    ("councils:history", lambda w: ["organisation", w["organisation"].pk], EVERYONE_IN_NORD),
    ("councils:history", lambda w: ["person", w["membership"].person_id], READS_LAESOE),
    ("plans:district_setup", lambda w: [w["district"].slug], {"administrator"}),
    ("strategies:strategies", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("strategies:strategy_create", lambda w: [w["district"].slug], EDITS_DISTRICT),
    ("statistics:district", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("statistics:tables", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("statistics:youth", lambda w: [w["district"].slug], EVERYONE_IN_NORD),
    ("statistics:upload", lambda w: [w["district"].slug], IMPORTS_STATISTICS),
    ("statistics:police_mapping", lambda w: [w["district"].slug], IMPORTS_STATISTICS),
    (
        "statistics:dataset_revisions",
        lambda w: [w["district"].slug, w["dataset"].pk],
        IMPORTS_STATISTICS,
    ),
]
PAGE_IDS = [f"{name}:{i}" for i, (name, _, _) in enumerate(PAGES)]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=PAGE_IDS)
def test_every_role_sees_exactly_its_scope(client, request, world, persona, name, args, allowed):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    own = client.get(reverse(name, args=args(world["nord"])))
    other = client.get(reverse(name, args=args(world["midtvest"])))

    assert own.status_code == (200 if persona in allowed else 404)
    if persona == "administrator":
        assert other.status_code == 200
    elif persona == "sekretariat_midtvest":
        assert other.status_code == (200 if "sekretariat" in allowed else 404)
    else:
        assert other.status_code == 404


@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=PAGE_IDS)
def test_visitor_is_sent_to_login(client, world, name, args, allowed):
    url = reverse(name, args=args(world["nord"]))

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_user_without_role_sees_no_district(client, uden_rolle):
    client.force_login(uden_rolle)

    response = client.get(reverse("councils:home"))

    assert response.status_code == 200
    assert "ingen rolle" in response.content.decode()


def test_secretariat_lands_on_own_start_page(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.get(reverse("councils:home"))

    assert response.status_code == 200
    assert response.context["current_district"] == nordjylland


def test_administrator_alone_reaches_django_admin(client, sekretariat, administrator):
    client.force_login(sekretariat)
    refused = client.get(reverse("admin:index"))
    client.force_login(administrator)

    admitted = client.get(reverse("admin:index"))

    assert refused.status_code == 302
    assert admitted.status_code == 200


def test_administrator_switches_between_all_districts(client, administrator, nordjylland):
    client.force_login(administrator)

    response = client.get(nordjylland.get_absolute_url())

    assert len(response.context["user_districts"]) == 12
    assert "Skift politikreds" in response.content.decode()


def test_secretariat_with_one_district_has_no_switcher(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.get(nordjylland.get_absolute_url())

    assert "Skift politikreds" not in response.content.decode()


def test_district_page_query_count_does_not_grow_with_forums(
    client, sekretariat, nordjylland, politi_nord, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(sekretariat)
    factories.forum("SSP", district=nordjylland, lead=politi_nord)
    client.get(nordjylland.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(nordjylland.get_absolute_url())
    factories.forum("PSP", district=nordjylland, lead=politi_nord)
    factories.forum("KSP", district=nordjylland, lead=politi_nord)

    with CaptureQueriesContext(connection) as three:
        client.get(nordjylland.get_absolute_url())

    assert len(three.captured_queries) == len(one.captured_queries)


# Django's model permissions count for staff only (accounts.backends.StaffModelBackend): the
# application's permissions come from roles, and the admin is the staff's.


def _granted(user, codename: str):
    """Grant a Django model permission directly, as only a shell could (the admin offers no
    field for it); the user is read afresh, without a permission cache."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


def test_a_secretariat_opening_the_district_page_costs_no_permission_queries(
    client, sekretariat, nordjylland
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(sekretariat)

    with CaptureQueriesContext(connection) as page:
        response = client.get(nordjylland.get_absolute_url())

    assert response.status_code == 200
    assert not sekretariat.has_perm("councils.keep_value_lists")
    assert [q["sql"] for q in page.captured_queries if "auth_permission" in q["sql"]] == []


def test_a_staff_user_keeps_a_django_model_permission(administrator):
    administrator = _granted(administrator, "view_user")

    assert administrator.has_perm("accounts.view_user")
    assert administrator.has_module_perms("accounts")


def test_a_model_permission_granted_to_a_non_staff_user_is_not_honoured(raadsmedlem):
    from kredsraad.accounts.backends import StaffModelBackend

    raadsmedlem = _granted(raadsmedlem, "view_user")

    assert not raadsmedlem.has_perm("accounts.view_user")
    assert list(StaffModelBackend().with_perm("accounts.view_user")) == []


def test_a_superuser_works_in_the_admin(client, nordjylland):
    from kredsraad.accounts.models import User

    superuser = User.objects.create_superuser("super@example.dk", factories.PASSWORD)
    client.force_login(superuser)

    index = client.get(reverse("admin:index"))
    users = client.get(reverse("admin:accounts_user_changelist"))
    district = client.get(reverse("admin:councils_policedistrict_change", args=[nordjylland.pk]))

    assert (index.status_code, users.status_code, district.status_code) == (200, 200, 200)
