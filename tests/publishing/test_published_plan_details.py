"""The published plan lists, for each initiative, what the printed plans list: its tovholder,
its partners, its coming milestones and its goals, on the web, in the PDF and the Word file, in
the JSON API and in open data; each goal as the version froze it, with its data date."""

import copy
import datetime
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kredsraad.goals import actions as goal_actions
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.document import focus_areas_of, plan_content
from kredsraad.plans.models import PlanVersion
from kredsraad.publishing import publicity
from kredsraad.publishing.models import Kind
from tests import factories
from tests.plans.conftest import approved
from tests.publishing.test_documents import built, docx_text, pdf_text

DONE = "Kick-off med natteravnene"
BEFORE_THE_YEAR = "Forundersøgelse i 2022"
RESULT = "Internt resultat af forundersøgelsen"


@pytest.fixture
def partners(nordjylland):
    # Danish order puts Æ, Ø and Å last, in that order; code-point order would put Å first.
    return [
        factories.organisation(name, district=nordjylland)
        for name in ("Åbybro Idrætsforening", "Ældre Sagen", "Brønderslev Kommune")
    ]


@pytest.fixture
def nightlife(plan_2023, nordjylland, politi_nord, partners):
    """An initiative of the plan's first focus area with three partners, two coming
    milestones, one reached and one due before the plan's year."""
    area = plan_2023.focus_areas.order_by("position").first()
    initiative = factories.initiative(
        "Tryg i nattelivet",
        district=nordjylland,
        lead=politi_nord,
        partners=partners,
        focus_areas=[area],
    )
    factories.milestone(
        initiative,
        "Afrapportering til kredsrådet",
        kind="report",
        due_date=datetime.date(2023, 9, 30),
    )
    factories.milestone(initiative, "Evaluering af forsøget", due_quarter="2023K2")
    factories.milestone(
        initiative,
        DONE,
        kind="decision",
        due_date=datetime.date(2023, 3, 1),
        done_on=datetime.date(2023, 2, 20),
        result=RESULT,
    )
    factories.milestone(initiative, BEFORE_THE_YEAR, due_quarter="2022K4")
    return initiative


def goal_entry(**values) -> dict:
    """A goal as kredsraad.goals.content freezes it in a plan's content."""
    return {
        "id": 9001,
        "statement": "Færre indbrud i beboelser i 2025 end i 2022",
        "direction": "down",
        "direction_label": "Ned",
        "target": "850",
        "target_text": "850 anmeldelser",
        "unit": "count",
        "unit_label": "Antal",
        "baseline_period": "2022",
        "baseline_label": "2022",
        "baseline_value": "1045",
        "baseline_text": "1.045",
        "deadline": "2025",
        "deadline_label": "2025",
        "source": "statistics",
        "indicator": "Indbrud i beboelser (1320), Nordjyllands Politi, antal anmeldelser",
        "latest_period": "2023K1-2023K3",
        "latest_label": "1.\u20133. kvartal 2023",
        "latest_value": "790",
        "latest_text": "790",
        "progress": "on_track",
        "progress_label": "På vej",
        "data_date": "2024-01-15",
        "contributes_to": None,
        **values,
    }


def published_with_goals(plan, sekretariat, kredsraad) -> PlanVersion:
    """Publish the plan, then freeze a second version whose content holds a goal on the first
    focus area and one without data on each initiative, as kredsraad.goals puts them in."""
    approved(plan, sekretariat, kredsraad)
    first = plan_actions.publish_plan(plan, by=sekretariat)
    content = copy.deepcopy(first.content)
    for area in focus_areas_of_content(content):
        area["goals"] = [goal_entry(id=9000 + area["id"])]
        for initiative in area["initiatives"]:
            initiative["goals"] = [
                goal_entry(
                    id=9500,
                    statement="Flere unge kender natteravnene",
                    source="reported",
                    latest_period=None,
                    latest_label=None,
                    latest_value=None,
                    latest_text="ingen data",
                    progress="no_data",
                    progress_label="Ingen data",
                    data_date=None,
                )
            ]
    with translation.override("da"):
        html = render_to_string("plans/_document.html", {"document": content})
    return PlanVersion.objects.create(
        plan=plan,
        number=2,
        published_by=sekretariat,
        published_at=timezone.now(),
        change_note="Målene er tilføjet.",
        content=content,
        html=html,
    )


