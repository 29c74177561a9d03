"""The secretariat keeps the district's forums and partners; everyone in the district reads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.councils.models import Forum, Organisation
from tests import factories


def forum_form(lead, *, municipalities=(), members=(), **overrides):
    data = {
        "name": "Natteravne-netværk",
        "target_group": "youth",
        "legal_basis": "",
        "description": "Frivillige på gaden fredag og lørdag aften.",
        "lead_organisation": lead.pk,
        "member_organisations": [o.pk for o in members],
        "municipalities": [m.pk for m in municipalities],
    }
    data.update(overrides)
    return data


def test_secretariat_creates_forum_covering_two_municipalities(
    client, sekretariat, nordjylland, politi_nord, laesoe, hjoerring, trygfonden
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:forum_create", args=[nordjylland.slug]),
        forum_form(politi_nord, municipalities=[laesoe, hjoerring], members=[trygfonden]),
    )

    forum = Forum.objects.get(name="Natteravne-netværk")
    assert response.status_code == 302
    assert forum.district == nordjylland
    assert sorted(m.name for m in forum.municipalities.all()) == ["Hjørring", "Læsø"]
    assert [o.name for o in forum.member_organisations.all()] == ["TrygFonden"]


def test_unknown_municipality_in_forum_is_refused(
    client, sekretariat, nordjylland, politi_nord, holstebro
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:forum_create", args=[nordjylland.slug]),
        forum_form(politi_nord, municipalities=[holstebro]),
    )

    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not Forum.objects.exists()


def test_unknown_municipality_code_is_404(client, sekretariat):
    client.force_login(sekretariat)

    response = client.get(reverse("councils:municipality", args=[999]))

    assert response.status_code == 404


def test_duplicate_forum_name_in_district_is_refused(client, sekretariat, nordjylland, politi_nord):
    factories.forum("SSP", district=nordjylland, lead=politi_nord)
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:forum_create", args=[nordjylland.slug]),
        forum_form(politi_nord, name="ssp"),
    )

    assert response.status_code == 200
    assert "Politikredsen har allerede et forum med det navn." in response.content.decode()
    assert Forum.objects.count() == 1


def test_forum_changes_appear_in_its_history(
    client, sekretariat, nordjylland, politi_nord, laesoe, hjoerring
):
    forum = factories.forum("SSP", district=nordjylland, lead=politi_nord, municipalities=[laesoe])
    client.force_login(sekretariat)

    client.post(
        reverse("councils:forum_edit", args=[forum.pk]),
        forum_form(politi_nord, name="SSP", municipalities=[hjoerring], version=forum.version),
    )
    history = client.get(reverse("councils:history", args=["forum", forum.pk]))

    entries = [(c.action, c.subject, c.user) for c in history.context["changes"]]
    assert ("Tilføjet", "Dækker kommunerne: Hjørring Kommune", sekretariat) in entries
    assert ("Fjernet", "Dækker kommunerne: Læsø Kommune", sekretariat) in entries


def test_forum_list_filters_by_municipality_and_target_group(
    client, analytiker, nordjylland, politi_nord, laesoe, hjoerring
):
    factories.forum(
        "SSP", district=nordjylland, lead=politi_nord, municipalities=[laesoe, hjoerring]
    )
    factories.forum(
        "PSP",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[laesoe],
        target_group="vulnerable",
    )
    factories.forum(
        "Infohus",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[hjoerring],
        target_group="radicalisation",
    )
    client.force_login(analytiker)
    url = reverse("councils:forums", args=[nordjylland.slug])

    in_laesoe = client.get(url, {"municipality": laesoe.pk})
    vulnerable = client.get(url, {"target_group": "vulnerable"})

    assert [f.name for f in in_laesoe.context["forums"]] == ["PSP", "SSP"]
    assert [f.name for f in vulnerable.context["forums"]] == ["PSP"]


def test_htmx_filter_answers_with_the_results_only(
    client, analytiker, nordjylland, politi_nord, laesoe
):
    factories.forum("SSP", district=nordjylland, lead=politi_nord, municipalities=[laesoe])
    client.force_login(analytiker)

    response = client.get(
        reverse("councils:forums", args=[nordjylland.slug]),
        {"municipality": laesoe.pk},
        HTTP_HX_TARGET="forum-results",
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="forum-results"')
    assert "<html" not in body


def test_secretariat_creates_local_partner(client, sekretariat, nordjylland, laesoe):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:organisation_create", args=[nordjylland.slug]),
        {
            "name": "Læsø Boldklub",
            "kind": "association",
            "municipality": laesoe.pk,
            "description": "",
            "website": "laesoe-boldklub.example.dk",
        },
    )

    organisation = Organisation.objects.get(name="Læsø Boldklub")
    assert response.status_code == 302
    assert organisation.district == nordjylland
    assert organisation.website == "https://laesoe-boldklub.example.dk"


def test_national_partner_name_cannot_be_taken_locally(
    client, sekretariat, nordjylland, trygfonden
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:organisation_create", args=[nordjylland.slug]),
        {"name": "trygfonden", "kind": "foundation", "description": "", "website": ""},
    )

    assert response.status_code == 200
    assert "Der findes allerede en organisation med det navn." in response.content.decode()


def test_secretariat_cannot_edit_national_partner(client, sekretariat, trygfonden):
    client.force_login(sekretariat)

    response = client.get(reverse("councils:organisation_edit", args=[trygfonden.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url_name", "make_row"),
    [
        (
            "councils:forums",
            lambda d, lead, m, i: factories.forum(
                f"Forum {i}", district=d, lead=lead, municipalities=[m], target_group="youth"
            ),
        ),
        (
            "councils:organisations",
            lambda d, lead, m, i: factories.organisation(
                f"Forening {i}", district=d, kind="association", municipality=m
            ),
        ),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    client, sekretariat, nordjylland, politi_nord, laesoe, url_name, make_row
):
    client.force_login(sekretariat)
    url = reverse(url_name, args=[nordjylland.slug])
    make_row(nordjylland, politi_nord, laesoe, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_row(nordjylland, politi_nord, laesoe, 2)
    make_row(nordjylland, politi_nord, laesoe, 3)

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_secretariat_creates_local_council_where_one_is_missing(
    client, sekretariat, nordjylland, lokalraad_laesoe, laesoe
):
    from kredsraad.councils.models import Council

    Council.objects.filter(pk=lokalraad_laesoe.pk).delete()
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:council_create", args=[nordjylland.slug]),
        {
            "municipality": laesoe.pk,
            "name": "Lokalrådet på Læsø",
            "description": "",
            "meetings_per_year": 4,
        },
    )

    council = Council.objects.get(municipality=laesoe)
    assert response.status_code == 302
    assert (council.name, council.kind, council.district) == (
        "Lokalrådet på Læsø",
        "local",
        nordjylland,
    )


def test_second_local_council_for_a_municipality_is_refused(
    client, sekretariat, nordjylland, lokalraad_laesoe, laesoe
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("councils:council_create", args=[nordjylland.slug]),
        {
            "municipality": laesoe.pk,
            "name": "Endnu et lokalråd",
            "description": "",
            "meetings_per_year": 4,
        },
    )

    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
