# ruff: noqa: F811  (the world fixture is imported, then asked for by name)
"""A citizen searches the public site at /offentlig/soeg/: everything published, ranked, with
the hits marked, and nothing else (drafts, closed items, undecided minutes, other districts'
drafts are never found)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kredsraad.meetings import actions as meeting_actions
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import PlanSection
from tests import factories
from tests.publishing.test_public_site import COUNCIL, item, meeting, world  # noqa: F401  (fixture)

SEARCH = reverse("publishing:public_search")


def search(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


@pytest.fixture
def aalborg_burglary(world, nordjylland, politi_nord, aalborg):
    """Beside the world's »Tryg i nattelivet«: Aalborg's own initiative against burglary, in
    the published plan's burglary focus area."""
    area = world["plan"].focus_areas.get(title="Indbrud i boliger")
    return factories.initiative(
        "Nabohjælp i Aalborg Øst",
        district=nordjylland,
        lead=politi_nord,
        owner=aalborg,
        municipalities=[aalborg],
        focus_areas=[area],
    )


def describe(initiative, text):
    initiative.description = text
    initiative.save(update_fields=["description"])


def test_citizen_finds_an_initiative_by_another_form_of_the_word(client, aalborg_burglary):
    describe(aalborg_burglary, "Naboer holder øje og forebygger indbruddene i Aalborg Øst.")

    response = search(client, q="indbrud")

    assert "Nabohjælp i Aalborg Øst" in found(response)
    assert "<mark>indbruddene</mark>" in response.content.decode()


def test_citizen_who_names_a_municipality_gets_its_initiatives_only(
    client, aalborg_burglary, nordjylland, politi_nord, hjoerring, world
):
    area = world["plan"].focus_areas.get(title="Indbrud i boliger")
    factories.initiative(
        "Fri for indbrud i Hjørring",
        district=nordjylland,
        lead=politi_nord,
        owner=hjoerring,
        focus_areas=[area],
    )
    describe(aalborg_burglary, "Forebygger indbrud.")

    response = search(client, q="indbrud Aalborg")

    titles = found(response)
    assert "Nabohjælp i Aalborg Øst" in titles
    assert "Fri for indbrud i Hjørring" not in titles
    assert "Viser indhold for Aalborg Kommune" in response.content.decode()


def test_citizen_who_chooses_all_municipalities_searches_both_words_again(client, aalborg_burglary):
    describe(aalborg_burglary, "Forebygger indbrud.")

    response = search(client, q="indbrud Aalborg", kommune="")

    assert response.context["read_as"] is None
    assert "Nabohjælp i Aalborg Øst" in found(response)


def test_citizen_filters_by_type_theme_and_year(client, aalborg_burglary):
    describe(aalborg_burglary, "Forebygger indbrud.")

    initiatives = search(client, q="indbrud", type="indsats")
    themed = search(client, q="indbrud", tema="burglary", aar="2023")
    other_theme = search(client, q="indbrud", tema="traffic")
    other_year = search(client, q="indbrud", aar="2019")

    assert {hit.kind for hit in initiatives.context["hits"]} == {"indsats"}
    assert "Nabohjælp i Aalborg Øst" in found(themed)
    assert found(other_theme) == []
    assert found(other_year) == []
    assert "Intet offentliggjort indhold passer til »indbrud«" in other_year.content.decode()


def test_citizen_finds_the_published_plan_and_the_open_items_of_meetings(client, world):
    plan = search(client, q="Indbrud boliger")
    agenda = search(client, q="Kriminalitetsudviklingen")
    minutes = search(client, q="Tryghedsindekset efterretning")

    assert "Kredsrådets samarbejdsplan 2023" in found(plan)
    assert any(title.endswith("Kredsrådets åbne møde") for title in found(agenda))
    assert [title.endswith("Kredsrådets møde i efteråret") for title in found(minutes)] == [True]
    assert "<mark>efterretning</mark>" in minutes.content.decode()


# What is never found ---------------------------------------------------------------------------

