"""Every kind of page on the demo's public site, reached as a visitor does, by following links
from the list of districts, and checked with axe-core (EN 301 549)."""

import re
from collections import Counter

import pytest
from django.core.management import call_command

SLUG = "nordjyllands-politi"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Feeds, calendars and open-data files are not pages.
NOT_PAGES = re.compile(r"\.(atom|ics|csv|json)$")


@pytest.mark.django_db(transaction=True)
def test_visitor_walks_every_kind_of_public_page_and_each_passes_axe(page):
    call_command("demo", "--quiet")
    p = page.page
    # Two pages of each shape (an upcoming meeting and one with approved minutes, say).
    per_shape = Counter()
    queue, seen = ["/offentlig/"], {"/offentlig/"}

    while queue:
        path = queue.pop(0)
        page.goto(path)
        hrefs = p.eval_on_selector_all(
            "main a[href], nav a[href]", "els => els.map(a => a.pathname)"
        )
        for href in hrefs:
            inside = href.startswith(f"/offentlig/{SLUG}/") or href == "/offentlig/"
            shape = UUID.sub("<uuid>", href)
            if not inside or NOT_PAGES.search(href) or href in seen or per_shape[shape] >= 2:
                continue
            seen.add(href)
            per_shape[shape] += 1
            queue.append(href)

    shapes = {UUID.sub("<uuid>", path) for path in seen}
    assert {
        f"/offentlig/{SLUG}/planer/<uuid>/",
        f"/offentlig/{SLUG}/handleplaner/<uuid>/",
        f"/offentlig/{SLUG}/indsatser/<uuid>/",
        f"/offentlig/{SLUG}/moeder/<uuid>/",
        f"/offentlig/{SLUG}/statistik/",
        f"/offentlig/{SLUG}/data/",
    } <= shapes
