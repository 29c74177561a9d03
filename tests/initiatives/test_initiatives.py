"""The secretariat keeps the district's initiatives, a koordinator its municipality's own; both
see lineage across years, and the list filters by status, focus area, municipality and light."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.initiatives import actions
from kredsraad.initiatives.models import Initiative
from tests import factories


def initiative_form(initiative=None, **values):
    """The edit form's data for `initiative` as loaded (or a blank new one), with `values`."""
    data = {
        "title": "",
        "external_id": "",
        "description": "",
        "status": "planned",
        "lead_organisation": "",
        "partners": [],
        "forums": [],
        "all_municipalities": "False",
        "municipalities": [],
        "focus_areas": [],
        "starts": "",
        "ends": "",
        "continues": "",
        "weight": 1,
    }
    if initiative is not None:
        data.update(
            title=initiative.title,
            external_id=initiative.external_id,
            description=initiative.description,
            lead_organisation=initiative.lead_organisation_id,
            partners=[o.pk for o in initiative.partners.all()],
            forums=[f.pk for f in initiative.forums.all()],
            municipalities=[m.pk for m in initiative.municipalities.all()],
            focus_areas=[a.pk for a in initiative.focus_areas.all()],
            starts=initiative.starts.isoformat() if initiative.starts else "",
            ends=initiative.ends.isoformat() if initiative.ends else "",
            continues=initiative.continues_id or "",
            weight=initiative.weight,
            version=initiative.version,
        )
        if initiative.all_municipalities:
            data["all_municipalities"] = "True"
        if initiative.owner_municipality_id:
            data["owner_municipality"] = initiative.owner_municipality_id
    data.update(values)
    return data


def test_secretariat_creates_a_district_initiative_in_a_focus_area(
    client, sekretariat, nordjylland, politi_nord, trygfonden, aalborg, areas
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:initiative_create", args=[nordjylland.slug]),
        initiative_form(
            title="Bo trygt på Læsø",
            lead_organisation=politi_nord.pk,
            partners=[trygfonden.pk],
            municipalities=[aalborg.pk],
            focus_areas=[areas[0].pk],
            starts="2023-02-01",
            status="active",
        ),
    )

    initiative = Initiative.objects.get()
    assert response.url == initiative.get_absolute_url()
    assert initiative.external_id == "bo-trygt-paa-laesoe"
    assert initiative.status == "active"
    assert initiative.owner_municipality is None
    assert list(initiative.partners.all()) == [trygfonden]
    assert list(initiative.municipalities.all()) == [aalborg]
    assert list(initiative.focus_areas.all()) == [areas[0]]


def test_coordinator_creates_a_local_initiative_of_own_municipality(
    client, koordinator_laesoe, nordjylland, laesoe_kommune
):
    client.force_login(koordinator_laesoe)
    url = reverse("initiatives:initiative_create", args=[nordjylland.slug])

    form = client.get(url).context["form"]
    client.post(url, initiative_form(title="Tryg havn", lead_organisation=laesoe_kommune.pk))

    assert "owner_municipality" not in form.fields
    assert Initiative.objects.get().owner_municipality.name == "Læsø"


def test_coordinator_edits_own_local_initiative(client, koordinator_laesoe, laesoe_lokal):
    client.force_login(koordinator_laesoe)

    client.post(
        reverse("initiatives:initiative_edit", args=[laesoe_lokal.pk]),
        initiative_form(laesoe_lokal, title="Tryg havn og færge"),
    )

    laesoe_lokal.refresh_from_db()
    assert laesoe_lokal.title == "Tryg havn og færge"
    assert laesoe_lokal.owner_municipality.name == "Læsø"
    assert laesoe_lokal.version == 2


def test_stale_edit_of_the_same_field_shows_conflict_and_loses_nothing(
    client, sekretariat, socialbedrageri
):
    url = reverse("initiatives:initiative_edit", args=[socialbedrageri.pk])
    loaded = initiative_form(socialbedrageri)
    client.force_login(sekretariat)
    client.post(url, {**loaded, "title": "Socialbedrageri: pilotprojekt"})

    response = client.post(url, {**loaded, "title": "Socialbedrageri i Aalborg og Læsø"})

    assert response.status_code == 409
    assert response.context["conflict"] == [
        ("Titel", "Socialbedrageri: pilotprojekt", "Socialbedrageri i Aalborg og Læsø")
    ]
    socialbedrageri.refresh_from_db()
    assert socialbedrageri.title == "Socialbedrageri: pilotprojekt"
    form = response.context["form"]
    assert form["title"].value() == "Socialbedrageri i Aalborg og Læsø"
    assert str(form["version"].value()) == str(socialbedrageri.version)


