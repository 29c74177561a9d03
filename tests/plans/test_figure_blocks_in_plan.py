"""Crime-figure blocks in a plan: the secretariat chooses a crime-trend section's figures on its
edit page, with a preview; a plan may hold several blocks; each is frozen at publication, and
the notice of what newer data would change covers every block."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.document import crime_sections, plan_content
from kredsraad.plans.models import PlanSection, PlanVersion
from kredsraad.publishing.documents.blocks import Table
from kredsraad.publishing.documents.plan import crime_figures
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row
from tests.plans.conftest import approved

FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")
VIOLENCE_TYPES = {"offences": ["1252", "1255"], "areas": ["851", "860"], "unit": "per_1000"}


def put(cells, *, table=STRAF11, fetched_at=FETCHED) -> None:
    rows = [Row(table, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=table, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=fetched_at,
    )


@pytest.fixture
def figures(db):
    """Violence (12) in every municipality of Nordjylland, 30 a quarter in 2022 and 20 in 2021
    (K1-K3), and its types 1252 and 1255 in Aalborg and Hjørring; population 100,000 each."""
    importer.load_offence_codes(
        [("12", "Voldsforbrydelser i alt"), ("1252", "Simpel vold"), ("1255", "Alvorligere vold")]
    )
    cells = []
    for year, count in ((2021, 20), (2022, 30)):
        for quarter in (1, 2, 3):
            period = f"{year}K{quarter}"
            cells += [(m, "12", period, count) for m in MUNICIPALITIES]
            cells += [(m, "1252", period, count // 2) for m in ("851", "860")]
            cells += [(m, "1255", period, count // 5) for m in ("851", "860")]
    put(cells)
    put([(m, "", f"{y}K1", 100_000) for m in ("851", "860") for y in (2021, 2022)], table=FOLK1A)


def crime_section(plan) -> PlanSection:
    return plan.sections.get(kind=PlanSection.Kind.CRIME_TRENDS)


def add_block(plan, title, options, *, by) -> PlanSection:
    """A further crime-trend section at the end of the plan, its figures chosen."""
    section = actions.add_section(
        plan, title=title, body="", kind=PlanSection.Kind.CRIME_TRENDS, by=by
    )
    return actions.update_section(
        section, expected_version=section.version, figure_options=options, by=by
    )


def aalborg(figures: dict) -> dict:
    """Aalborg's row of simple violence."""
    return next(row for row in figures["offences"][0]["areas"] if row["area"] == "851")


def form_data(section, **choice) -> dict:
    return {"title": section.title, "body": section.body, "version": section.version} | choice


# The edit page -----------------------------------------------------------------------------------


def test_secretariat_sees_the_choice_and_a_preview_on_the_section_page(
    client, sekretariat, plan_2023, figures
):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:section_edit", args=[crime_section(plan_2023).pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="1252"' in html and 'value="politikreds:1"' in html
    assert "Vis forhåndsvisning" in html
    assert (
        "I de første tre kvartaler af 2022 blev der anmeldt 810 voldsforbrydelser i "
        "Nordjyllands Politikreds, 50,0 % flere end i samme periode af 2021."
    ) in html


def test_secretariat_previews_a_choice_without_saving_it(client, sekretariat, plan_2023, figures):
    section = crime_section(plan_2023)
    client.force_login(sekretariat)

    response = client.post(
        reverse("plans:section_edit", args=[section.pk]),
        form_data(section, forhaandsvis="1", **VIOLENCE_TYPES),
    )

    assert response.status_code == 200
    assert (
        "I de første tre kvartaler af 2022 blev der anmeldt 0,45 tilfælde af simpel vold "
        "(straffelovens § 244) pr. 1.000 indbyggere i Aalborg, 50,0 % flere end i samme periode "
        "af 2021."
    ) in response.content.decode()
    stored = PlanSection.objects.get(pk=section.pk)
    assert (stored.options, stored.version) == ({}, section.version)


