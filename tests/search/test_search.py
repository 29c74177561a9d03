"""Internal search (/soeg/): Danish stemming, ranking, safe snippets, and above all that every
hit is something the searching user may open — closed items, other districts, draft minutes,
another municipality's lokalråd. Bad input gets a Danish message, never a server error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.accounts.models import RoleAssignment
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings import actions as meeting_actions
from kredsraad.meetings.models import Minutes
from kredsraad.plans import actions as plan_actions
from kredsraad.search import queries
from tests import factories
from tests.meetings.test_actions import plan_meeting

URL = reverse("search:search")


def found(client, user, q, **params) -> str:
    client.force_login(user)
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def hits(user, q, **filters):
    """The titles (without marks) of what `user` finds for `q`, best first."""
    results = queries.search(user, queries.question(q).query, queries.Filters(**filters))
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


@pytest.fixture
def burglary(nordjylland, politi_nord, aalborg):
    return factories.initiative(
        "Tryghedsvandringer i boligområder",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[aalborg],
    )


def set_description(initiative, text):
    Initiative.objects.filter(pk=initiative.pk).update(description=text)


# Stemming, ranking, snippets -----------------------------------------------------------------


def test_secretariat_finds_indbruddene_by_searching_indbrud(sekretariat, burglary):
    set_description(burglary, "Indbruddene i villakvartererne er steget.")

    assert hits(sekretariat, "indbrud") == ["Tryghedsvandringer i boligområder"]


def test_a_hit_in_the_title_ranks_above_a_hit_in_the_text(
    sekretariat, nordjylland, politi_nord, burglary
):
    set_description(burglary, "Vi følger også udviklingen i indbrud.")
    factories.initiative("Indbrud i sommerhuse", district=nordjylland, lead=politi_nord)

    assert hits(sekretariat, "indbrud") == [
        "Indbrud i sommerhuse",
        "Tryghedsvandringer i boligområder",
    ]


def test_the_snippet_marks_the_words_and_escapes_the_text(client, sekretariat, burglary):
    Initiative.objects.filter(pk=burglary.pk).update(
        title="Indbrud <script>alert(1)</script>", description="Indbruddene falder & stiger."
    )

    page = found(client, sekretariat, "indbrud")

    assert "<mark>Indbrud</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>Indbruddene</mark> falder &amp; stiger" in page
    assert "<script>alert(1)" not in page


def test_the_index_is_current_right_after_a_write(sekretariat, burglary):
    # No job runs: the generated column is computed in the writing statement itself.
    burglary.title = "Nabohjælp mod indbrud"
    burglary.save()

    assert hits(sekretariat, "nabohjælp") == ["Nabohjælp mod indbrud"]
    assert hits(sekretariat, "tryghedsvandringer") == []


# Who sees what ------------------------------------------------------------------------------


@pytest.fixture
def closed_item(kredsraad_nord, sekretariat):
    meeting = plan_meeting(kredsraad_nord, sekretariat)
    meeting_actions.add_item(
        meeting, title="Orientering om indbrud", kind="orientation", by=sekretariat
    )
    return meeting_actions.add_item(
        meeting,
        title="Personsag om indbrudsbande",
        kind="orientation",
        closed=True,
        by=sekretariat,
    )


def test_a_closed_item_is_found_only_inside_the_council(
    closed_item, sekretariat, raadsmedlem, analytiker, koordinator_hjoerring
):
    for insider in (sekretariat, raadsmedlem):
        assert "Personsag om indbrudsbande" in hits(insider, "indbrudsbande"), insider
    for outsider in (analytiker, koordinator_hjoerring):
        assert hits(outsider, "indbrudsbande") == [], outsider
    assert hits(analytiker, "indbrud") == ["Orientering om indbrud"]


def test_a_closed_items_paper_is_found_only_inside_the_council(
    closed_item, sekretariat, analytiker
):
    meeting_actions.add_paper(
        closed_item,
        name="bandeoversigt.pdf",
        content=pdf_with_text("Bandeoversigt"),
        by=sekretariat,
    )

    assert hits(sekretariat, "bandeoversigt") == ["bandeoversigt.pdf"]
    assert hits(analytiker, "bandeoversigt") == []


def test_another_districts_records_are_never_found(
    sekretariat_midtvest, burglary, published_plan, kredsraad_nord, sekretariat
):
    plan_meeting(kredsraad_nord, sekretariat, title="Møde om indbrud")

    assert hits(sekretariat_midtvest, "indbrud") == []
    assert hits(sekretariat_midtvest, "tryghedsvandringer") == []
    assert hits(sekretariat_midtvest, "samarbejdsplan") == []


def test_a_user_without_a_role_finds_nothing(uden_rolle, burglary, published_plan):
    assert hits(uden_rolle, "tryghedsvandringer") == []
    assert hits(uden_rolle, "samarbejdsplan") == []


@pytest.fixture
def published_plan(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)


def test_a_draft_plan_is_found_by_the_districts_roles_as_on_its_page(
    published_plan, raadsmedlem, analytiker, sekretariat_midtvest, client
):
    # Everyone with a role in the district reads draft plans (accounts.scoping); no one else.
    for reader in (raadsmedlem, analytiker):
        assert published_plan.title in hits(reader, "samarbejdsplan"), reader
    assert hits(sekretariat_midtvest, "samarbejdsplan") == []


def test_draft_minutes_are_found_only_inside_the_council(
    kredsraad_nord, sekretariat, analytiker, raadsmedlem
):
    meeting = plan_meeting(kredsraad_nord, sekretariat)
    minutes = Minutes.objects.create(meeting=meeting, body="Drøftelse af hælerinetværk.")

    assert hits(sekretariat, "hælerinetværk") == [str(minutes)]
    assert hits(raadsmedlem, "hælerinetværk") == [str(minutes)]
    assert hits(analytiker, "hælerinetværk") == []

    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    assert hits(analytiker, "hælerinetværk") == [str(minutes)]


def test_a_lokalraads_member_finds_their_own_municipality_only(
    nordjylland, politi_nord, laesoe, hjoerring, lokalraad_laesoe, lokalraad_hjoerring, sekretariat
):
    member = factories.user(
        role=RoleAssignment.Role.COUNCIL_MEMBER, council=lokalraad_laesoe, name="Rådsmedlem Læsø"
    )
    factories.initiative("Færgetryghed Læsø", district=nordjylland, lead=politi_nord, owner=laesoe)
    factories.initiative(
        "Færgetryghed Hjørring", district=nordjylland, lead=politi_nord, owner=hjoerring
    )
    plan_meeting(lokalraad_laesoe, sekretariat, title="Færgemøde Læsø")
    plan_meeting(lokalraad_hjoerring, sekretariat, title="Færgemøde Hjørring", day=15)

    assert sorted(hits(member, "færgetryghed")) == ["Færgetryghed Læsø"]
    assert [h for h in hits(member, "færgemøde") if "Hjørring" in h] == []
    assert len(hits(sekretariat, "færgetryghed")) == 2


# Papers -------------------------------------------------------------------------------------


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose page shows `text` (ASCII) in Helvetica."""
    import io

    import pikepdf

    document = pikepdf.new()
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=document.make_stream(stream),
    )
    document.pages.append(pikepdf.Page(page))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_text(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def item(kredsraad_nord, sekretariat):
    meeting = plan_meeting(kredsraad_nord, sekretariat)
    return meeting_actions.add_item(
        meeting, title="Status for natteliv", kind="orientation", by=sekretariat
    )


def test_the_words_inside_a_pdf_and_a_word_paper_are_found(item, sekretariat, analytiker):
    meeting_actions.add_paper(
        item, name="bilag1.pdf", content=pdf_with_text("Indbruddene i Vestbyen"), by=sekretariat
    )
    meeting_actions.add_paper(
        item, name="bilag2.docx", content=docx_with_text("Rocker og bander"), by=sekretariat
    )

    assert hits(analytiker, "indbrud vestbyen") == ["bilag1.pdf"]
    assert hits(analytiker, "rockere") == ["bilag2.docx"]


def test_a_paper_without_readable_text_is_added_and_found_by_its_name(item, sekretariat):
    # A blank PDF (a scan without a text layer) has no words; the upload still succeeds.
    paper = meeting_actions.add_paper(
        item, name="scannet-referat.pdf", content=factories.pdf(), by=sekretariat
    )

    assert paper.text == ""
    assert hits(sekretariat, "scannet") == ["scannet-referat.pdf"]


def test_a_broken_file_gives_empty_text_never_an_error():
    from kredsraad.search.extract import paper_text

    assert paper_text("pdf", b"%PDF-1.7\n" + b"\x00junk" * 50) == ""
    assert paper_text("docx", b"PK\x03\x04 broken") == ""
    assert paper_text("xlsx", b"anything") == ""


def test_reindex_papers_reads_the_text_of_papers_added_before(item, sekretariat, capsys):
    from django.core.management import call_command

    paper = meeting_actions.add_paper(
        item, name="gammelt.pdf", content=pdf_with_text("Hashklubber"), by=sekretariat
    )
    type(paper).objects.filter(pk=paper.pk).update(text="")
    assert hits(sekretariat, "hashklubber") == []

    call_command("search", "reindex-papers")

    assert hits(sekretariat, "hashklubber") == ["gammelt.pdf"]
    assert "1 bilag læst, 1 med tekst." in capsys.readouterr().out


# Filters ------------------------------------------------------------------------------------


def test_the_municipality_filter_keeps_that_municipalitys_records(
    sekretariat, burglary, nordjylland, politi_nord, hjoerring, aalborg
):
    factories.initiative(
        "Tryghed ved havnen", district=nordjylland, lead=politi_nord, municipalities=[hjoerring]
    )

    assert hits(sekretariat, "tryghed", municipality=aalborg) == []
    assert hits(sekretariat, "tryghedsvandringer", municipality=aalborg) == [burglary.title]
    assert hits(sekretariat, "havnen", municipality=aalborg) == []


def test_the_page_filters_by_type_and_ignores_unknown_values(client, sekretariat, burglary):
    shown = "<mark>Tryghedsvandringer</mark> i boligområder"
    assert shown not in found(client, sekretariat, "tryghedsvandringer", type="meeting")
    assert shown in found(client, sekretariat, "tryghedsvandringer", type="initiative")

    for params in (
        {"type": "ukendt"},
        {"kommune": "999"},
        {"tema": "findes-ikke"},
        {"aar": "tusind"},
        {"aar": "1850"},
    ):
        page = found(client, sekretariat, "tryghedsvandringer", **params)
        assert shown in page, params
        assert "form-error" not in page, params


def test_a_page_number_that_is_not_a_number_is_not_found(client, sekretariat, burglary):
    client.force_login(sekretariat)

    assert client.get(URL, {"q": "tryghed", "side": "x"}).status_code == 404
    assert client.get(URL, {"q": "tryghed", "side": "99"}).status_code == 200


# Bad input ----------------------------------------------------------------------------------


def test_an_empty_search_asks_for_words(client, sekretariat):
    page = found(client, sekretariat, "   ")

    assert "Skriv et eller flere ord, du vil søge efter." in page


def test_the_page_without_a_search_shows_only_the_form(client, sekretariat):
    client.force_login(sekretariat)
    page = client.get(URL).content.decode()

    assert 'name="q"' in page
    assert "Skriv et eller flere ord" not in page


def test_a_search_of_1000_characters_is_refused_in_danish(client, sekretariat):
    page = found(client, sekretariat, "indbrud " * 125)

    assert "Søgningen er for lang: højst 200 tegn, den er 999." in page


@pytest.mark.parametrize("char", [*"&|!:*()'\"\\<>-", "\x00", "or", "OR"])
def test_search_syntax_characters_never_fail(client, sekretariat, burglary, char):
    # NUL is refused by the site as a whole (core.middleware), with 400, before any search.
    expected = 400 if char == "\x00" else 200
    for q in (char, f"tryghedsvandringer {char}", f"{char}tryghedsvandringer{char}", char * 5):
        client.force_login(sekretariat)
        assert client.get(URL, {"q": q}).status_code == expected, q


def test_sql_in_a_search_is_only_words(client, sekretariat, burglary):
    page = found(client, sekretariat, "'; DROP TABLE initiatives_initiative; --")

    assert Initiative.objects.count() == 1
    assert "Ingen resultater" in page or "almindelige ord" in page


def test_a_search_of_only_stop_words_explains_why_nothing_is_found(client, sekretariat):
    page = found(client, sekretariat, "og i at")

    assert "kun almindelige ord" in page


# Query count --------------------------------------------------------------------------------


def _queries(client, user, q) -> int:
    client.force_login(user)
    client.get(URL, {"q": q})  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"q": q}).status_code == 200
    return len(captured)