def test_stale_edits_of_different_fields_are_both_saved(client, sekretariat, socialbedrageri):
    url = reverse("initiatives:initiative_edit", args=[socialbedrageri.pk])
    loaded = initiative_form(socialbedrageri)
    client.force_login(sekretariat)
    client.post(url, {**loaded, "title": "Socialbedrageri: pilotprojekt"})

    response = client.post(url, {**loaded, "weight": 3}, follow=True)

    socialbedrageri.refresh_from_db()
    assert (socialbedrageri.title, socialbedrageri.weight) == ("Socialbedrageri: pilotprojekt", 3)
    assert "begge ændringer er gemt" in response.content.decode()


def test_initiative_ending_before_it_starts_is_refused(client, sekretariat, socialbedrageri):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:initiative_edit", args=[socialbedrageri.pk]),
        initiative_form(socialbedrageri, starts="2023-05-01", ends="2023-04-01"),
    )

    assert response.context["form"].errors == {"ends": ["Slutdatoen ligger før startdatoen."]}
    socialbedrageri.refresh_from_db()
    assert socialbedrageri.version == 1


def test_external_id_is_unique_in_the_district(client, sekretariat, socialbedrageri, bo_trygt):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:initiative_edit", args=[bo_trygt.pk]),
        initiative_form(bo_trygt, external_id=socialbedrageri.external_id),
    )

    assert response.context["form"].errors == {
        "external_id": ["Det eksterne id er allerede brugt i politikredsen."]
    }


def test_lineage_cannot_run_in_a_circle(client, sekretariat, socialbedrageri, bo_trygt):
    bo_trygt.continues = socialbedrageri
    bo_trygt.save()
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:initiative_edit", args=[socialbedrageri.pk]),
        initiative_form(socialbedrageri, continues=bo_trygt.pk),
    )

    assert "heller ikke gennem andre indsatser" in str(response.context["form"].errors["continues"])


def test_both_years_show_the_lineage(client, raadsmedlem, nordjylland, politi_nord):
    old = factories.initiative(
        "Frederikshavn fri for narko", district=nordjylland, lead=politi_nord, status="finished"
    )
    new = factories.initiative(
        "No drugs more hugs", district=nordjylland, lead=politi_nord, continues=old
    )
    client.force_login(raadsmedlem)

    old_page = client.get(old.get_absolute_url()).content.decode()
    new_page = client.get(new.get_absolute_url()).content.decode()

    assert "Videreført som:" in old_page
    assert new.get_absolute_url() in old_page
    assert "Viderefører:" in new_page
    assert old.get_absolute_url() in new_page


def test_permanent_initiative_says_so(client, raadsmedlem, nordjylland, politi_nord):
    koer_rent = factories.initiative(
        "Kør rent!", district=nordjylland, lead=politi_nord, status="permanent"
    )
    client.force_login(raadsmedlem)

    page = client.get(koer_rent.get_absolute_url()).content.decode()

    assert "Indsatsen er gjort permanent" in page


def test_detail_shows_focus_areas_by_year_with_their_numbers(client, raadsmedlem, socialbedrageri):
    client.force_login(raadsmedlem)

    response = client.get(socialbedrageri.get_absolute_url())

    assert [(area.plan.year, number) for area, number in response.context["focus_areas"]] == [
        (2023, "03.2")
    ]


def test_secretariat_moves_the_status_on(client, sekretariat, socialbedrageri):
    client.force_login(sekretariat)

    client.post(
        reverse("initiatives:initiative_status", args=[socialbedrageri.pk]),
        {"status": "permanent", "version": socialbedrageri.version},
    )

    socialbedrageri.refresh_from_db()
    assert socialbedrageri.status == "permanent"


def test_status_cannot_jump_from_planned_to_finished(socialbedrageri, sekretariat):
    socialbedrageri.status = "planned"

    with pytest.raises(actions.InitiativeStateError, match=r"planlagt.*kan ikke blive »afsluttet«"):
        actions.change_status(
            socialbedrageri, status="finished", expected_version=1, by=sekretariat
        )


def test_stale_status_change_changes_nothing(client, sekretariat, socialbedrageri):
    client.force_login(sekretariat)
    client.post(
        reverse("initiatives:initiative_status", args=[socialbedrageri.pk]),
        {"status": "permanent", "version": 1},
    )

    response = client.post(
        reverse("initiatives:initiative_status", args=[socialbedrageri.pk]),
        {"status": "stopped", "version": 1},
        follow=True,
    )

    socialbedrageri.refresh_from_db()
    assert socialbedrageri.status == "permanent"
    assert "ændret af en anden" in response.content.decode()


# The list ------------------------------------------------------------------------------------