def focus_areas_of_content(content: dict) -> list[dict]:
    return list(focus_areas_of(content).values())


# The content -----------------------------------------------------------------------------------


def test_plan_lists_each_initiatives_lead_partners_in_danish_order_and_coming_milestones(
    nightlife, plan_2023
):
    with translation.override("da"):
        content = plan_content(plan_2023)

    entry = focus_areas_of_content(content)[0]["initiatives"][0]
    assert entry["lead"] == nightlife.lead_organisation.name
    assert entry["partners"] == ["Brønderslev Kommune", "Ældre Sagen", "Åbybro Idrætsforening"]
    assert entry["milestones"] == [
        {
            "title": "Evaluering af forsøget",
            "kind": "evaluation",
            "kind_label": "Evaluering",
            "due": "2023K2",
            "due_label": "2. kvartal 2023",
        },
        {
            "title": "Afrapportering til kredsrådet",
            "kind": "report",
            "kind_label": "Afrapportering til rådet",
            "due": "2023-09-30",
            "due_label": "30. september 2023",
        },
    ]


def test_published_content_holds_only_what_the_public_may_read_of_initiatives(
    nightlife, plan_2023, sekretariat, kredsraad_nord
):
    approved(plan_2023, sekretariat, kredsraad_nord)

    version = plan_actions.publish_plan(plan_2023, by=sekretariat)

    for area in focus_areas_of_content(version.content):
        for initiative in area["initiatives"]:
            assert set(initiative) <= set(publicity.PLAN_INITIATIVE_KEYS)
            for milestone in initiative["milestones"]:
                assert set(milestone) <= set(publicity.PLAN_MILESTONE_KEYS)
    frozen = json.dumps(version.content, ensure_ascii=False) + version.html
    assert RESULT not in frozen
    assert DONE not in frozen
    assert BEFORE_THE_YEAR not in frozen


# The public plan, the PDF and the Word file ------------------------------------------------------


def test_visitor_reads_partners_coming_milestones_and_frozen_goals_on_the_public_plan(
    client, nightlife, plan_2023, sekretariat, kredsraad_nord
):
    published_with_goals(plan_2023, sekretariat, kredsraad_nord)
    url = reverse("publishing:public_plan", args=[plan_2023.district.slug, plan_2023.uuid])

    page = client.get(url).content.decode()

    assert "Samarbejdspartnere" in page
    assert "Brønderslev Kommune, Ældre Sagen, Åbybro Idrætsforening" in page
    assert "Evaluering af forsøget" in page
    assert "2. kvartal 2023" in page
    assert DONE not in page
    assert BEFORE_THE_YEAR not in page
    assert "Færre indbrud i beboelser i 2025 end i 2022" in page
    assert "790" in page and "På vej" in page
    assert "Flere unge kender natteravnene" in page and "Ingen data" in page


