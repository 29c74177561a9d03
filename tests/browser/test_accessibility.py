"""Every kind of page, opened as the people who use it, checked with axe-core (EN 301 549)."""

import pytest
from django.urls import reverse

from kredsraad.councils.models import Membership
from tests import factories

from .conftest import sign_in


@pytest.fixture
def world(nordjylland, politi_nord, laesoe_kommune, laesoe, lokalraad_laesoe, trygfonden):
    leader = factories.person(title="Lokalpolitileder for Læsø", organisation=politi_nord)
    membership = factories.membership(lokalraad_laesoe, leader, role=Membership.Role.CHAIR)
    forum = factories.forum("SSP", district=nordjylland, lead=politi_nord, municipalities=[laesoe])
    return {"membership": membership, "forum": forum, "council": lokalraad_laesoe}


@pytest.mark.django_db(transaction=True)
def test_every_page_of_the_secretariat_passes_axe(
    page, sekretariat, nordjylland, laesoe, kredsraad_nord, politi_nord, world
):
    membership, forum, council = world["membership"], world["forum"], world["council"]
    sign_in(page, sekretariat)

    for url in [
        reverse("councils:home"),
        reverse("councils:district", args=[nordjylland.slug]),
        reverse("councils:forums", args=[nordjylland.slug]),
        reverse("councils:forum", args=[forum.pk]),
        reverse("councils:forum_edit", args=[forum.pk]),
        reverse("councils:forum_create", args=[nordjylland.slug]),
        reverse("councils:organisations", args=[nordjylland.slug]),
        reverse("councils:organisation", args=[politi_nord.pk]),
        reverse("councils:organisation_edit", args=[politi_nord.pk]),
        reverse("councils:organisation_create", args=[nordjylland.slug]),
        reverse("councils:municipality", args=[laesoe.code]),
        reverse("councils:council", args=[kredsraad_nord.pk]),
        reverse("councils:council_edit", args=[council.pk]),
        reverse("councils:council_create", args=[nordjylland.slug]),
        reverse("councils:membership", args=[membership.pk]),
        reverse("councils:membership_edit", args=[membership.pk]),
        reverse("councils:membership_end", args=[membership.pk]),
        reverse("councils:person_edit", args=[membership.pk]),
        reverse("councils:history", args=["raad", council.pk]),
        reverse("councils:history", args=["forum", forum.pk]),
        reverse("councils:history", args=["kreds", nordjylland.pk]),
        reverse("councils:membership_add", args=[council.pk]),
    ]:
        page.goto(url)

    page.page.get_by_role("button", name="Tilføj medlem").click()
    page.check()
    assert page.page.locator(".form-error-message").count() >= 1
    assert len(page.visited) == 25


@pytest.mark.django_db(transaction=True)
def test_pages_before_sign_in_pass_axe(page):
    page.goto(reverse("accounts:login"))
    page.page.get_by_role("button", name="Log ind").click()
    page.check()
    page.goto(reverse("accounts:password_reset"))
    page.page.get_by_label("E-mail").fill("ukendt@example.dk")
    page.page.get_by_role("button", name="Send link").click()
    page.check()

    assert page.page.get_by_role("heading", level=1).inner_text() == "Tjek din e-mail"


@pytest.mark.django_db(transaction=True)
def test_secretariat_meets_a_conflict_and_keeps_both_edits(
    page, sekretariat, world, laesoe_kommune
):
    membership = world["membership"]
    sign_in(page, sekretariat)
    page.goto(reverse("councils:membership_edit", args=[membership.pk]))
    # Meanwhile, somebody else ends the membership on another date.
    Membership.objects.filter(pk=membership.pk).update(
        end="2025-06-30", version=membership.version + 1
    )

    page.page.get_by_label("Repræsenterer").select_option(label="Læsø Kommune")
    page.page.get_by_label("Slutdato").fill("2024-12-31")
    page.expected_statuses.add(409)
    page.page.get_by_role("button", name="Gem").click()
    page.check()

    conflict = page.page.locator("#conflict")
    assert "Redigeringskonflikt" in conflict.inner_text()
    assert "30. juni 2025" in conflict.inner_text()
    assert "31. december 2024" in conflict.inner_text()
    membership.refresh_from_db()
    assert membership.represents.name == "Nordjyllands Politi"
    assert page.page.get_by_label("Repræsenterer").input_value() == str(laesoe_kommune.pk)

    page.page.get_by_label("Slutdato").fill("2025-06-30")
    page.page.get_by_role("button", name="Gem").click()
    page.check()
    membership.refresh_from_db()
    assert membership.represents == laesoe_kommune
    assert str(membership.end) == "2025-06-30"
