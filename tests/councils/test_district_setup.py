"""Setting a district up in one step: from the registry, the police and municipal organisations,
the kredsråd and lokalråd with their statutory seats, and an empty plan for the year; run again,
nothing changes. Only the administrator may do it, from the CLI or the district page."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pghistory.models import Events

from kredsraad.councils.models import (
    Council,
    LocalCouncils,
    Membership,
    Organisation,
    Person,
    PoliceDistrict,
)
from kredsraad.plans.models import CooperationPlan, PlanSection
from kredsraad.plans.setup import preview_setup, set_up_district
from tests import factories

Role = Membership.Role
MIDTVEST_MUNICIPALITIES = 11


def counts() -> dict[str, int]:
    models = (Organisation, Council, Person, Membership, CooperationPlan, PlanSection, Events)
    return {model.__name__: model.objects.count() for model in models}


def seats(council) -> list[tuple[str, str, str]]:
    return sorted(
        (m.person.title, m.person.organisation.name, m.role)
        for m in council.memberships.select_related("person__organisation")
    )


def test_administrator_sets_up_a_district_from_the_registry(midtvest, administrator):
    result = set_up_district(midtvest, year=2027, by=administrator)

    police = Organisation.objects.get(district=midtvest, kind=Organisation.Kind.POLICE)
    assert police.name == "Midt- og Vestjyllands Politi"
    kommuner = Organisation.objects.filter(district=midtvest, kind=Organisation.Kind.MUNICIPALITY)
    assert kommuner.count() == MIDTVEST_MUNICIPALITIES
    holstebro = kommuner.get(municipality__code=661)
    assert holstebro.name == "Holstebro Kommune"
    kredsraad = Council.objects.get(district=midtvest, kind=Council.Kind.DISTRICT)
    kredsraad_seats = seats(kredsraad)
    assert kredsraad_seats[-1] == ("Politidirektør", "Midt- og Vestjyllands Politi", Role.CHAIR)
    assert ("Borgmester", "Holstebro Kommune", Role.MEMBER) in kredsraad_seats
    assert len(kredsraad_seats) == 1 + MIDTVEST_MUNICIPALITIES
    lokalraad = Council.objects.get(municipality__code=661)
    assert seats(lokalraad) == [
        ("Borgmester", "Holstebro Kommune", Role.MEMBER),
        ("Lokalpolitileder for Holstebro Kommune", "Midt- og Vestjyllands Politi", Role.CHAIR),
    ]
    plan = CooperationPlan.objects.get(district=midtvest, year=2027)
    assert plan.status == CooperationPlan.Status.DRAFT
    assert plan.sections.exists()
    # The registry gave every district its kredsråd and every municipality a lokalråd.
    assert {step.what for step in result.unchanged} == {"Kredsråd", "Lokalråd"}


def test_setting_up_a_district_again_changes_nothing(midtvest, administrator):
    set_up_district(midtvest, year=2027, by=administrator)
    before = counts()

    result = set_up_district(midtvest, year=2027, by=administrator)

    assert counts() == before
    assert result.created == []


def test_the_preview_lists_what_the_setup_creates_and_saves_nothing(midtvest, administrator):
    before = counts()

    preview = preview_setup(midtvest, year=2027)

    assert counts() == before
    created = set_up_district(midtvest, year=2027, by=administrator).created
    assert preview.created == created


def test_district_without_lokalraad_gets_no_lokalraad_seats(midtvest, administrator):
    PoliceDistrict.objects.filter(pk=midtvest.pk).update(local_councils=LocalCouncils.NONE)
    midtvest.refresh_from_db()
    local_before = Council.objects.filter(district=midtvest, kind=Council.Kind.LOCAL).count()

    result = set_up_district(midtvest, year=2027, by=administrator)

    assert Council.objects.filter(district=midtvest, kind=Council.Kind.LOCAL).count() == (
        local_before
    )
    assert not Membership.objects.filter(council__district=midtvest, council__kind="local").exists()
    assert not [step for step in result.steps if step.what == "Lokalråd"]


def test_a_council_with_a_chair_keeps_it(midtvest, administrator, kredsraad_midtvest):
    police = factories.organisation(
        "Midt- og Vestjyllands Politi", district=midtvest, kind="police"
    )
    acting = factories.person(title="Konstitueret politidirektør", organisation=police)
    factories.membership(kredsraad_midtvest, acting, role=Role.CHAIR)

    set_up_district(midtvest, year=2027, start=datetime.date(2027, 1, 1), by=administrator)

    chairs = kredsraad_midtvest.memberships.filter(role=Role.CHAIR)
    assert [m.person.title for m in chairs] == ["Konstitueret politidirektør"]
    director = kredsraad_midtvest.memberships.get(person__title="Politidirektør")
    assert director.role == Role.MEMBER


def test_setup_leaves_an_existing_plan_alone(midtvest, administrator):
    factories_plan = CooperationPlan.objects.create(
        district=midtvest, year=2027, title="Vores plan", action_plans_due=datetime.date(2027, 2, 1)
    )

    result = set_up_district(midtvest, year=2027, by=administrator)

    assert CooperationPlan.objects.get(district=midtvest, year=2027) == factories_plan
    assert not factories_plan.sections.exists()
    assert [s.name for s in result.unchanged if s.what == "Samarbejdsplan"] == ["Vores plan"]


# The command ----------------------------------------------------------------------------------


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("districts", "setup", *args, stdout=out)
    return out.getvalue()


def test_command_prints_what_it_created_and_then_unchanged(midtvest):
    first = run("midt-og-vestjyllands-politi", "--year", "2027")
    before = counts()

    second = run("midt-og-vestjyllands-politi", "--year", "2027")

    assert "oprettet  Politi: Midt- og Vestjyllands Politi" in first
    assert "oprettet  Samarbejdsplan: Kredsrådets samarbejdsplan 2027" in first
    assert "uændret   Politi: Midt- og Vestjyllands Politi" in second
    assert second.splitlines()[-1] == "Midt- og Vestjyllands Politi: 0 oprettet, 82 uændret."
    assert counts() == before


def test_command_dry_run_saves_nothing(midtvest):
    before = counts()

    output = run("midt-og-vestjyllands-politi", "--dry-run")

    assert "oprettes  Kredsråd" not in output  # the registry made the kredsråd
    assert "oprettes  Politi: Midt- og Vestjyllands Politi" in output
    assert output.splitlines()[-1].endswith("Prøvekørsel: intet er gemt.")
    assert counts() == before


def test_command_refuses_an_unknown_district_in_danish(db):
    before = counts()

    with pytest.raises(CommandError) as refused:
        run("midtjyllands-politi")

    assert str(refused.value).startswith("Ukendt politikreds »midtjyllands-politi«. Brug en af:")
    assert counts() == before


def test_command_refuses_an_implausible_year(midtvest):
    with pytest.raises(CommandError, match="Året skal ligge mellem 2000 og 2100"):
        run("midt-og-vestjyllands-politi", "--year", "1999")


# The page -------------------------------------------------------------------------------------


def setup_url(district) -> str:
    return reverse("plans:district_setup", args=[district.slug])


def test_administrator_confirms_the_setup_on_the_district_page(client, administrator, midtvest):
    client.force_login(administrator)
    district_page = client.get(midtvest.get_absolute_url()).content.decode()
    assert setup_url(midtvest) in district_page

    preview = client.get(setup_url(midtvest), {"year": 2027})
    assert preview.status_code == 200
    assert "Oprettes: 70 rækker" in preview.content.decode()
    assert counts()["Membership"] == 0
    response = client.post(setup_url(midtvest), {"year": 2027}, follow=True)

    assert response.redirect_chain[-1][0] == midtvest.get_absolute_url()
    assert "70 oprettet, 12 fandtes allerede" in response.content.decode()
    assert CooperationPlan.objects.filter(district=midtvest, year=2027).exists()
    again = client.get(setup_url(midtvest), {"year": 2027}).content.decode()
    assert "Alt findes allerede. Der er intet at oprette." in again


def test_setup_page_refuses_a_year_out_of_range(client, administrator, midtvest):
    client.force_login(administrator)
    before = counts()

    posted = client.post(setup_url(midtvest), {"year": 1999})
    shown = client.get(setup_url(midtvest), {"year": "næste år"})

    assert (posted.status_code, shown.status_code) == (400, 400)
    assert "Angiv et år mellem 2000 og 2100." in posted.content.decode()
    assert "Angiv et år mellem 2000 og 2100." in shown.content.decode()
    assert counts() == before


@pytest.mark.parametrize("persona", ["sekretariat_midtvest", "sekretariat", "raadsmedlem"])
def test_only_the_administrator_may_set_up_a_district(client, request, persona, midtvest):
    client.force_login(request.getfixturevalue(persona))
    before = counts()

    seen = client.get(setup_url(midtvest))
    posted = client.post(setup_url(midtvest), {"year": 2027})

    assert (seen.status_code, posted.status_code) == (404, 404)
    assert counts() == before


def test_secretariat_sees_no_setup_button(client, sekretariat_midtvest, midtvest):
    client.force_login(sekretariat_midtvest)

    page = client.get(midtvest.get_absolute_url()).content.decode()

    assert setup_url(midtvest) not in page
