"""A coordinator works within one municipality: their lokalråd is there, another's is not."""

import pytest

from .conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_coordinator_sees_own_local_council_and_not_anothers(
    page, koordinator_laesoe, lokalraad_laesoe, lokalraad_aalborg, politi_nord, laesoe
):
    sign_in(page, koordinator_laesoe)
    p = page.page

    # Signing in lands on the personal start page; the district's councils are one step on.
    assert p.get_by_role("heading", level=1).inner_text().startswith("Velkommen")
    page.goto(laesoe.district.get_absolute_url())
    assert p.get_by_role("heading", level=1).inner_text() == "Nordjyllands Politi"
    assert p.get_by_role("link", name="Lokalrådet i Læsø Kommune").count() == 1
    assert p.get_by_role("link", name="Lokalrådet i Aalborg Kommune").count() == 0
    p.get_by_role("link", name="Lokalrådet i Læsø Kommune").click()
    page.check()
    assert p.get_by_role("link", name="Tilføj medlem").count() == 1
    assert p.get_by_role("link", name="Rediger rådet").count() == 0

    page.goto(lokalraad_aalborg.get_absolute_url(), expect_status=404)
    assert p.get_by_role("heading", level=1).inner_text() == "Siden findes ikke"


@pytest.mark.django_db(transaction=True)
def test_secretariat_filters_forums_and_reads_them_in_english(
    page, sekretariat, nordjylland, politi_nord, laesoe, hjoerring
):
    from tests import factories

    factories.forum(
        "SSP", district=nordjylland, lead=politi_nord, municipalities=[laesoe, hjoerring]
    )
    factories.forum(
        "Infohus",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[hjoerring],
        target_group="radicalisation",
    )
    sign_in(page, sekretariat)
    p = page.page

    p.get_by_role("link", name="Samarbejdsfora").click()
    page.check()
    p.get_by_label("Kommune").select_option(label="Læsø Kommune")
    p.wait_for_url("**municipality=*")
    rows = p.locator("#forum-results tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    assert "SSP" in rows.first.inner_text()
    page.check()

    p.get_by_role("button", name="English").click()
    page.check()
    assert p.locator("html").get_attribute("lang") == "en"
    assert p.get_by_role("heading", level=1).inner_text() == "Cooperation forums"