@pytest.fixture
def reported(socialbedrageri, bo_trygt, laesoe_lokal, sekretariat):
    factories.status_update(
        socialbedrageri, period="2023K1", progress=30, light="challenged", author=sekretariat
    )
    factories.status_update(bo_trygt, period="2023K1", progress=60, author=sekretariat)
    return [socialbedrageri, bo_trygt, laesoe_lokal]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The list opens on the newest plan year; Læsø's own initiative serves no plan.
        ({}, ["Bo trygt", "Pilotprojekt om socialbedrageri"]),
        ({"year": "alle"}, ["Bo trygt", "Pilotprojekt om socialbedrageri", "Tryg havn på Læsø"]),
        (
            {"status": "active", "year": "alle"},
            ["Bo trygt", "Pilotprojekt om socialbedrageri", "Tryg havn på Læsø"],
        ),
        ({"status": "finished"}, []),
        ({"year": 2023}, ["Bo trygt", "Pilotprojekt om socialbedrageri"]),
        ({"light": "challenged"}, ["Pilotprojekt om socialbedrageri"]),
        ({"light": "on_track"}, ["Bo trygt"]),
        ({"light": "ingen", "year": "alle"}, ["Tryg havn på Læsø"]),
    ],
)
def test_secretariat_filters_the_list(client, sekretariat, nordjylland, reported, query, expected):
    client.force_login(sekretariat)

    response = client.get(reverse("initiatives:initiatives", args=[nordjylland.slug]), query)

    assert [i.title for i in response.context["initiatives"]] == expected


def test_list_filters_by_focus_area_and_municipality(
    client, sekretariat, nordjylland, reported, areas, aalborg, hjoerring, laesoe
):
    client.force_login(sekretariat)
    url = reverse("initiatives:initiatives", args=[nordjylland.slug])

    def titles(query):
        return [i.title for i in client.get(url, query).context["initiatives"]]

    assert titles({"focus_area": areas[1].pk}) == ["Pilotprojekt om socialbedrageri"]
    assert titles({"municipality": aalborg.pk}) == ["Bo trygt", "Pilotprojekt om socialbedrageri"]
    assert titles({"municipality": hjoerring.pk}) == ["Bo trygt"]
    assert titles({"municipality": laesoe.pk, "year": "alle"}) == [
        "Bo trygt",
        "Pilotprojekt om socialbedrageri",
        "Tryg havn på Læsø",
    ]


def test_coordinator_sees_district_initiatives_and_only_own_local_ones(
    client, koordinator_hjoerring, nordjylland, reported
):
    client.force_login(koordinator_hjoerring)

    response = client.get(reverse("initiatives:initiatives", args=[nordjylland.slug]))

    assert [i.title for i in response.context["initiatives"]] == [
        "Bo trygt",
        "Pilotprojekt om socialbedrageri",
    ]


def test_filtering_with_htmx_returns_only_the_results(client, sekretariat, nordjylland, reported):
    client.force_login(sekretariat)

    response = client.get(
        reverse("initiatives:initiatives", args=[nordjylland.slug]),
        {"status": "active"},
        headers={"HX-Request": "true", "HX-Target": "initiative-results"},
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="initiative-results"')
    assert "Bo trygt" in page


def make_initiatives(n, *, district, lead, municipalities, partners, author, areas):
    for i in range(n):
        initiative = factories.initiative(
            f"Indsats {Initiative.objects.count()}",
            district=district,
            lead=lead,
            municipalities=municipalities,
            partners=partners,
            focus_areas=areas,
        )
        factories.status_update(initiative, period="2023K1", progress=10 * i, author=author)
        factories.milestone(initiative, "Evaluering", due_date=datetime.date(2023, 3, 1))


def test_list_query_count_does_not_grow(
    client, sekretariat, nordjylland, politi_nord, trygfonden, aalborg, laesoe, areas
):
    client.force_login(sekretariat)
    url = reverse("initiatives:initiatives", args=[nordjylland.slug])
    world = {
        "district": nordjylland,
        "lead": politi_nord,
        "municipalities": [aalborg, laesoe],
        "partners": [trygfonden],
        "author": sekretariat,
        "areas": areas,
    }
    make_initiatives(1, **world)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_initiatives(2, **world)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(response.context["initiatives"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_detail_query_count_does_not_grow_with_milestones_and_reports(
    client, koordinator_laesoe, socialbedrageri, sekretariat, trygfonden
):
    socialbedrageri.partners.add(trygfonden)
    client.force_login(koordinator_laesoe)
    url = socialbedrageri.get_absolute_url()

    def add(n):
        for _ in range(n):
            factories.milestone(socialbedrageri, "Evaluering", due_date=datetime.date(2023, 3, 1))
            factories.status_update(
                socialbedrageri, period="2023K1", progress=50, author=sekretariat
            )

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(2)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(response.context["updates"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)
