"""The plan's crime-trend section: live figures in a draft, frozen on publication, a notice for
editors when newer data would change a published figure, small counts hidden in what is
published, and a note when no statistics are imported."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kredsraad.demo.statistics import load_statistics, shared_data
from kredsraad.plans import actions
from kredsraad.plans.document import plan_content
from kredsraad.plans.models import CooperationPlan, PlanVersion
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Area, Dataset
from kredsraad.statistics.periods import DASH
from kredsraad.statistics.rows import STRAF11, Parsed, Row
from tests.plans.conftest import approved

MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")
FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


def put(cells, *, fetched_at=FETCHED) -> None:
    """Cells (area, offence, period, value), imported as a file would be."""
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=fetched_at,
    )


@pytest.fixture
def violence_figures(db):
    """Violence in 2021K1-K3 and 2022K1-K3: 20 a quarter in each of Nordjylland's
    municipalities in 2021 and 30 in 2022, Læsø 1 in each; the country 1,000 and 1,200."""
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    cells = []
    for year, count, country in ((2021, 20, 1000), (2022, 30, 1200)):
        for quarter in (1, 2, 3):
            period = f"{year}K{quarter}"
            cells += [(c, "12", period, 1 if c == "825" else count) for c in MUNICIPALITIES]
            cells.append(("000", "12", period, country))
    put(cells)


def crime_section(content: dict) -> dict:
    return next(s for s in content["sections"] if s["kind"] == "crime_trends")["generated"]


@pytest.mark.usefixtures("straf11_hidden")
def test_draft_shows_the_paragraph_table_and_source(
    client, sekretariat, plan_2023, violence_figures
):
    # 8 municipalities x 30 x 3 + Læsø's 3 = 723 against 8 x 20 x 3 + 3 = 483: 49,7 % more;
    # the country 3,600 against 3,000: 20 %.
    client.force_login(sekretariat)

    response = client.get(plan_2023.get_absolute_url())

    html = response.content.decode()
    assert (
        "<p>I de første tre kvartaler af 2022 blev der anmeldt 723 voldsforbrydelser i "
        "Nordjyllands Politikreds, 49,7 % flere end i samme periode af 2021. På landsplan var "
        "stigningen 20,0 %.</p>"
    ) in html
    assert (
        f"<caption>Voldsforbrydelser pr. kommune, 1.{DASH}3. kvartal 2022 mod 1.{DASH}3. kvartal "
        "2021</caption>"
    ) in html
    assert f'<th scope="row">Læsø</th><td>under 5</td><td>under 5</td><td>{DASH}</td>' in html
    assert '<th scope="row">Nordjyllands Politikreds</th><td>723</td><td>483</td>' in html
    assert "Kilde: Danmarks Statistik, STRAF11, hentet 25. november 2026" in html


def test_without_statistics_the_draft_says_how_to_import(client, sekretariat, plan_2023):
    client.force_login(sekretariat)

    response = client.get(plan_2023.get_absolute_url())

    html = response.content.decode()
    assert "Der er endnu ikke indlæst tal fra Danmarks Statistik." in html
    assert "kredsraad statistics import FIL" in html


def test_published_without_statistics_the_version_says_so_and_no_how_to(
    sekretariat, kredsraad_nord, plan_2023
):
    approved(plan_2023, sekretariat, kredsraad_nord)

    version = actions.publish_plan(plan_2023, by=sekretariat)

    assert "Planen blev offentliggjort uden tal fra Danmarks Statistik." in version.html
    assert "kredsraad statistics import" not in version.html


def test_published_version_keeps_its_figures_when_a_figure_is_revised(
    client, sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    version = actions.publish_plan(plan_2023, by=sekretariat)
    frozen_content, frozen_html = version.content, version.html

    put([("851", "12", "2022K2", 44)], fetched_at=FETCHED + datetime.timedelta(days=90))

    version = PlanVersion.objects.get(pk=version.pk)
    assert (version.content, version.html) == (frozen_content, frozen_html)
    district = crime_section(version.content)["offences"][0]["district"]
    assert district["value"] == 723


def test_editor_sees_what_newer_data_would_change_in_the_published_figures(
    client, sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    client.force_login(sekretariat)
    assert client.get(plan_2023.get_absolute_url()).context["figure_changes"] == []

    put([("851", "12", "2022K2", 44)])  # 30 before: 14 more

    response = client.get(plan_2023.get_absolute_url())

    assert response.context["figure_changes"] == [
        "Voldsforbrydelser, Aalborg: 90 → 104",
        "Voldsforbrydelser, Nordjyllands Politikreds: 723 → 737",
    ]
    html = response.content.decode()
    assert "Nyere tal ville ændre kriminalitetstallene i version 1" in html
    assert "<li>Voldsforbrydelser, Nordjyllands Politikreds: 723 → 737</li>" in html


def test_correction_draft_shows_the_notice_and_publishes_the_new_figures(
    client, sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    put([("851", "12", "2022K2", 44)])
    actions.start_correction(plan_2023, by=sekretariat)
    client.force_login(sekretariat)

    draft = client.get(plan_2023.get_absolute_url())

    assert (
        "Voldsforbrydelser, Nordjyllands Politikreds: 723 → 737" in draft.context["figure_changes"]
    )
    assert "Offentliggøres rettelsen, kommer de nye tal med" in draft.content.decode()

    second = actions.publish_plan(plan_2023, change_note="Reviderede tal", by=sekretariat)

    first = plan_2023.versions.get(number=1)
    assert crime_section(first.content)["offences"][0]["district"]["value"] == 723
    assert crime_section(second.content)["offences"][0]["district"]["value"] == 737
    assert client.get(plan_2023.get_absolute_url()).context["figure_changes"] == []


def test_reader_who_cannot_edit_gets_no_notice(
    client, raadsmedlem, sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    put([("851", "12", "2022K2", 44)])
    client.force_login(raadsmedlem)

    response = client.get(plan_2023.get_absolute_url())

    assert response.context["figure_changes"] == []
    assert "Nyere tal ville ændre" not in response.content.decode()


@pytest.mark.usefixtures("straf11_hidden")
def test_published_version_holds_no_small_count(
    sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)

    version = actions.publish_plan(plan_2023, by=sekretariat)

    laesoe = next(
        r
        for r in crime_section(version.content)["offences"][0]["municipalities"]
        if r["name"] == "Læsø"
    )
    assert {k: laesoe[k] for k in ("value", "baseline", "change", "rate")} == dict.fromkeys(
        ("value", "baseline", "change", "rate")
    )
    assert '<th scope="row">Læsø</th><td>under 5</td><td>under 5</td>' in version.html
    # Læsø's 3 would be the district's 723 less the other eight's 720: one more is hidden.
    assert version.html.count("<td>skjult</td>") == 2


def test_threshold_setting_reaches_the_published_version(
    settings, sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 3
    approved(plan_2023, sekretariat, kredsraad_nord)

    version = actions.publish_plan(plan_2023, by=sekretariat)

    assert '<th scope="row">Læsø</th><td>3</td><td>3</td>' in version.html
    assert "under 3" not in version.html


def test_plan_page_query_count_does_not_grow_with_municipalities(
    client, sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    client.force_login(sekretariat)
    url = plan_2023.get_absolute_url()
    # Three municipalities in the district's statistics …
    Area.objects.filter(code__in=MUNICIPALITIES[3:]).update(district=None)
    client.get(url)
    cache.clear()  # the figures are cached by the data's newest import, which stays the same
    with CaptureQueriesContext(connection) as three:
        three_html = client.get(url).content.decode()
    # … and all nine.
    Area.objects.filter(code__in=MUNICIPALITIES[3:]).update(district=kredsraad_nord.district)
    cache.clear()

    with CaptureQueriesContext(connection) as nine:
        nine_html = client.get(url).content.decode()

    assert three_html.count('<th scope="row">') + 6 == nine_html.count('<th scope="row">')
    assert len(nine.captured_queries) == len(three.captured_queries)


def test_another_districts_plan_is_not_found(client, sekretariat, plan_midtvest, violence_figures):
    client.force_login(sekretariat)

    response = client.get(plan_midtvest.get_absolute_url())

    assert response.status_code == 404


def test_live_content_follows_the_data_until_publication(
    sekretariat, kredsraad_nord, plan_2023, violence_figures
):
    approved(plan_2023, sekretariat, kredsraad_nord)
    before = crime_section(plan_content(plan_2023))

    put([("851", "12", "2022K2", 44)])

    after = crime_section(plan_content(plan_2023))
    assert before["offences"][0]["district"]["value_text"] == "723"
    assert after["offences"][0]["district"]["value_text"] == "737"
    assert before["fingerprint"] != after["fingerprint"]


# The demo ----------------------------------------------------------------------------------------


def test_demo_2023_plan_is_published_with_the_real_figures_frozen(db):
    if shared_data() is None:
        pytest.skip("../shared/data findes ikke")

    call_command("demo", "--quiet")

    plan = CooperationPlan.objects.get(district__code=1, year=2023)
    figures = crime_section(plan.versions.get(number=1).content)
    assert (figures["period"], figures["baseline"]) == ("2022K1-2022K3", "2021K1-2021K3")
    assert figures["paragraphs"][0].startswith(
        "I de første tre kvartaler af 2022 blev der anmeldt 1.958 voldsforbrydelser i "
        "Nordjyllands Politikreds, 73,1 % flere end i samme periode af 2021."
    )
    assert load_statistics(shared_data()).endswith("er allerede indlæst (STRAF11, FOLK1A).")