def test_pdf_and_word_show_partners_coming_milestones_and_goals_with_frozen_values(
    nightlife, plan_2023, sekretariat, kredsraad_nord
):
    version = published_with_goals(plan_2023, sekretariat, kredsraad_nord)

    files = built(Kind.PLAN, version)

    pdf = " ".join(pdf_text(files[("public", "pdf")]).split())
    word = docx_text(files[("public", "docx")])
    for text in (pdf, word):
        assert "Tovholder: Nordjyllands Politi" in text
        assert "Samarbejdspartnere: Brønderslev Kommune, Ældre Sagen, Åbybro Idrætsforening" in text
        assert "Milepæl: Evaluering af forsøget (evaluering, 2. kvartal 2023)" in text
        assert (
            "Milepæl: Afrapportering til kredsrådet (afrapportering til rådet, 30. september 2023)"
            in text
        )
        assert DONE not in text
        assert BEFORE_THE_YEAR not in text
        assert (
            "Mål: Færre indbrud i beboelser i 2025 end i 2022. Mål for 2025: 850 anmeldelser. "
            "Seneste: 790 (1.\u20133. kvartal 2023). Fremdrift: På vej. Data pr. 15. januar 2024."
        ) in text
        assert "Seneste: ingen data. Fremdrift: Ingen data." in text


# The JSON API and open data --------------------------------------------------------------------


def test_visitor_reads_partners_milestones_and_frozen_goals_in_the_api(
    client, nightlife, plan_2023, sekretariat, kredsraad_nord
):
    published_with_goals(plan_2023, sekretariat, kredsraad_nord)

    found = client.get(f"/api/plans/{plan_2023.uuid}/").json()

    area = found["focus_areas"][0]
    assert area["goals"][0]["latest_value"] == "790"
    assert area["goals"][0]["progress"] == "on_track"
    assert area["goals"][0]["data_date"] == "2024-01-15"
    initiative = area["initiatives"][0]
    assert initiative["uuid"] == str(nightlife.uuid)
    assert initiative["lead"] == "Nordjyllands Politi"
    assert initiative["partners"] == [
        "Brønderslev Kommune",
        "Ældre Sagen",
        "Åbybro Idrætsforening",
    ]
    assert [m["title"] for m in initiative["milestones"]] == [
        "Evaluering af forsøget",
        "Afrapportering til kredsrådet",
    ]
    assert initiative["goals"][0]["latest_value"] is None
    assert initiative["goals"][0]["latest_text"] == "ingen data"
    assert RESULT not in json.dumps(found, ensure_ascii=False)


def test_open_data_lists_the_goals_as_the_current_version_froze_them(
    client, nightlife, plan_2023, sekretariat, kredsraad_nord
):
    published_with_goals(plan_2023, sekretariat, kredsraad_nord)
    slug = plan_2023.district.slug

    data = client.get(f"/offentlig/{slug}/data/maal.json").json()["data"]
    csv = client.get(f"/offentlig/{slug}/data/maal.csv").content.decode("utf-8-sig")

    area_goal, initiative_goal = data[0], data[1]
    assert (area_goal["indsats"], area_goal["version"]) == ("", 2)
    assert area_goal["seneste_vaerdi"] == 790
    assert area_goal["fremdrift"] == "På vej"
    assert area_goal["data_dato"] == "2024-01-15"
    assert initiative_goal["indsats"] == "Tryg i nattelivet"
    assert initiative_goal["seneste_vaerdi"] is None
    assert initiative_goal["fremdrift"] == "Ingen data"
    assert ";790;På vej;2024-01-15;" in csv


# Query counts ----------------------------------------------------------------------------------


def _initiatives(n, *, plan, nordjylland, lead, partners):
    area = plan.focus_areas.order_by("position").first()
    for index in range(n):
        initiative = factories.initiative(
            f"Indsats {index}",
            district=nordjylland,
            lead=lead,
            partners=partners,
            focus_areas=[area],
        )
        factories.milestone(initiative, f"Milepæl {index}", due_quarter=f"{plan.year}K3")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_plan_page_query_count_does_not_grow_with_initiatives_partners_and_milestones(
    client, sekretariat, plan_2023, nordjylland, politi_nord, partners
):
    client.force_login(sekretariat)
    url = plan_2023.get_absolute_url()
    _initiatives(1, plan=plan_2023, nordjylland=nordjylland, lead=politi_nord, partners=partners)
    client.get(url)
    cache.clear()  # both counts build the plan's document (plans.kept keeps it otherwise)
    one = _queries(client, url)

    _initiatives(2, plan=plan_2023, nordjylland=nordjylland, lead=politi_nord, partners=partners)
    cache.clear()

    assert _queries(client, url) == one


