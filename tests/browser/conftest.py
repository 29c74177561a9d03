"""Playwright on Debian's chromium (never a downloaded browser), with axe-core from npm.

Every page a browser test visits is checked with axe-core's EN 301 549 rules; a violation fails
the test that visited it.
"""

import json
import os
from importlib import import_module
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kredsraad.councils.models import TargetGroup
from kredsraad.councils.registry import load_registry
from kredsraad.plans.models import Theme
from kredsraad.statistics.registry import load_areas
from kredsraad.statistics.tables import load_known_tables
from tests import factories

# The starting values the migrations create, which a flush between browser tests removes.
STARTING_THEMES = import_module("kredsraad.plans.migrations.0007_themes_as_data").STARTING_THEMES
STARTING_TARGET_GROUPS = import_module(
    "kredsraad.councils.migrations.0006_target_groups_as_data"
).STARTING_TARGET_GROUPS

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _registry(transactional_db):
    """Browser tests commit for real, so the database is emptied after each; the national
    registry, the statistics' areas and known tables, and the starting themes and target groups
    (which the migrations loaded once) are put back before each."""
    load_registry()
    load_areas()
    load_known_tables()
    for position, (code, label) in enumerate(STARTING_THEMES, start=1):
        Theme.objects.get_or_create(code=code, defaults={"label": label, "position": position})
    for position, (code, label) in enumerate(STARTING_TARGET_GROUPS, start=1):
        TargetGroup.objects.get_or_create(
            code=code, defaults={"label": label, "position": position}
        )


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class AxeChecked:
    """Wraps a Playwright page. Tests call `check()` after each navigation; at the end, every
    document the page loaded must have been checked by axe-core."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.loaded: list[str] = []
        self.visited: list[str] = []
        self.expected_statuses: set[int] = set()
        page.on(
            "framenavigated",
            lambda frame: self.loaded.append(frame.url) if frame == page.main_frame else None,
        )

    def goto(self, path: str, *, expect_status: int = 200):
        """Open a page (and check it); an error status must be announced, e.g. a 404."""
        if expect_status >= 400:
            self.expected_statuses.add(expect_status)
        response = self.page.goto(self.base_url + path)
        assert response.status == expect_status
        self.check()
        return response

    def check(self):
        self.page.wait_for_load_state("load")
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['EN-301-549']}})"
        )
        self.visited.append(self.page.url)
        violations = [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        assert violations == [], f"axe-core on {self.page.url}:\n{json.dumps(violations, indent=2)}"


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets the test inject axe-core; the application's own CSP stays strict.
    context = browser.new_context(bypass_csp=True, locale="da-DK", timezone_id="Europe/Copenhagen")
    page = context.new_page()
    errors = []
    checked = AxeChecked(page, live_server.url)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: errors.append(r.status) if r.status >= 400 else None)
    yield checked
    context.close()
    expected = checked.expected_statuses
    unexpected = [
        e
        for e in errors
        if e not in expected and not any(f"status of {code}" in str(e) for code in expected)
    ]
    assert unexpected == [], f"browser errors: {unexpected}"
    unchecked = set(checked.loaded) - set(checked.visited)
    assert not unchecked, f"pages loaded but not checked with axe-core: {unchecked}"


def sign_in(page: AxeChecked, user):
    page.goto("/konto/log-ind/")
    page.page.get_by_label("E-mail").fill(user.email)
    page.page.get_by_label("Adgangskode").fill(factories.PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()
    page.check()


def confirm_step(page: AxeChecked, link: str, *, button: str | None = None, fields=None):
    """Take a step that asks first, as a user does: follow its link, read the confirmation page
    (axe-checked), fill its `fields` ({label: value}) and press its button (`button`, or the
    link's own words)."""
    p = page.page
    p.get_by_role("link", name=link, exact=True).click()
    page.check()
    for label, value in (fields or {}).items():
        p.get_by_label(label).fill(value)
    p.get_by_role("button", name=button or link, exact=True).click()
    page.check()