# A distinctive word of each thing in the world no visitor may read.
NEVER_FOUND = {
    "draft plan": "prioriteringer",
    "draft focus area": "Hemmeligt",
    "initiative of a draft": "kladden",
    "closed agenda item": "Personsag",
    "closed item in minutes": "verserende",
    "status report text": "sygemeldt",
    "milestone result": "evalueringsresultat",
    "draft handleplan item": "Kladdehandling",
    "non-public meeting without minutes": "formøde",
    "other district's draft": "Midt- og Vestjyllands kladde",
}


@pytest.mark.parametrize("what", NEVER_FOUND)
def test_citizen_never_finds_what_is_not_published(client, world, what):
    response = search(client, q=NEVER_FOUND[what])

    assert found(response) == []


def test_citizen_never_finds_a_word_only_in_a_correction_in_progress(client, world, sekretariat):
    plan = world["plan"]
    plan_actions.start_correction(plan, by=sekretariat)
    section = plan.sections.exclude(kind=PlanSection.Kind.CRIME_TRENDS).first()
    section.body = "Budgetpuljen er ikke på plads."
    plan_actions.update_section(section, expected_version=section.version, by=sekretariat)

    response = search(client, q="Budgetpuljen")

    assert found(response) == []


@pytest.mark.parametrize(
    "q",
    [
        "Borgermødet på havnen",  # the meeting's title
        "Nordjyllands Politi",  # its council's name
        "Naboskabet",  # an open item's title
        "Bydelsbudgettet",  # the decision
        "Cykelpatruljen",  # a task from the decision
        "Tovholdergruppen",  # the task's owner
        "Beslutning",  # the item's kind, in the frozen minutes only
    ],
)
def test_citizen_finds_approved_minutes_by_every_public_part_of_them(
    client, world, kredsraad_nord, sekretariat, q
):
    held = meeting(kredsraad_nord, days=-3, title="Borgermødet på havnen")
    decided = item(held, "Naboskabet i Vestbyen", position=1)
    meeting_actions.mark_held(held, present=set(), by=sekretariat)
    meeting_actions.record_decision(
        decided,
        decision="Bydelsbudgettet fordeles.",
        expected_version=decided.version,
        by=sekretariat,
    )
    decided.refresh_from_db()
    meeting_actions.add_action_item(
        decided,
        title="Cykelpatruljen planlægges",
        owner="Tovholdergruppen",
        due=timezone.localdate(),
        by=sekretariat,
    )
    held.refresh_from_db()
    meeting_actions.approve_minutes(
        held.minutes, how="chair", on=timezone.localdate(), by=sekretariat
    )

    response = search(client, q=q, type="moede")

    assert f"{COUNCIL}Borgermødet på havnen" in found(response)


def test_citizen_never_finds_a_decision_before_the_minutes_are_approved(
    client, world, kredsraad_nord, sekretariat
):
    held = meeting(
        kredsraad_nord, days=-3, title="Kredsrådets åbne sommermøde", open_to_public=True
    )
    decided = item(held, "Sommerens indsats", position=1)
    meeting_actions.send_agenda(held, by=sekretariat)
    meeting_actions.mark_held(held, present=set(), by=sekretariat)
    decided.refresh_from_db()
    meeting_actions.record_decision(
        decided,
        decision="Puljen fordeles ligeligt.",
        expected_version=decided.version,
        by=sekretariat,
    )

    by_title = search(client, q="Sommerens indsats")
    by_decision = search(client, q="Puljen ligeligt")

    assert [title.endswith("Kredsrådets åbne sommermøde") for title in found(by_title)] == [True]
    assert found(by_decision) == []


def test_snippets_mark_the_hits_and_escape_the_text(client, aalborg_burglary):
    describe(aalborg_burglary, '<script>alert("x")</script> Vi forebygger indbrud & tyveri.')

    response = search(client, q="indbrud")

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<mark>indbrud</mark> &amp; tyveri" in page


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Skriv et eller flere ord at søge efter."),
        ("   ", "Skriv et eller flere ord at søge efter."),
        ("indbrud " * 130, "Søgeord: skriv højst 200 tegn"),
        ("og i at", "består kun af småord"),
        ("&|!:*()'\"\\", "består kun af småord"),
    ],
)
def test_citizen_with_a_search_that_cannot_be_run_is_told_why(client, world, q, message):
    response = search(client, q=q)

    assert message in response.content.decode()
    assert found(response) == []


