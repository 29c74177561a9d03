"""The rollover review: copied text that names a year or quotes a figure is marked "skal
gennemses" until the secretariat confirms or edits it, and the plan cannot be published before.
Also the new year's empty progress, and each lokalråd's handleplan carried into the new year."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.models import ActionPlan, CooperationPlan, FocusArea, PlanSection
from kredsraad.plans.review import findings, highlighted, marks_of, review_reasons
from tests import factories
from tests.confirming import confirm
from tests.plans.conftest import approved

CRIME_TEXT = (
    "Tallene herunder sammenligner de første tre kvartaler af 2022 med samme kvartaler af 2021."
    "\n\nVoldsforbrydelser tæller hele straffelovens gruppe."
)
AREA_TEXT = "Politiet har to nye nærstationer.\n\nIndbruddene faldt med 12 % og nåede 1.250."
SITUATION_TEXT = "Krigen i Ukraine har siden 2022 skærpet opmærksomheden på forsyningen."


def _write(record, body):
    """Last year's text, as the published plan holds it (written before it was published)."""
    type(record).objects.filter(pk=record.pk).update(body=body)


@pytest.fixture
def rolled(published_2023, sekretariat):
    """2023 with a crime-trend introduction, a text section and a focus area quoting figures
    and years, rolled to 2024."""
    _write(published_2023.sections.get(kind="crime_trends"), CRIME_TEXT)
    _write(published_2023.focus_areas.first(), AREA_TEXT)
    PlanSection.objects.create(
        plan=published_2023, position=6, title="Situationen", body=SITUATION_TEXT
    )
    return actions.roll_over(published_2023, by=sekretariat)


# The rule ------------------------------------------------------------------------------------


def test_a_year_in_a_paragraph_is_found():
    assert [f.why for f in findings("Stalking forklarer stigningen i 2022.")] == [
        "nævner årstallet 2022"
    ]


def test_years_inside_quarters_and_periods_are_found():
    assert [f.why for f in findings("Fra 2022K3 og i 2021-2023.")] == [
        "nævner årstallet 2022",
        "nævner årstallet 2021",
        "nævner årstallet 2023",
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Volden steg 26 %.", "angiver en procentdel (26 %)"),
        ("Et fald på 3,5 pct. i kredsen.", "angiver en procentdel (3,5 pct.)"),
        ("Hele 12 procent flere.", "angiver en procentdel (12 procent)"),
        ("Der var 1.250 i alt.", "angiver tallet 1.250"),
        ("Fremdriften var 49,7.", "angiver tallet 49,7"),
        ("Der kom 312 anmeldelser.", "angiver et antal (312 anmeldelser)"),
        ("Anmeldelserne steg til 312.", "angiver et antal (312 Anmeldelserne)"),
        ("Hele 45 indbrud i beboelser.", "angiver et antal (45 indbrud)"),
    ],
)
def test_a_figure_in_a_paragraph_is_found(text, why):
    assert [f.why for f in findings(text)] == [why]


@pytest.mark.parametrize(
    "text",
    [
        "Politiet åbnede to nye nærstationer.",
        "Rådet mødes 4 gange om året (retsplejelovens § 113).",
        "Mødet begynder kl. 14 i Aalborg.",
        "Se afsnit 05.1 om nærpolitiet.",
        "",
    ],
)
def test_prose_without_a_year_or_a_figure_is_not_marked(text):
    assert review_reasons(text) == []


def test_the_reasons_name_each_marked_paragraph_with_an_excerpt():
    reasons = review_reasons("Ingen tal her.\n\nI 2022 steg volden 26 %.\n\nHeller ikke her.")

    assert reasons == [
        {
            "paragraph": 2,
            "excerpt": "I 2022 steg volden 26 %.",
            "why": "nævner årstallet 2022; angiver en procentdel (26 %)",
        }
    ]


def test_the_excerpt_is_highlighted_where_the_year_and_figure_stand():
    assert highlighted("I 2022 steg volden 26 %.") == [
        ("I ", False),
        ("2022", True),
        (" steg volden ", False),
        ("26 %", True),
        (".", False),
    ]


# Marks at rollover ---------------------------------------------------------------------------


def test_rollover_marks_copied_text_naming_a_year_or_a_figure(rolled):
    crime = rolled.sections.get(kind="crime_trends")
    area = rolled.focus_areas.first()

    assert (crime.needs_review, [r["paragraph"] for r in crime.review_reasons]) == (True, [1])
    assert area.needs_review
    assert area.review_reasons == [
        {
            "paragraph": 2,
            "excerpt": "Indbruddene faldt med 12 % og nåede 1.250.",
            "why": "angiver en procentdel (12 %); angiver tallet 1.250",
        }
    ]
    situation = rolled.sections.get(title="Situationen")
    assert list(rolled.sections.filter(needs_review=True).order_by("position")) == [
        crime,
        situation,
    ]
    assert [m.title for m in marks_of(rolled)] == [crime.title, area.title, situation.title]


