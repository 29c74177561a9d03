"""The secretariat opens the district's statistics: the charts draw under the strict CSP, the page
passes axe-core, and choosing another offence in the form redraws everything."""

import re

import pytest
from django.urls import reverse

from kredsraad.demo.statistics import load_statistics, shared_data
from kredsraad.statistics.importing.boundaries import load_boundaries_from_file
from kredsraad.statistics.importing.cli_boundaries import default_file
from tests import factories

from .conftest import sign_in

CHARTS = ".chart.chart-drawn .chart-canvas svg"


@pytest.fixture
def statistics(transactional_db):
    shared = shared_data()
    if shared is None or not default_file().is_file():
        pytest.skip("../shared/data findes ikke")
    load_statistics(shared)
    load_boundaries_from_file(default_file())


def wait_for_charts(page, count: int) -> None:
    page.page.wait_for_function(
        f"document.querySelectorAll({CHARTS!r}).length === {count}", timeout=20_000
    )


@pytest.mark.django_db(transaction=True)
def test_secretariat_reads_the_districts_statistics_and_picks_another_offence(
    page, sekretariat, nordjylland, statistics
):
    console = []
    page.page.on("console", lambda message: console.append(message.text))
    sign_in(page, sekretariat)

    page.page.goto(page.base_url + reverse("statistics:district", args=[nordjylland.slug]))
    wait_for_charts(page, 4)
    page.check()

    canvas = page.page.locator(".chart-canvas").first
    assert canvas.get_attribute("aria-label").startswith("Linjediagram: Alle anmeldte forbrydelser")
    assert page.page.locator("figure[data-vega-spec=spec-kort] .mark-shape path").count() >= 9
    assert page.page.locator(".navigation-menu nav .active").inner_text() == "Statistik"
    # Danish thousands separators on the axis, drawn by Vega.
    labels = page.page.locator(".chart-canvas svg text").all_text_contents()
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", label) for label in labels), labels

    page.page.get_by_label("Overtrædelse").select_option("12")
    page.page.get_by_role("button", name="Vis tallene").click()
    page.page.wait_for_url("**overtraedelse=12**")
    wait_for_charts(page, 4)
    page.check()

    assert (
        page.page.locator("#caption-kommuner")
        .inner_text()
        .startswith("Voldsforbrydelser i alt i kommunerne i Nordjyllands Politi")
    )
    assert not any("Diagrammet kunne ikke tegnes" in text for text in console)


@pytest.mark.django_db(transaction=True)
def test_charts_draw_under_the_sites_strict_csp_without_a_violation(
    browser, live_server, sekretariat, nordjylland, statistics
):
    # The axe-checked page bypasses the CSP (to inject axe-core); this one keeps it.
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    strict = context.new_page()
    console = []
    strict.on("console", lambda message: console.append(message.text))
    strict.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    strict.goto(live_server.url + reverse("accounts:login"))
    strict.get_by_label("E-mail").fill(sekretariat.email)
    strict.get_by_label("Adgangskode").fill(factories.PASSWORD)
    strict.get_by_role("button", name="Log ind").click()
    strict.wait_for_load_state("load")

    response = strict.goto(
        live_server.url + reverse("statistics:district", args=[nordjylland.slug])
    )
    strict.wait_for_function(f"document.querySelectorAll({CHARTS!r}).length === 4", timeout=20_000)

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert strict.evaluate("window.cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_page_without_statistics_explains_how_to_import_and_passes_axe(
    page, sekretariat, nordjylland
):
    sign_in(page, sekretariat)

    page.goto(reverse("statistics:district", args=[nordjylland.slug]))

    assert "kredsraad statistics import" in page.page.locator("main").inner_text()
