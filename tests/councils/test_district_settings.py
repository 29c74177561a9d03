"""District settings: how many lokalråd a municipality has, and whether the handleplan duty
applies."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kredsraad.councils import actions
from kredsraad.councils.models import Council, LocalCouncils
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.document import plan_content


def _new_lokalraad(district, municipality, administrator, name="Lokalråd Nord"):
    return actions.create_council(
        by=administrator,
        kind=Council.Kind.LOCAL,
        district=district,
        municipality=municipality,
        name=name,
    )


def test_a_second_lokalraad_in_a_municipality_is_refused_with_one_per_municipality(
    nordjylland, hjoerring, administrator
):
    before = Council.objects.filter(municipality=hjoerring).count()

    with pytest.raises(ValidationError, match="Kommunen har allerede et lokalråd: Hjørring"):
        _new_lokalraad(nordjylland, hjoerring, administrator)

    assert Council.objects.filter(municipality=hjoerring).count() == before


def test_several_lokalraad_in_a_municipality_are_allowed_when_the_district_says_so(
    nordjylland, hjoerring, administrator
):
    nordjylland.local_councils = LocalCouncils.SEVERAL
    nordjylland.save()

    _new_lokalraad(nordjylland, hjoerring, administrator, name="Lokalråd Sindal")

    assert Council.objects.filter(municipality=hjoerring, kind="local").count() >= 2


def test_no_lokalraad_can_be_created_where_the_district_has_none(
    nordjylland, hjoerring, administrator
):
    nordjylland.local_councils = LocalCouncils.NONE
    nordjylland.save()

    with pytest.raises(ValidationError, match="har ingen lokalråd"):
        _new_lokalraad(nordjylland, hjoerring, administrator, name="Lokalråd Sindal")


def test_administrator_changes_the_district_settings_on_its_page(
    client, nordjylland, administrator
):
    client.force_login(administrator)

    response = client.post(
        reverse("councils:district_settings", args=[nordjylland.slug]),
        {
            "phone": "",
            "email": "",
            "website": "",
            "local_councils": "several",
            "action_plans_required": "",
            "version": nordjylland.version,
        },
    )

    nordjylland.refresh_from_db()
    assert response.status_code == 302
    assert (nordjylland.local_councils, nordjylland.action_plans_required) == ("several", False)


def test_secretariat_cannot_change_the_district_settings(client, nordjylland, sekretariat):
    client.force_login(sekretariat)

    response = client.get(reverse("councils:district_settings", args=[nordjylland.slug]))

    assert response.status_code == 404


def test_without_the_handleplan_duty_nothing_is_missing(nordjylland, sekretariat, lokalraad_laesoe):
    nordjylland.action_plans_required = False
    nordjylland.save()
    plan = plan_actions.create_plan(nordjylland, year=2020, by=sekretariat)

    section = next(s for s in plan_content(plan)["sections"] if s["kind"] == "local_councils")

    statuses = {row["status"] for row in section["generated"]}
    assert statuses == {"Ingen handleplanspligt"}


def test_without_the_handleplan_duty_the_compliance_page_has_no_handleplan_check(
    nordjylland, sekretariat, lokalraad_laesoe
):
    from kredsraad.meetings.compliance import compliance

    nordjylland.action_plans_required = False
    nordjylland.save()
    plan_actions.create_plan(nordjylland, year=2020, by=sekretariat)

    checks = compliance(Council.objects.get(pk=lokalraad_laesoe.pk), 2020)

    assert "action_plans" not in [check.code for check in checks]