def test_the_plan_page_lists_every_mark_with_a_link(client, sekretariat, rolled):
    client.force_login(sekretariat)
    crime = rolled.sections.get(kind="crime_trends")

    response = client.get(rolled.get_absolute_url())

    assert response.context["marks"][0].record == crime
    html = response.content.decode()
    assert "3 afsnit skal gennemses" in html
    assert reverse("plans:section_edit", args=[crime.pk]) in html
    assert rolled.focus_areas.first().get_absolute_url() in html


def test_the_focus_area_page_shows_the_marked_paragraph(client, sekretariat, rolled):
    client.force_login(sekretariat)

    response = client.get(rolled.focus_areas.first().get_absolute_url())

    html = response.content.decode()
    assert "Skal gennemses" in html
    assert "<mark>12 %</mark>" in html
    assert "Bekræft teksten" in html


def test_the_section_page_shows_the_marked_paragraph(client, sekretariat, rolled):
    client.force_login(sekretariat)
    crime = rolled.sections.get(kind="crime_trends")

    response = client.get(reverse("plans:section_edit", args=[crime.pk]))

    assert "<mark>2022</mark>" in response.content.decode()


# Confirming and editing ----------------------------------------------------------------------


def test_secretariat_confirms_a_marked_text_unchanged(client, sekretariat, rolled):
    crime = rolled.sections.get(kind="crime_trends")
    client.force_login(sekretariat)

    response = client.post(
        reverse("plans:section_confirm", args=[crime.pk]),
        {"version": crime.version, "tilbage": "plan"},
    )

    assert response.url == rolled.get_absolute_url()
    crime.refresh_from_db()
    assert (crime.needs_review, crime.review_reasons, crime.body) == (False, [], CRIME_TEXT)


def test_confirming_a_text_changed_meanwhile_changes_nothing(client, sekretariat, rolled):
    area = rolled.focus_areas.first()
    client.force_login(sekretariat)

    client.post(reverse("plans:focus_area_confirm", args=[area.pk]), {"version": area.version - 1})

    area.refresh_from_db()
    assert area.needs_review


def test_confirming_is_refused_once_the_plan_is_published(sekretariat, published_2023):
    section = published_2023.sections.first()

    with pytest.raises(actions.PlanStateError, match="teksten kan ikke længere bekræftes"):
        actions.confirm_reviewed(section, expected_version=section.version, by=sekretariat)


def test_editing_the_text_clears_the_mark(client, sekretariat, rolled):
    situation = rolled.sections.get(title="Situationen")
    client.force_login(sekretariat)

    client.post(
        reverse("plans:section_edit", args=[situation.pk]),
        {"title": situation.title, "body": "Forsyningen følges i 2024.", "version": 1},
    )

    situation.refresh_from_db()
    assert (situation.needs_review, situation.body) == (False, "Forsyningen følges i 2024.")


def test_saving_a_focus_area_without_changing_its_text_keeps_the_mark(sekretariat, rolled):
    area = rolled.focus_areas.first()
    area.title = "Nærpolitiet"

    actions.update_focus_area(area, expected_version=area.version, by=sekretariat)

    area.refresh_from_db()
    assert (area.title, area.needs_review) == ("Nærpolitiet", True)


# Publishing ----------------------------------------------------------------------------------


def test_publishing_is_refused_while_marks_remain(sekretariat, kredsraad_nord, rolled):
    approved(rolled, sekretariat, kredsraad_nord)

    with pytest.raises(actions.PlanStateError) as refused:
        actions.publish_plan(rolled, by=sekretariat)

    assert str(refused.value) == (
        "Planen har 3 afsnit, der skal gennemses, før den kan offentliggøres: "
        "02 Kriminalitetsudviklingen, 03.1 Det lokale samarbejde fra to nye nærstationer, "
        "06 Situationen."
    )
    rolled.refresh_from_db()
    assert (rolled.status, rolled.versions.count()) == ("approved", 0)


def test_publishing_is_allowed_once_every_mark_is_confirmed(sekretariat, kredsraad_nord, rolled):
    approved(rolled, sekretariat, kredsraad_nord)
    for mark in marks_of(rolled):
        actions.confirm_reviewed(mark.record, expected_version=mark.record.version, by=sekretariat)

    version = actions.publish_plan(rolled, by=sekretariat)

    assert (version.number, CooperationPlan.objects.get(pk=rolled.pk).status) == (1, "published")


def test_sending_a_marked_plan_to_discussion_warns(client, sekretariat, rolled):
    client.force_login(sekretariat)

    sent = confirm(client, reverse("plans:plan_send", args=[rolled.pk]))
    response = client.get(sent["Location"])

    shown = [str(m) for m in response.context["messages"]]
    assert shown[0].startswith("Bemærk: 3 afsnit skal gennemses, før planen kan offentliggøres")
    rolled.refresh_from_db()
    assert rolled.status == "discussion"


