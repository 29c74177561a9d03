# ruff: noqa: F811  (the world fixture is imported, then asked for by name)
"""A citizen narrows a district's public initiatives (/offentlig/<kreds>/indsatser/) by
municipality, theme and free text: plain GET filters kept in the address, a count, and a clear
word when nothing matches. Only initiatives the public rule allows are ever listed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.plans import actions as plan_actions
from tests import factories
from tests.publishing.test_public_site import SECRETS, publish, world  # noqa: F401  (fixture)

LIST = reverse("publishing:public_initiatives", args=["nordjyllands-politi"])


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["initiatives"]]


@pytest.fixture
def burglary_area(world):
    return world["plan"].focus_areas.get(title="Indbrud i boliger")


@pytest.fixture
def local_initiatives(world, burglary_area, nordjylland, politi_nord, aalborg, hjoerring):
    """Aalborg's own, one naming Hjørring, and one for the whole district, all serving the
    published burglary area; beside them the world's »Tryg i nattelivet« (no municipality)."""
    factories.initiative(
        "Nabohjælp i Aalborg Øst",
        district=nordjylland,
        lead=politi_nord,
        owner=aalborg,
        focus_areas=[burglary_area],
    )
    factories.initiative(
        "Fri for indbrud i Hjørring",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[hjoerring],
        focus_areas=[burglary_area],
    )
    factories.initiative(
        "Bo trygt i hele kredsen",
        district=nordjylland,
        lead=politi_nord,
        all_municipalities=True,
        focus_areas=[burglary_area],
    )


def test_citizen_filters_by_municipality_and_sees_its_own_and_the_districts(
    client, local_initiatives
):
    assert listed(client, kommune="851") == ["Bo trygt i hele kredsen", "Nabohjælp i Aalborg Øst"]
    assert listed(client, kommune="860") == [
        "Bo trygt i hele kredsen",
        "Fri for indbrud i Hjørring",
    ]


def offered_themes(client) -> list[str]:
    return [code for code, _ in client.get(LIST).context["form"].fields["tema"].choices if code]


def test_citizen_filters_by_theme_as_the_published_plan_names_it(client, local_initiatives):
    assert offered_themes(client) == ["burglary"]
    assert len(listed(client, tema="burglary")) == 4


def test_citizen_filters_by_free_text_in_any_form_of_the_word(client, local_initiatives):
    assert listed(client, q="indbruddene") == ["Fri for indbrud i Hjørring"]


def test_filters_combine_and_stay_in_the_address(client, local_initiatives):
    response = client.get(LIST, {"kommune": "851", "tema": "burglary", "q": "nabohjælp"})

    page = response.content.decode()
    assert [i.title for i in response.context["initiatives"]] == ["Nabohjælp i Aalborg Øst"]
    assert '<option value="851" selected>' in page
    assert '<option value="burglary" selected>' in page
    assert 'value="nabohjælp"' in page
    assert "1 indsats<" in page


def test_the_count_says_indsatser_for_several(client, local_initiatives):
    page = client.get(LIST).content.decode()

    assert "4 indsatser<" in page


def test_nothing_matching_says_so_and_offers_the_whole_list(client, local_initiatives):
    page = client.get(LIST, {"q": "rockere"}).content.decode()

    assert "0 indsatser" in page
    assert "Ingen offentliggjorte indsatser passer til filtrene." in page
    assert f'href="{LIST}"' in page


def test_the_theme_filter_ignores_a_correction_in_progress(
    client, local_initiatives, burglary_area, sekretariat
):
    plan = burglary_area.plan
    plan_actions.start_correction(plan, by=sekretariat)
    burglary_area.refresh_from_db()
    plan_actions.update_focus_area(
        burglary_area, themes=["traffic"], expected_version=burglary_area.version, by=sekretariat
    )

    assert len(listed(client, tema="burglary")) == 4
    assert offered_themes(client) == ["burglary"]


def test_a_draft_plans_initiative_is_never_listed_whatever_the_filter(client, local_initiatives):
    titles = listed(client) + listed(client, q="kladden") + listed(client, kommune="851")

    assert SECRETS["initiative of a draft"] not in titles


@pytest.mark.parametrize(
    "params",
    [
        {"kommune": "999"},
        {"kommune": "abc"},
        {"tema": "findes-ikke"},
        {"q": "x" * 1001},
        {"q": "&|!:*()'\"\\"},
        {"q": "og i at"},
    ],
)
def test_unknown_or_odd_filter_values_filter_nothing_and_never_fail(
    client, local_initiatives, params
):
    response = client.get(LIST, params)

    assert response.status_code == 200
    assert len(response.context["initiatives"]) == 4
    page = response.content.decode()
    assert "form-error-message" in page or "småord" in page


def test_the_filtered_list_takes_as_many_queries_for_three_rows_as_for_one(
    client, world, burglary_area, nordjylland, politi_nord, aalborg
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST, {"kommune": "851", "tema": "burglary", "q": "lommetyveri"})
        return len(captured)

    factories.initiative(
        "Lommetyveri 1",
        district=nordjylland,
        lead=politi_nord,
        owner=aalborg,
        municipalities=[aalborg],
        focus_areas=[burglary_area],
    )
    one = queries()
    for n in (2, 3):
        factories.initiative(
            f"Lommetyveri {n}",
            district=nordjylland,
            lead=politi_nord,
            owner=aalborg,
            municipalities=[aalborg],
            focus_areas=[burglary_area],
        )

    assert queries() == one
    assert listed(client, q="lommetyveri") == ["Lommetyveri 1", "Lommetyveri 2", "Lommetyveri 3"]


@pytest.fixture
def plan_2022_initiative(world, nordjylland, sekretariat, politi_nord, kredsraad_nord):
    """Last year's published plan, with an initiative of its own."""
    plan = plan_actions.create_plan(nordjylland, year=2022, by=sekretariat)
    area = plan_actions.add_focus_area(
        plan, title="Cykeltyveri", body="", themes=[], responsible=politi_nord, by=sekretariat
    )
    factories.initiative(
        "Stop cykeltyven 2022", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    publish(plan, sekretariat, kredsraad_nord)


def test_citizen_opens_on_the_newest_year_and_reaches_last_year_by_its_choice(
    client, local_initiatives, plan_2022_initiative
):
    opened = client.get(LIST)
    last_year = listed(client, aar="2022")

    assert "Stop cykeltyven 2022" not in [i.title for i in opened.context["initiatives"]]
    assert '<option value="2023" selected>' in opened.content.decode()
    assert last_year == ["Stop cykeltyven 2022"]
    assert "Stop cykeltyven 2022" in listed(client, aar="alle")
    assert listed(client, aar="2022", kommune="851") == []


@pytest.mark.parametrize("aar", ["abc", "1999", "2024", "2023x"])
def test_a_year_without_a_published_plan_says_so_and_shows_the_newest(
    client, local_initiatives, aar
):
    response = client.get(LIST, {"aar": aar})

    assert response.status_code == 200
    assert "Planår: vælg et af årene på listen." in response.content.decode()
    assert len(response.context["initiatives"]) == 4


@pytest.mark.parametrize("side", ["x", "0", "-1"])
def test_a_bad_page_number_says_so_and_shows_the_first_page(client, local_initiatives, side):
    response = client.get(LIST, {"side": side})

    assert response.status_code == 200
    assert "Side: skriv et sidetal, fx 2." in response.content.decode()
    assert len(response.context["initiatives"]) == 4
