"""The secretariat publishes the plan, which in the same click builds its PDF and Word; a
visitor without login finds it on the public site, opens its PDF and sees it in the district's
Atom feed."""

import subprocess
import xml.etree.ElementTree as ET

import pytest

from kredsraad.plans import actions

from .conftest import confirm_step, sign_in

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db(transaction=True)
def test_visitor_finds_the_published_plan_its_pdf_and_its_feed_entry(
    page, sekretariat, nordjylland, kredsraad_nord, politi_nord
):
    plan = actions.create_plan(nordjylland, year=2024, by=sekretariat)
    actions.add_focus_area(
        plan,
        title="Indbrud i boliger",
        body="Bo trygt udbredes.",
        themes=["burglary"],
        responsible=politi_nord,
        by=sekretariat,
    )
    sign_in(page, sekretariat)
    p = page.page

    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").click()
    page.check()
    confirm_step(page, "Send til drøftelse")
    confirm_step(
        page,
        "Godkend planen",
        fields={
            "Godkendt den": "2023-12-05",
            "Reference": "Kredsrådets møde 5. december 2023, punkt 2",
        },
    )
    confirm_step(page, "Offentliggør")
    assert "Version 1 er offentliggjort og låst." in p.locator("main").inner_text()
    p.get_by_role("button", name="Log ud").click()
    page.check()

    # The visitor.
    p.get_by_role("link", name="Kredsrådenes offentlige sider").click()
    page.check()
    p.get_by_role("link", name="Nordjyllands Politi").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").click()
    page.check()
    main = p.locator("main").inner_text()
    assert "Gældende version 1" in main
    assert "03.1 Indbrud i boliger" in main or "Indbrud i boliger" in main

    pdf_link = p.get_by_role("link", name="Hent").filter(has_text="PDF").first
    # The visitor opens the PDF in a new tab. The browser's PDF viewer hides the bytes from
    # the test, so they are caught on their way in.
    opened = []

    def keep(route):
        response = route.fetch()
        opened.append(response)
        route.fulfill(response=response)

    tab = p.context.new_page()
    tab.route("**/dokumenter/**", keep)
    tab.goto(page.base_url + pdf_link.get_attribute("href"))
    (pdf,) = opened
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.body(), capture_output=True, check=True
    ).stdout.decode()
    assert "Kredsrådets samarbejdsplan 2024" in " ".join(text.split())
    tab.close()

    feed_href = p.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute(
        "href"
    )
    feed = ET.fromstring(p.request.get(page.base_url + feed_href).body())
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Kredsrådets samarbejdsplan 2024, version 1"]

    for link in ("Indsatser", "Møder og referater", "Statistik", "Åbne data", "Handleplaner"):
        p.get_by_role("navigation", name="Offentlige sider").get_by_role("link", name=link).click()
        page.check()