def test_the_search_page_costs_the_same_queries_for_1_and_20_hits(
    client, sekretariat, nordjylland, politi_nord
):
    factories.initiative("Indbrud nummer 0", district=nordjylland, lead=politi_nord)
    one = _queries(client, sekretariat, "indbrud")

    for n in range(1, 25):
        factories.initiative(f"Indbrud nummer {n}", district=nordjylland, lead=politi_nord)
    many = _queries(client, sekretariat, "indbrud")

    assert one == many


def test_each_more_type_on_the_page_costs_at_most_one_query(
    client, sekretariat, nordjylland, politi_nord, kredsraad_nord
):
    factories.initiative("Indbrud nummer 1", district=nordjylland, lead=politi_nord)
    one_type = _queries(client, sekretariat, "indbrud")
    plan_meeting(kredsraad_nord, sekretariat, title="Møde om indbrud")
    factories.forum("Forum om indbrud", district=nordjylland, lead=politi_nord)

    assert _queries(client, sekretariat, "indbrud") == one_type + 2
    assert len(queries.KINDS) < 20  # so the page's queries stay bounded


def test_the_theme_and_year_filters_follow_the_plans_focus_areas(
    sekretariat, nordjylland, politi_nord
):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    area = plan_actions.add_focus_area(
        plan,
        title="Færre indbrud i eget hjem",
        body="",
        themes=["burglary"],
        responsible=politi_nord,
        by=sekretariat,
    )
    factories.initiative(
        "Forebyggelse af indbrud", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    factories.initiative("Indbrud og narko", district=nordjylland, lead=politi_nord)

    assert hits(sekretariat, "indbrud", kind="initiative", theme="burglary") == [
        "Forebyggelse af indbrud"
    ]
    assert sorted(hits(sekretariat, "indbrud", theme="burglary")) == [
        "Forebyggelse af indbrud",
        "Færre indbrud i eget hjem",
    ]
    assert hits(sekretariat, "færre indbrud", year=2023) == []
    assert hits(sekretariat, "færre indbrud", year=2024) == ["Færre indbrud i eget hjem"]


def test_people_forums_and_partners_are_found_with_a_link(
    client, sekretariat, nordjylland, politi_nord, kredsraad_nord
):
    chief = factories.person(title="Politidirektør", name="Hanne Søgaard", organisation=politi_nord)
    seat = factories.membership(kredsraad_nord, chief)
    factories.forum("Ungeforum Nord", district=nordjylland, lead=politi_nord)
    factories.organisation("Ungdomsskolen Nord", district=nordjylland)

    page = found(client, sekretariat, "søgaard")
    assert reverse("councils:membership", args=[seat.pk]) in page
    assert hits(sekretariat, "ungeforum") == ["Ungeforum Nord"]
    assert hits(sekretariat, "ungdomsskolen") == ["Ungdomsskolen Nord"]


def test_the_main_menu_leads_to_the_search(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    page = client.get(nordjylland.get_absolute_url()).content.decode()

    assert f'href="{URL}"' in page
