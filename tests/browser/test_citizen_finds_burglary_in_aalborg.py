"""A citizen without login asks what is done about burglary in Aalborg. From the public start
page they get there in two steps by searching, and also by the district's initiatives list
filtered by municipality and theme; on a desktop and on a 375 px phone, axe-core on every page."""

import datetime

import pytest

from kredsraad.plans import actions
from tests import factories
from tests.plans.conftest import approved

ANSWER = "Nabohjælp mod indbrud i Aalborg"


@pytest.fixture
def burglary_in_aalborg(nordjylland, sekretariat, kredsraad_nord, politi_nord, aalborg, hjoerring):
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    area = actions.add_focus_area(
        plan,
        title="Indbrud i boliger",
        body="Færre indbrud i hele kredsen.",
        themes=["burglary"],
        responsible=politi_nord,
        by=sekretariat,
    )
    aalborgs = factories.initiative(
        ANSWER,
        district=nordjylland,
        lead=politi_nord,
        owner=aalborg,
        municipalities=[aalborg],
        focus_areas=[area],
        starts=datetime.date(2023, 3, 1),
    )
    aalborgs.description = "Naboer i Aalborg Øst holder øje og forebygger indbruddene."
    aalborgs.save(update_fields=["description"])
    factories.initiative(
        "Fri for indbrud i Hjørring",
        district=nordjylland,
        lead=politi_nord,
        owner=hjoerring,
        municipalities=[hjoerring],
        focus_areas=[area],
    )
    approved(plan, sekretariat, kredsraad_nord)
    actions.publish_plan(plan, by=sekretariat)


def on_screen(page, width):
    page.page.set_viewport_size({"width": width, "height": 900})


def fits(page, width):
    if width <= 375:
        assert page.page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.django_db(transaction=True)
def test_citizen_finds_the_aalborg_burglary_initiative_by_search_in_two_steps(
    page, burglary_in_aalborg, width
):
    on_screen(page, width)
    p = page.page
    page.goto("/offentlig/")
    fits(page, width)

    # Step 1: the search box on the start page.
    p.get_by_label("Søg i det offentliggjorte").fill("indbrud Aalborg")
    p.get_by_role("button", name="Søg", exact=True).click()
    page.check()
    fits(page, width)
    main = p.locator("main")
    assert "Viser indhold for Aalborg Kommune" in main.inner_text()
    assert main.locator("mark").first.inner_text().lower().startswith("indbrud")
    assert "Fri for indbrud i Hjørring" not in main.inner_text()

    # Step 2: the initiative.
    p.get_by_role("link", name=ANSWER).click()
    page.check()
    fits(page, width)
    assert p.locator("h1").inner_text() == ANSWER


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.django_db(transaction=True)
def test_citizen_finds_it_in_the_initiatives_list_filtered_by_municipality_and_theme(
    page, burglary_in_aalborg, width
):
    on_screen(page, width)
    p = page.page
    page.goto("/offentlig/")
    p.get_by_role("link", name="Nordjyllands Politi").click()
    page.check()
    p.get_by_role("link", name="Indsatser", exact=True).click()
    page.check()
    fits(page, width)
    assert "2 indsatser" in p.locator("main").inner_text()

    p.get_by_label("Kommune").select_option(label="Aalborg Kommune")
    p.get_by_label("Tema").select_option(label="Indbrud")
    p.get_by_role("button", name="Vis indsatser").click()
    page.check()
    fits(page, width)
    assert "kommune=851" in p.url and "tema=burglary" in p.url
    assert "1 indsats" in p.locator("main").inner_text()

    p.get_by_role("link", name=ANSWER).click()
    page.check()
    assert p.locator("h1").inner_text() == ANSWER
