"""The initiatives list opens on one plan year, so it does not grow with the district's
history: this year's, or the newest that has initiatives. Every year is a choice kept in the
address, the other filters work with it, long lists are paged, and bad values are a Danish
message on the page, never a 500."""

import datetime

import pytest
from django.urls import reverse

from kredsraad.initiatives import views
from kredsraad.initiatives.queries import opening_year
from kredsraad.plans import actions as plan_actions
from tests import factories


@pytest.fixture
def last_years(nordjylland, sekretariat, politi_nord, plan_2023):
    """A 2022 plan whose focus area an older initiative served, beside the 2023 plan's."""
    plan = plan_actions.create_plan(nordjylland, year=2022, by=sekretariat)
    area = plan_actions.add_focus_area(
        plan,
        title="Indbrud i private hjem",
        body="",
        themes=[],
        responsible=politi_nord,
        by=sekretariat,
    )
    factories.initiative(
        "Nabohjælp 2022", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    return area


def listed(client, district, **query):
    response = client.get(reverse("initiatives:initiatives", args=[district.slug]), query)
    assert response.status_code == 200
    return response, [i.title for i in response.context["initiatives"]]


def test_the_list_opens_on_this_years_plan_or_the_newest_before_it():
    assert opening_year([2022, 2023, None], today=_day(2023)) == 2023
    assert opening_year([2021, 2022, 2027], today=_day(2025)) == 2022
    assert opening_year([2027, 2028], today=_day(2025)) == 2027
    assert opening_year([None], today=_day(2025)) is None


def _day(year):
    return datetime.date(year, 6, 1)


def test_secretariat_opens_on_the_newest_year_and_reaches_an_old_year_by_its_choice(
    client, sekretariat, nordjylland, bo_trygt, last_years
):
    client.force_login(sekretariat)

    opened, opened_titles = listed(client, nordjylland)
    old, old_titles = listed(client, nordjylland, year="2022")

    assert opened_titles == ["Bo trygt"]
    assert '<option value="2023" selected>' in opened.content.decode()
    assert old_titles == ["Nabohjælp 2022"]
    page = old.content.decode()
    assert '<option value="2022" selected>' in page
    assert "Indbrud i private hjem" in page
    assert "Nærpoliti og tryghed" not in page  # the other year's focus areas are not offered


def test_secretariat_sees_every_year_with_alle_aar(
    client, sekretariat, nordjylland, bo_trygt, last_years
):
    client.force_login(sekretariat)

    _, titles = listed(client, nordjylland, year="alle")

    assert titles == ["Bo trygt", "Nabohjælp 2022"]


def test_a_focus_area_of_another_year_is_dropped_when_the_year_changes(
    client, sekretariat, nordjylland, bo_trygt, areas, last_years
):
    client.force_login(sekretariat)

    _, titles = listed(client, nordjylland, year="2022", focus_area=areas[0].pk)

    assert titles == ["Nabohjælp 2022"]


def test_filters_work_together_with_the_year(
    client, sekretariat, nordjylland, bo_trygt, socialbedrageri, aalborg, hjoerring, last_years
):
    client.force_login(sekretariat)

    _, in_hjoerring = listed(client, nordjylland, year="2023", municipality=hjoerring.pk)
    _, in_2022 = listed(client, nordjylland, year="2022", municipality=hjoerring.pk)

    assert in_hjoerring == ["Bo trygt"]
    assert in_2022 == []


@pytest.mark.parametrize("year", ["abc", "1999", "2023.5", "2023; DROP"])
def test_a_bad_year_says_so_and_shows_the_opening_year(
    client, sekretariat, nordjylland, bo_trygt, last_years, year
):
    client.force_login(sekretariat)

    response, titles = listed(client, nordjylland, year=year)

    assert "Planår: vælg et af årene på listen." in response.content.decode()
    assert titles == ["Bo trygt"]
    assert '<option value="2023" selected>' in response.content.decode()


@pytest.mark.parametrize("side", ["x", "0", "-3"])
def test_a_bad_page_number_says_so_and_shows_the_first_page(
    client, sekretariat, nordjylland, bo_trygt, side
):
    client.force_login(sekretariat)

    response, titles = listed(client, nordjylland, side=side)

    assert "Side: skriv et sidetal, fx 2." in response.content.decode()
    assert titles == ["Bo trygt"]


def test_a_long_year_is_paged_and_the_pages_keep_the_filters(
    client, sekretariat, nordjylland, politi_nord, areas
):
    for n in range(views.PAGE_SIZE + 2):
        factories.initiative(
            f"Indsats {n:03}", district=nordjylland, lead=politi_nord, focus_areas=[areas[0]]
        )
    client.force_login(sekretariat)

    first, first_titles = listed(client, nordjylland, year="2023", status="active")
    second, second_titles = listed(client, nordjylland, year="2023", status="active", side="2")
    _, beyond_titles = listed(client, nordjylland, year="2023", status="active", side="9")

    assert len(first_titles) == views.PAGE_SIZE
    assert second_titles == ["Indsats 050", "Indsats 051"]
    assert beyond_titles == second_titles
    assert 'href="?year=2023&amp;status=active&amp;side=2"' in first.content.decode()
    assert "Side 2 af 2" in second.content.decode()