@pytest.mark.parametrize("path", ["public", "api"])
def test_public_plan_and_api_query_counts_do_not_grow_with_initiatives_and_goals(
    client, sekretariat, kredsraad_nord, plan_2023, nordjylland, politi_nord, partners, path
):
    plan_2024 = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    plan_actions.add_focus_area(
        plan_2024, title="Indbrud", body="", themes=[], responsible=None, by=sekretariat
    )
    counts = []

    for plan, n in ((plan_2023, 1), (plan_2024, 3)):
        _initiatives(n, plan=plan, nordjylland=nordjylland, lead=politi_nord, partners=partners)
        published_with_goals(plan, sekretariat, kredsraad_nord)
        if path == "api":
            url = f"/api/plans/{plan.uuid}/"
        else:
            url = reverse("publishing:public_plan", args=[nordjylland.slug, plan.uuid])
        client.get(url)
        counts.append(_queries(client, url))

    assert counts[0] == counts[1]


# The story, with a real goal -------------------------------------------------------------------

NOTE = "Intern note: kurset i Brønderslev blev aflyst"


def test_published_plan_freezes_a_reported_goal_everywhere_without_its_note(
    client, nightlife, plan_2023, sekretariat, kredsraad_nord, politi_nord
):
    goal = goal_actions.add_goal(
        nightlife,
        by=sekretariat,
        statement="Flere kurser i nabohjælp",
        direction="up",
        target=Decimal(20),
        baseline_period="2022",
        deadline="2025",
        source="reported",
        reported_by=politi_nord,
        reported_unit="kurser",
        unit="count",
    )
    goal_actions.report_value(goal, period="2022", value=Decimal(10), by=sekretariat)
    goal_actions.report_value(goal, period="2023", value=Decimal(14), note=NOTE, by=sekretariat)
    approved(plan_2023, sekretariat, kredsraad_nord)
    version = plan_actions.publish_plan(plan_2023, by=sekretariat)
    # Newer data after publication changes the live plan, never the published one.
    goal_actions.report_value(goal, period="2024", value=Decimal(25), by=sekretariat)

    page = client.get(
        reverse("publishing:public_plan", args=[plan_2023.district.slug, plan_2023.uuid])
    ).content.decode()
    api = client.get(f"/api/plans/{plan_2023.uuid}/").json()
    files = built(Kind.PLAN, version)
    pdf = " ".join(pdf_text(files[("public", "pdf")]).split())

    frozen = api["focus_areas"][0]["initiatives"][0]["goals"][0]
    assert (frozen["latest_value"], frozen["progress"]) == ("14", "on_track")
    assert frozen["data_date"] == timezone.localdate().isoformat()
    assert "Flere kurser i nabohjælp" in page and "På vej" in page
    latest = f"{frozen['latest_text']} ({frozen['latest_label']})"
    assert f"Seneste: {latest}. Fremdrift: På vej." in pdf
    for text in (page, json.dumps(api, ensure_ascii=False), pdf):
        assert NOTE not in text
        assert "25 kurser" not in text


def test_demo_plan_lists_its_initiatives_partners_and_coming_milestones(client, demo_version):
    areas = publicity.plan_focus_areas(demo_version.content)
    initiatives = [i for area in areas for i in area["initiatives"]]

    page = client.get(
        reverse(
            "publishing:public_plan",
            args=[demo_version.plan.district.slug, demo_version.plan.uuid],
        )
    ).content.decode()

    assert any(i["partners"] for i in initiatives)
    assert any(i["milestones"] for i in initiatives)
    assert "Samarbejdspartnere" in page and "Kommende milepæle" in page
