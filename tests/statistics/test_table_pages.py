"""The page of any stored table: the analytiker picks a table and a measure and sees the
district, its municipalities and the country, with charts, tables and downloads."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.document import plan_content
from kredsraad.plans.models import PlanSection
from kredsraad.publishing.documents.plan import crime_figures
from tests import factories

from .tables_data import (
    NORDJYLLAND,
    needs_files,
    pedestrians_65,
    store,
    store_population,
    store_uheldk1,
    uheldk1_rows,
)

SLUG = "nordjyllands-politi"
PEDESTRIANS_65 = {
    "tabel": "UHELDK1",
    "UHELD": "*",
    "INDBLAND": "71",
    "ALDER": "6599",
    "KØN": "*",
    "periode": "2022",
}


def url(name="statistics:tables", *args, **query):
    from urllib.parse import urlencode

    path = reverse(name, args=[SLUG, *args])
    return path + ("?" + urlencode(query) if query else "")


@needs_files
def test_analytiker_sees_injured_pedestrians_65_plus_per_1000_by_municipality(client, analytiker):
    store_uheldk1()
    people = store_population()
    expected = pedestrians_65(uheldk1_rows())
    client.force_login(analytiker)

    response = client.get(url(**PEDESTRIANS_65, visning="pr-1000"))

    assert response.status_code == 200
    page = response.context["page"]
    rows = {row[0].text: row for row in page.tables["kommuner"].rows}
    aalborg = expected[("851", "2022")]
    assert rows["Aalborg"][1].value == aalborg
    assert rows["Aalborg"][2].text == f"{aalborg * 1000 / people[('851', 2022)]:.2f}".replace(
        ".", ","
    )
    district = sum(expected[(code, "2022")] for code in NORDJYLLAND)
    assert rows["Nordjyllands Politikreds"][1].value == district
    assert rows["Hele landet"][1].value == expected[("000", "2022")]
    assert page.series.measure.label == "Personskade i alt, Fodgænger, 65 år og derover, alle (køn)"
    assert set(page.charts) == {"perioder", "kommuner"}
    assert "Fodgænger" in response.content.decode()


def test_a_municipality_without_figures_reads_ingen_data_never_0(client, analytiker):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [("851", "2022", 7, key), ("000", "2022", 700, key)])
    client.force_login(analytiker)

    response = client.get(url(**PEDESTRIANS_65, visning="antal"))

    rows = {row[0].text: row for row in response.context["page"].tables["kommuner"].rows}
    assert rows["Læsø"][1].text == "ingen data"
    assert rows["Læsø"][1].value is None
    assert rows["Nordjyllands Politikreds"][1].text == "ingen data"
    assert rows["Aalborg"][1].text == "7"
    assert response.context["page"].notes == [
        "»Alle« i køn er summen af de værdier, der er indlæst; tabellen har ikke selv et i alt."
    ]


def test_analytiker_downloads_the_municipalities_as_csv_and_xlsx(client, analytiker):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [(code, "2022", 3, key) for code in (*NORDJYLLAND, "000")])
    client.force_login(analytiker)

    csv_response = client.get(url("statistics:table_csv", "kommuner", **PEDESTRIANS_65))
    xlsx_response = client.get(url("statistics:table_xlsx", "kommuner", **PEDESTRIANS_65))

    lines = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:2] == ["Område", "Antal, 2022"]
    assert any(line[:2] == ["Aalborg", "3"] for line in lines)
    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Disposition"].endswith('-2022.xlsx"')


def test_a_code_not_in_the_table_is_a_danish_error_and_no_figures(client, analytiker):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [("851", "2022", 3, key)])
    client.force_login(analytiker)

    response = client.get(url(**(PEDESTRIANS_65 | {"INDBLAND": "72"})))
    download = client.get(
        url("statistics:table_csv", "kommuner", **(PEDESTRIANS_65 | {"INDBLAND": "72"}))
    )

    assert response.status_code == 200
    assert not response.context["page"].ready
    assert (
        response.context["page"]
        .form.errors["INDBLAND"][0]
        .startswith("Marker en gyldig valgmulighed. 72")
    )
    assert "72 er ikke en af de tilgængelige valgmuligheder" in response.content.decode()
    assert download.status_code == 400


def test_member_of_another_district_gets_404(client, db):
    midtvest_member = factories.user(
        role="analyst", district=factories.district("midt-og-vestjyllands-politi")
    )
    client.force_login(midtvest_member)

    assert client.get(url()).status_code == 404
    assert client.get(url("statistics:youth")).status_code == 404


def test_without_tables_the_page_says_so(client, analytiker):
    client.force_login(analytiker)

    response = client.get(url())

    assert "Der er ingen tabeller med tal endnu" in response.content.decode()


def test_htmx_swaps_the_results_and_the_form(client, analytiker):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [("851", "2022", 3, key)])
    client.force_login(analytiker)

    response = client.get(url(**PEDESTRIANS_65), headers={"HX-Request": "true"})

    assert 'id="table-page"' in response.content.decode()


@pytest.mark.parametrize("periods", [1, 3])
def test_the_page_costs_the_same_queries_however_many_periods(
    client, analytiker, django_assert_num_queries, periods
):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store(
        "UHELDK1",
        [(code, str(2022 - n), 5, key) for code in (*NORDJYLLAND, "000") for n in range(periods)],
    )
    client.force_login(analytiker)
    client.get(url(**PEDESTRIANS_65))  # the session and the user, once
    cache.clear()  # the figures computed, not the ones kept (tests/scale counts those)

    with django_assert_num_queries(QUERIES):
        client.get(url(**PEDESTRIANS_65))


QUERIES = 13  # session, user, district, the data's state, tables, periods, series (4) …


# Into the plan -------------------------------------------------------------------------------


def test_secretariat_puts_the_measure_from_the_page_in_the_plan_as_a_figure_block(
    client, sekretariat, nordjylland
):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store(
        "UHELDK1",
        [(code, year, 6, key) for code in (*NORDJYLLAND, "000") for year in ("2021", "2022")],
    )
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    section = plan.sections.get(kind=PlanSection.Kind.CRIME_TRENDS)
    client.force_login(sekretariat)
    series = client.get(url(**PEDESTRIANS_65)).context["page"].series_text

    response = client.post(
        reverse("plans:section_edit", args=[section.pk]),
        {"title": section.title, "body": section.body, "version": section.version}
        | {"series": series, "period": "2022", "unit": "count"},
    )

    assert response.status_code == 302
    assert PlanSection.objects.get(pk=section.pk).options == {
        "series": "UHELDK1:UHELD=*;INDBLAND=71;ALDER=6599;KØN=*",
        "period": "2022K1-2022K4",
    }
    page = client.get(plan.get_absolute_url()).content.decode()
    caption = "Personskade i alt, Fodgænger, 65 år og derover, alle (køn) (UHELDK1), 2022 mod 2021"
    assert f"<caption>{caption}</caption>" in page
    figures = plan_content(plan)["sections"]
    data = next(s["generated"] for s in figures if s["id"] == section.pk)
    document = crime_figures(data)  # what the PDF and the Word file are built from
    assert [b.caption for b in document if hasattr(b, "caption")] == [caption]


def test_a_wrong_series_on_the_section_page_is_refused_and_nothing_is_saved(
    client, sekretariat, nordjylland
):
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    section = plan.sections.get(kind=PlanSection.Kind.CRIME_TRENDS)
    client.force_login(sekretariat)

    response = client.post(
        reverse("plans:section_edit", args=[section.pk]),
        {"title": section.title, "body": section.body, "version": section.version}
        | {"series": "UHELDK1:INDBLAND=72"},
    )

    assert response.status_code == 200
    assert "Koden »72« findes ikke i Indblandede transportmidler" in response.content.decode()
    assert PlanSection.objects.get(pk=section.pk).options == {}
