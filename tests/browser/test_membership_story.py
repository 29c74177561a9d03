"""The secretariat keeps Læsø's lokalråd current: a new member in, an old one out, both in
the council's history."""

import pytest

from kredsraad.councils.models import Membership
from tests import factories

from .conftest import sign_in


@pytest.fixture
def laesoe_council_with_leader(lokalraad_laesoe, politi_nord, laesoe_kommune):
    leader = factories.person(title="Lokalpolitileder for Læsø", organisation=politi_nord)
    factories.membership(lokalraad_laesoe, leader, role=Membership.Role.CHAIR)
    return lokalraad_laesoe


@pytest.mark.django_db(transaction=True)
def test_secretariat_adds_and_ends_members_and_sees_both_in_history(
    page, sekretariat, laesoe_council_with_leader
):
    sign_in(page, sekretariat)
    p = page.page

    # Signing in lands on the start page; the district's page lists its councils.
    page.goto(laesoe_council_with_leader.district.get_absolute_url())
    p.get_by_role("link", name="Lokalrådet i Læsø Kommune").click()
    page.check()
    p.get_by_role("link", name="Tilføj medlem").click()
    page.check()
    p.get_by_label("Titel").fill("SSP-konsulent")
    p.get_by_label("Ansat i").select_option(label="Læsø Kommune")
    p.get_by_label("Arbejdsmail").fill("ssp@laesoe.example.dk")
    p.get_by_label("Rolle").select_option(label="Medlem")
    p.get_by_label("Repræsenterer").select_option(label="Læsø Kommune")
    p.get_by_label("Startdato").fill("2023-02-01")
    p.get_by_role("button", name="Tilføj medlem").click()
    page.check()
    assert (
        p.get_by_role("status")
        .first.inner_text()
        .startswith("SSP-konsulent, Læsø Kommune er tilføjet")
    )

    p.get_by_role("link", name="Afslut Lokalpolitileder for Læsø").click()
    page.check()
    p.get_by_label("Slutdato").fill("2023-03-31")
    p.get_by_role("button", name="Afslut medlemskab").click()
    page.check()
    former = p.locator("#former-members")
    assert "Lokalpolitileder for Læsø" in former.inner_text()
    assert "31.03.2023" in former.inner_text()

    p.get_by_role("link", name="Historik").click()
    page.check()
    history = p.locator("main").inner_text()
    assert "Oprettet: Medlemskab: SSP-konsulent, Læsø Kommune" in history
    assert "Ændret: Medlemskab: Lokalpolitileder for Læsø" in history
    assert "Sekretariat Nord" in history
    assert "31.03.2023" in history  # dates in tables: dd.mm.åååå


@pytest.mark.django_db(transaction=True)
def test_pages_hold_under_strict_content_security_policy(
    browser, live_server, sekretariat, lokalraad_laesoe
):
    """Without bypassing CSP: no inline script or style is refused by the browser."""
    context = browser.new_context(locale="da-DK")
    p = context.new_page()
    refused = []
    p.on("console", lambda msg: refused.append(msg.text) if msg.type == "error" else None)

    p.goto(live_server.url + "/konto/log-ind/")
    p.get_by_label("E-mail").fill(sekretariat.email)
    p.get_by_label("Adgangskode").fill(factories.PASSWORD)
    p.get_by_role("button", name="Log ind").click()
    p.goto(live_server.url + lokalraad_laesoe.get_absolute_url())
    p.goto(live_server.url + f"/kreds/{lokalraad_laesoe.district.slug}/fora/")
    context.close()

    assert refused == []