def test_a_nul_character_is_refused_with_a_message_not_an_error(client, world):
    response = client.get(SEARCH, {"q": "indbrud\x00"})

    assert response.status_code == 400


def test_search_syntax_is_read_as_words_never_an_error(client, world):
    response = search(client, q='"Indbrud i boliger" -trafik or indbrud:* & !x')

    assert "Kredsrådets samarbejdsplan 2023" in found(response)


def test_unknown_filter_values_filter_nothing_and_say_so(client, world):
    response = search(client, q="indbrud", kommune="9999", tema="ukendt", aar="år", type="x")

    page = response.content.decode()
    assert "Kredsrådets samarbejdsplan 2023" in found(response)
    assert "År: skriv et årstal, fx 2023." in page
    assert page.count("form-error-message") == 4


def test_the_start_page_and_the_public_pages_carry_a_search_box(client, world):
    start = client.get(reverse("publishing:public_index")).content.decode()
    district = client.get(
        reverse("publishing:public_district", args=["nordjyllands-politi"])
    ).content.decode()

    assert f'action="{SEARCH}"' in start
    assert 'id="public-search-start"' in start
    assert 'id="public-search-header"' in district


# Pages of results -----------------------------------------------------------------------------


def test_citizen_turns_to_the_next_page_of_results_and_sees_the_rest_once(
    client, world, nordjylland, politi_nord
):
    area = world["plan"].focus_areas.get(title="Indbrud i boliger")
    for n in range(25):
        factories.initiative(
            f"Lommetyveri {n:02d}", district=nordjylland, lead=politi_nord, focus_areas=[area]
        )

    first = search(client, q="lommetyveri")
    second = search(client, q="lommetyveri", side=2)

    assert len(found(first)) == 20
    assert len(found(second)) == 5
    assert set(found(first)) | set(found(second)) == {f"Lommetyveri {n:02d}" for n in range(25)}
    assert first.context["total"] == second.context["total"] == 25
    assert first.context["pages"]["next"] == "?q=lommetyveri&side=2"
    assert 'rel="next"' not in second.content.decode()
    assert second.context["pages"]["previous"] == "?q=lommetyveri&side=1"


@pytest.mark.parametrize("side", ["0", "x", "26", "²"])
def test_citizen_asking_for_a_page_that_cannot_be_is_told_which_there_are(client, world, side):
    response = search(client, q="indbrud", side=side)

    assert response.context["hits"] == []
    assert "Side: vælg en side fra 1 til 25." in response.content.decode()


# Query counts ----------------------------------------------------------------------------------


def queries_for(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return len(queries)


def test_search_takes_as_many_queries_for_three_hits_as_for_one(
    client, world, nordjylland, politi_nord, kredsraad_nord
):
    area = world["plan"].focus_areas.get(title="Indbrud i boliger")
    factories.initiative(
        "Bykerne mod lommetyveri", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    one = queries_for(client, q="lommetyveri", tema="burglary")
    one_all = queries_for(client, q="lommetyveri")
    for days, title in ((5, "Havn mod lommetyveri"), (6, "Festival mod lommetyveri")):
        factories.initiative(title, district=nordjylland, lead=politi_nord, focus_areas=[area])
        held = meeting(kredsraad_nord, days=days, title=f"Møde om {title}", open_to_public=True)
        item(held, title, position=1)

    three = queries_for(client, q="lommetyveri", tema="burglary")
    three_all = queries_for(client, q="lommetyveri")
    second_page = queries_for(client, q="lommetyveri", side=2)

    assert (three, three_all, second_page) == (one, one_all, one_all)
    assert timezone.now()  # the meetings lie ahead


def test_the_demo_answers_what_is_done_about_burglary_in_aalborg(client, demo):
    response = search(client, q="indbrud Aalborg")

    assert found(response)[0] == "Nabohjælp mod indbrud i Aalborg"