def test_secretariat_saves_a_block_of_violence_types_per_1000(
    client, sekretariat, plan_2023, figures
):
    section = crime_section(plan_2023)
    client.force_login(sekretariat)

    response = client.post(
        reverse("plans:section_edit", args=[section.pk]),
        form_data(section, offences=["1252", "1255"], areas=["0851", "860"], unit="per_1000"),
    )

    assert response.status_code == 302
    assert PlanSection.objects.get(pk=section.pk).options == VIOLENCE_TYPES
    page = client.get(plan_2023.get_absolute_url()).content.decode()
    assert "pr. 1.000 indbyggere i Aalborg" in page
    assert "<caption>Simpel vold (straffelovens § 244) pr. 1.000 indbyggere" in page


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"offences": ["9999"]}, "Overtrædelseskoden 9999 findes ikke i statistikken."),
        ({"other_areas": ["751"]}, "Kommunen Aarhus (751) ligger ikke i Nordjyllands Politikreds"),
        ({"period": "2022K9"}, "Perioden »2022K9« kan ikke læses"),
        ({"unit": "per_100"}, "Enheden »per_100« findes ikke; vælg antal eller pr. 1.000"),
    ],
)
def test_a_bad_choice_on_the_page_is_refused_in_danish_and_nothing_is_saved(
    client, sekretariat, plan_2023, figures, choice, message
):
    section = crime_section(plan_2023)
    client.force_login(sekretariat)

    response = client.post(
        reverse("plans:section_edit", args=[section.pk]),
        form_data(section, **({"unit": "count", "title": "Ny titel"} | choice)),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    stored = PlanSection.objects.get(pk=section.pk)
    assert (stored.title, stored.options, stored.version) == (
        section.title,
        {},
        section.version,
    )


def test_the_action_refuses_bad_options_and_saves_nothing(sekretariat, plan_2023, figures):
    section = crime_section(plan_2023)
    section.title = "Ny titel"

    with pytest.raises(ValidationError) as refused:
        actions.update_section(
            section,
            expected_version=section.version,
            figure_options={"areas": ["999"]},
            by=sekretariat,
        )

    assert refused.value.message_dict == {"areas": ["Områdekoden 999 findes ikke i statistikken."]}
    stored = PlanSection.objects.get(pk=section.pk)
    assert (stored.title, stored.options) == ("Kriminalitetsudviklingen", {})


def test_a_text_section_takes_no_figure_options(sekretariat, plan_2023, figures):
    section = PlanSection.objects.create(plan=plan_2023, position=99, title="Indledning")

    with pytest.raises(ValidationError) as refused:
        actions.update_section(
            section, expected_version=section.version, figure_options={}, by=sekretariat
        )

    assert refused.value.messages == ["Kun et afsnit med kriminalitetstal kan vælge tal."]


def test_another_districts_secretariat_cannot_open_the_block(
    client, sekretariat_midtvest, plan_2023, figures
):
    client.force_login(sekretariat_midtvest)

    response = client.get(reverse("plans:section_edit", args=[crime_section(plan_2023).pk]))

    assert response.status_code == 404


# Several blocks ----------------------------------------------------------------------------------


def test_two_blocks_are_both_frozen_at_publication(sekretariat, kredsraad_nord, plan_2023, figures):
    add_block(plan_2023, "Vold i Aalborg og Hjørring", VIOLENCE_TYPES, by=sekretariat)
    approved(plan_2023, sekretariat, kredsraad_nord)

    version = actions.publish_plan(plan_2023, by=sekretariat)
    put([("851", "1252", "2022K2", 25), ("851", "12", "2022K2", 40)])

    version = PlanVersion.objects.get(pk=version.pk)
    default, chosen = (s["generated"] for s in crime_sections(version.content))
    assert default["offences"][0]["district"]["value"] == 810
    assert "choice" not in default
    assert chosen["choice"] == VIOLENCE_TYPES
    assert aalborg(chosen)["value"] == 45  # 15 a quarter before the revision
    assert "0,45 tilfælde af simpel vold (straffelovens § 244) pr. 1.000" in version.html
    live = [s["generated"] for s in crime_sections(plan_content(plan_2023))]
    assert aalborg(live[1])["value"] == 55


def test_editor_sees_what_newer_data_would_change_in_each_block(
    client, sekretariat, kredsraad_nord, plan_2023, figures
):
    block = add_block(plan_2023, "Vold i Aalborg og Hjørring", VIOLENCE_TYPES, by=sekretariat)
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    client.force_login(sekretariat)
    assert client.get(plan_2023.get_absolute_url()).context["figure_changes"] == []

    put([("851", "1252", "2022K2", 25), ("851", "12", "2022K2", 40)])  # 15 and 30 before

    response = client.get(plan_2023.get_absolute_url())

    first = crime_section_number(plan_2023)
    assert response.context["figure_changes"] == [
        f"{first} Kriminalitetsudviklingen: Voldsforbrydelser, Aalborg: 90 → 100",
        f"{first} Kriminalitetsudviklingen: Voldsforbrydelser, Nordjyllands Politikreds: 810 → 820",
        f"{number_of(plan_2023, block)} Vold i Aalborg og Hjørring: Simpel vold (straffelovens "
        "§ 244), Aalborg: 45 → 55",
    ]


def crime_section_number(plan) -> str:
    return number_of(plan, crime_section_default(plan))


def crime_section_default(plan) -> PlanSection:
    return plan.sections.filter(kind=PlanSection.Kind.CRIME_TRENDS).order_by("pk").first()


def number_of(plan, section) -> str:
    content = plan_content(plan)
    return next(s["number"] for s in crime_sections(content) if s["id"] == section.pk)


def test_the_notice_uses_the_frozen_choice_after_the_block_is_changed(
    client, sekretariat, kredsraad_nord, plan_2023, figures
):
    """A block whose choice changed after publication is still compared on what was frozen."""
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    actions.start_correction(plan_2023, by=sekretariat)
    section = crime_section(plan_2023)
    actions.update_section(
        section, expected_version=section.version, figure_options=VIOLENCE_TYPES, by=sekretariat
    )
    client.force_login(sekretariat)

    put([("851", "12", "2022K2", 40)])

    changes = client.get(plan_2023.get_absolute_url()).context["figure_changes"]
    assert changes == [
        "Voldsforbrydelser, Aalborg: 90 → 100",
        "Voldsforbrydelser, Nordjyllands Politikreds: 810 → 820",
    ]


@pytest.mark.parametrize("cached", [True, False])
def test_plan_page_query_count_is_constant_with_1_and_3_blocks(
    client, sekretariat, plan_2023, figures, cached
):
    """Every block of a plan is read together: a cached block costs no query, and the blocks
    not in the cache are computed in one batch of queries however many they are. So the page's
    queries do not grow with its blocks, cached or not."""
    client.force_login(sekretariat)
    url = plan_2023.get_absolute_url()
    section = crime_section(plan_2023)
    actions.update_section(
        section,
        expected_version=section.version,
        figure_options={"offences": ["12"], "areas": ["politikreds:1", "000"]},
        by=sekretariat,
    )
    client.get(url)
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as one:
        one_html = client.get(url).content.decode()
    add_block(plan_2023, "Vold i Aalborg", {"offences": ["1252"], "areas": ["851"]}, by=sekretariat)
    add_block(plan_2023, "Vold pr. 1.000", VIOLENCE_TYPES, by=sekretariat)
    client.get(url)
    if not cached:
        cache.clear()

    with CaptureQueriesContext(connection) as three:
        three_html = client.get(url).content.decode()

    tables = 'class="table table--compact plan-figures"'
    assert (one_html.count(tables), three_html.count(tables)) == (1, 4)
    assert len(three.captured_queries) == len(one.captured_queries)


def test_a_rolled_over_block_keeps_its_choice_a_year_on(
    sekretariat, kredsraad_nord, plan_2023, figures
):
    section = crime_section(plan_2023)
    choice = VIOLENCE_TYPES | {"period": "2022K1-2022K3", "baseline": "2021K1-2021K3"}
    actions.update_section(
        section, expected_version=section.version, figure_options=choice, by=sekretariat
    )
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)

    plan_2024 = actions.roll_over(plan_2023, by=sekretariat)

    assert crime_section(plan_2024).options == VIOLENCE_TYPES | {
        "period": "2023K1-2023K3",
        "baseline": "2022K1-2022K3",
    }


def test_the_printed_plan_shows_a_chosen_block_with_its_own_columns(plan_2023, figures):
    content = plan_content(plan_2023)
    section = crime_section(plan_2023)
    section.options = VIOLENCE_TYPES
    section.save()

    data = crime_sections(plan_content(plan_2023))[0]["generated"]
    tables = [block for block in crime_figures(data) if isinstance(block, Table)]

    assert crime_sections(content)[0]["generated"]["offences"][0]["code"] == "12"
    assert [t.caption.split(" pr. ")[0] for t in tables] == [
        "Simpel vold (straffelovens § 244)",
        "Alvorligere vold (straffelovens § 245)",
    ]
    assert tables[0].head == data["columns"]
    assert [row[0] for row in tables[0].rows] == ["Hjørring", "Aalborg"]  # Danish order
    assert tables[0].rows[1][1:] == ["0,45", "0,30", "+50,0 %", "45"]