def test_a_second_rollover_from_the_page_is_refused(client, sekretariat, published_2023):
    client.force_login(sekretariat)
    url = reverse("plans:plan_roll_over", args=[published_2023.pk])
    created = confirm(client, url)
    client.get(created["Location"])  # the new plan's page shows its message

    refused = confirm(client, url)

    response = client.get(refused["Location"])
    assert [str(m) for m in response.context["messages"]] == [
        "Der findes allerede en plan for 2024; den kan ikke oprettes igen."
    ]
    assert CooperationPlan.objects.filter(district=published_2023.district, year=2024).count() == 1


# The new year starts empty -------------------------------------------------------------------


def test_the_new_draft_shows_no_progress_from_last_year(
    client, sekretariat, published_2023, nordjylland, politi_nord
):
    from kredsraad.initiatives.queries import progress_of_focus_areas, progress_of_plan

    area = published_2023.focus_areas.first()
    initiative = factories.initiative(
        "Nærbetjente i Aars", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    factories.status_update(initiative, period="2023K3", progress=50, author=sekretariat)
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)
    client.force_login(sekretariat)

    response = client.get(plan_2024.get_absolute_url())

    assert progress_of_plan(published_2023) == Decimal("50.0")
    assert progress_of_plan(plan_2024) is None
    assert set(progress_of_focus_areas(plan_2024).values()) == {None}
    assert "Ingen statusopdateringer for 2024 endnu." in response.content.decode()
    page = client.get(plan_2024.focus_areas.first().get_absolute_url()).content.decode()
    assert "Ingen statusopdateringer for 2024 endnu" in page


def test_the_new_years_reports_count_for_the_new_plan(
    sekretariat, published_2023, nordjylland, politi_nord
):
    from kredsraad.initiatives.queries import progress_of_plan

    area = published_2023.focus_areas.first()
    initiative = factories.initiative(
        "Nærbetjente i Aars", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )
    factories.status_update(initiative, period="2023K4", progress=80, author=sekretariat)
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)

    factories.status_update(initiative, period="2024K1", progress=10, author=sekretariat)

    assert progress_of_plan(plan_2024) == Decimal("10.0")
    assert progress_of_plan(published_2023) == Decimal("80.0")


# Handleplaner carried over -------------------------------------------------------------------


@pytest.fixture
def handleplan_2023(published_2023, lokalraad_hjoerring, sekretariat, politi_nord, nordjylland):
    action_plan = ActionPlan.objects.create(
        council=lokalraad_hjoerring, plan=published_2023, introduction="I 2023 vil vi …"
    )
    forum = factories.forum("SSP Hjørring", district=nordjylland, lead=politi_nord)
    item = action_plan.items.create(
        position=1,
        title="Tryghedsvandring",
        description="Fire vandringer.",
        focus_area=published_2023.focus_areas.first(),
        starts=datetime.date(2023, 3, 1),
        ends=datetime.date(2023, 6, 30),
    )
    item.partners.set([politi_nord])
    item.forums.set([forum])
    action_plan.items.create(position=2, title="Natteravne", focus_area=None)
    return action_plan


def test_each_lokalraads_handleplan_starts_as_a_copy_of_last_years(
    sekretariat, published_2023, handleplan_2023
):
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)

    copy = ActionPlan.objects.get(plan=plan_2024)
    assert (copy.status, copy.previous, copy.council_id, copy.introduction) == (
        "draft",
        handleplan_2023,
        handleplan_2023.council_id,
        "I 2023 vil vi …",
    )
    walk, night = copy.items.all()
    assert walk.focus_area == FocusArea.objects.get(plan=plan_2024, position=1)
    assert walk.focus_area.previous == published_2023.focus_areas.first()
    assert (walk.starts, walk.ends) == (datetime.date(2024, 3, 1), datetime.date(2024, 6, 30))
    assert [o.name for o in walk.partners.all()] == ["Nordjyllands Politi"]
    assert [f.name for f in walk.forums.all()] == ["SSP Hjørring"]
    assert (night.title, night.focus_area) == ("Natteravne", None)


def test_the_copied_handleplan_says_it_is_a_copy_to_review(
    client, sekretariat, published_2023, handleplan_2023
):
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)
    client.force_login(sekretariat)

    response = client.get(ActionPlan.objects.get(plan=plan_2024).get_absolute_url())

    html = response.content.decode()
    assert "Kopieret fra handleplanen for 2023 \u2013 gennemgå den" in html
    assert "<mark>2023</mark>" in html


def test_no_handleplan_is_carried_where_the_district_has_no_duty(
    sekretariat, published_2023, handleplan_2023, nordjylland
):
    type(nordjylland).objects.filter(pk=nordjylland.pk).update(action_plans_required=False)
    published_2023.district.refresh_from_db()

    plan_2024 = actions.roll_over(published_2023, by=sekretariat)

    assert not ActionPlan.objects.filter(plan=plan_2024).exists()
