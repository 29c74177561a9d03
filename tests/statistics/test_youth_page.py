"""The youth page: STRAF40's age curve for a year and a comparison year (national), and the
district's tables by age and sex. The expected figures are sums of Danmarks Statistik's rows."""

import pytest
from django.urls import reverse

from kredsraad.statistics.models import Offence

from .tables_data import STRAF40_FILE, needs_files, raw, store, store_straf40

URL = reverse("statistics:youth", args=["nordjyllands-politi"])


def decisions(year: str, ages: list[str], sexes=("M", "K")) -> int:
    return sum(
        int(r["INDHOLD"])
        for r in raw(STRAF40_FILE)
        if r["TID"] == year and r["ALDER_kode"] in ages and r["KØN_kode"] in sexes
    )


@needs_files
def test_analytiker_sees_the_age_curve_of_two_years_with_bands(client, analytiker):
    store_straf40()
    client.force_login(analytiker)

    response = client.get(URL, {"aar": "2021", "sammenlign": "2011"})

    page = response.context["page"]
    rows = {row[0].text: row for row in page.tables["alderskurve"].rows}
    assert rows["17 år"][1].value == decisions("2021", ["17"], ("M",))
    assert rows["17 år"][2].value == decisions("2021", ["17"], ("K",))
    assert rows["17 år"][3].value == decisions("2021", ["17"])
    assert rows["17 år"][4].value == decisions("2011", ["17"])
    assert rows["15-17 år i alt"][3].value == decisions("2021", ["15", "16", "17"])
    assert rows["18-24 år i alt"][3].value == decisions("2021", [str(a) for a in range(18, 25)])
    assert rows["80 år og derover"][3].value == decisions("2021", ["80-"])
    text = response.content.decode()
    assert "tæller strafferetlige afgørelser, ikke personer" in text
    assert "Tabellen gælder hele landet" in text
    assert [p["alder"] for p in page.charts["alderskurve"].spec["data"]["values"]][:3] == [
        15,
        16,
        17,
    ]


def test_the_district_tables_by_age_and_sex(client, analytiker):
    cells = [
        ("851", "2022", 4, {"age": "1824", "sex": "1", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 6, {"age": "1824", "sex": "2", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 9, {"age": "6599", "sex": "2", "key": "UHELD=0;INDBLAND=61"}),
    ]
    store("UHELDK1", cells)
    client.force_login(analytiker)

    response = client.get(URL)

    [(table, (by_age, by_sex))] = response.context["page"].breakdowns
    assert table.code == "UHELDK1"
    ages = {row[0].text: row[1].text for row in by_age.rows}
    assert ages == {"18-24 år": "ingen data", "65 år og derover": "ingen data"}  # 8 others lack
    assert [row[0].text for row in by_sex.rows] == ["Mænd", "Kvinder"]
    assert "STRAF40 er ikke indlæst endnu" in response.content.decode()


def test_a_year_not_in_straf40_is_a_danish_error(client, analytiker):
    Offence.objects.create(code="1", label="Straffelov i alt")
    store(
        "STRAF40",
        [("000", "2021", 5, {"offence": "1", "age": "17", "sex": "M", "key": "AFGØRELSE=000"})],
    )
    client.force_login(analytiker)

    response = client.get(URL, {"aar": "1850"})

    assert "1850 er ikke en af de tilgængelige valgmuligheder" in response.content.decode()
    assert "alderskurve" not in response.context["page"].tables


@pytest.mark.parametrize("years", [1, 3])
def test_the_youth_page_costs_the_same_queries_however_many_years(
    client, analytiker, django_assert_num_queries, years
):
    Offence.objects.create(code="1", label="Straffelov i alt")
    store(
        "STRAF40",
        [
            (
                "000",
                str(2021 - n),
                5,
                {"offence": "1", "age": age, "sex": sex, "key": "AFGØRELSE=000"},
            )
            for n in range(years)
            for age in ("15", "17")
            for sex in ("M", "K")
        ],
    )
    client.force_login(analytiker)
    client.get(URL)

    with django_assert_num_queries(QUERIES):
        client.get(URL)


QUERIES = 24  # session, user, district, tables; STRAF40: periods, offences, 3 series …
