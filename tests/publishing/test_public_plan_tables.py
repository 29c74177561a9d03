"""The public plan on a phone: every table of the plan document scrolls inside its own region
(DKFDS .table--responsive-scroll), which a keyboard can focus, so the page stays 375 px wide."""

from html.parser import HTMLParser

from django.urls import reverse

from kredsraad.plans import actions
from tests import factories
from tests.plans.conftest import approved
from tests.plans.test_crime_trends_section import violence_figures  # noqa: F401  (fixture)

VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr", "col", "area", "base"}


class Tables(HTMLParser):
    """Each <table> inside the plan document, with the attributes of its nearest wrapping div."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.tables: list[dict | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_document = any("plan-document" in (a.get("class") or "") for _, a in self.stack)
        if tag == "table" and in_document:
            divs = [a for t, a in self.stack if t == "div"]
            self.tables.append(divs[-1] if divs else None)
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def test_visitor_on_a_phone_scrolls_each_plan_table_in_its_own_focusable_region(
    client,
    plan_2023,
    sekretariat,
    kredsraad_nord,
    lokalraad_laesoe,
    politi_nord,
    violence_figures,  # noqa: F811
):
    chair = factories.person(title="Politidirektør", organisation=politi_nord, name="Lise Holm")
    factories.membership(kredsraad_nord, chair)
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    url = reverse("publishing:public_plan", args=[plan_2023.district.slug, plan_2023.uuid])

    parser = Tables()
    parser.feed(client.get(url).content.decode())

    for wrapper in parser.tables:
        assert wrapper is not None
        assert "table--responsive-scroll" in wrapper.get("class", "")
        assert wrapper.get("tabindex") == "0"
        assert wrapper.get("role") == "region"
    labels = [wrapper["aria-label"] for wrapper in parser.tables]
    assert kredsraad_nord.name in labels
    assert "Lokalrådenes handleplaner" in labels
    assert any(label.startswith("Voldsforbrydelser pr. kommune") for label in labels)
