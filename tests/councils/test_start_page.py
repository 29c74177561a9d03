"""The personal start page everyone lands on after signing in: their next meetings with their
own attendance, their deadlines, what waits for them and what changed, each role seeing its
own and never another district's."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kredsraad.accounts.models import RoleAssignment
from kredsraad.meetings.models import Meeting, Minutes, Participant
from kredsraad.plans import actions as plan_actions
from tests import factories


def meeting_in(council, days: int, *, status=Meeting.Status.PLANNED, **values) -> Meeting:
    starts = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    starts += datetime.timedelta(days=days)
    return Meeting.objects.create(
        council=council,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
        status=status,
        **values,
    )


def seat(meeting, person, **values) -> Participant:
    return Participant.objects.create(meeting=meeting, person=person, kind="member", **values)


def main_of(response) -> str:
    """The page's own content, without the header's buttons (Log ud, English)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def section(page: str, heading_id: str) -> str:
    """One section of the start page, from its heading to the next section."""
    begin = page.index(f'id="{heading_id}"')
    end = page.find("<section", begin)
    return page[begin:] if end == -1 else page[begin:end]


def start(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("councils:home"))
    assert response.status_code == 200
    return main_of(response)


@pytest.fixture
def member_person(raadsmedlem, politi_nord):
    """The rådsmedlem's Person, its e-mail spelled in other letters' case than the user's."""
    return factories.person(
        title="Borgmester",
        organisation=politi_nord,
        name="Rådsmedlem Nord",
        email=raadsmedlem.email.upper(),
    )


# Meetings and attendance ---------------------------------------------------------------------


def test_raadsmedlem_sees_the_agenda_state_and_their_own_afbud(
    client, raadsmedlem, member_person, kredsraad_nord
):
    sent = meeting_in(
        kredsraad_nord,
        3,
        status=Meeting.Status.AGENDA_SENT,
        agenda_sent_at=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC),
    )
    seat(sent, member_person, absence_reported_at=timezone.now())
    planned = meeting_in(kredsraad_nord, 20)
    seat(planned, member_person)

    page = start(client, raadsmedlem)

    assert "Dagsorden udsendt den 1. december 2026" in page
    assert "Du har meldt afbud" in page
    assert "Planlagt; dagsordenen er ikke udsendt" in page
    assert "Du deltager" in page
    assert page.count(">Meld afbud<") == 1
    assert reverse("meetings:absence", args=[planned.pk]) in page
    assert page.index(f"/moeder/{sent.pk}/") < page.index(f"/moeder/{planned.pk}/")


def test_secretariat_not_invited_is_told_so(client, sekretariat, kredsraad_nord):
    meeting_in(kredsraad_nord, 5)

    page = start(client, sekretariat)

    assert "Du er ikke indkaldt" in page


def test_another_districts_meetings_never_appear(
    client, raadsmedlem, member_person, kredsraad_nord, kredsraad_midtvest
):
    # Even a seat at the other district's meeting (a guest's) does not show it.
    other = meeting_in(kredsraad_midtvest, 4, title="Midt- og Vestjyllands møde")
    seat(other, member_person)
    meeting_in(kredsraad_nord, 6, title="Nordjyllands møde")

    page = start(client, raadsmedlem)

    assert "Nordjyllands møde" in section(page, "meetings-heading")
    assert "Midt- og Vestjyllands møde" not in page


def test_a_user_with_roles_in_two_districts_sees_the_meetings_of_both(
    client, koordinator_hjoerring, lokalraad_hjoerring, kredsraad_midtvest
):
    RoleAssignment.objects.create(
        user=koordinator_hjoerring,
        role=RoleAssignment.Role.COUNCIL_MEMBER,
        council=kredsraad_midtvest,
    )
    meeting_in(lokalraad_hjoerring, 3, title="Hjørrings møde")
    meeting_in(kredsraad_midtvest, 5, title="Midtvests møde")

    page = start(client, koordinator_hjoerring)

    assert "Dine roller:" in page
    meetings = section(page, "meetings-heading")
    assert "Hjørrings møde" in meetings
    assert "Midtvests møde" in meetings
    assert "Dine politikredse" in page


def test_a_user_with_roles_in_two_districts_switches_between_them_from_the_start_page(
    client, koordinator_hjoerring, kredsraad_midtvest, nordjylland, midtvest
):
    RoleAssignment.objects.create(
        user=koordinator_hjoerring,
        role=RoleAssignment.Role.COUNCIL_MEMBER,
        council=kredsraad_midtvest,
    )
    client.force_login(koordinator_hjoerring)

    response = client.get(reverse("councils:home"))

    # The header's switcher shows the page's own list of districts (read once).
    assert list(response.context["user_districts"]) == [midtvest, nordjylland]
    assert "Skift politikreds" in response.content.decode()


def test_held_and_cancelled_meetings_of_the_past_are_left_out(client, raadsmedlem, kredsraad_nord):
    meeting_in(kredsraad_nord, -10, status=Meeting.Status.HELD, title="Sidste måneds møde")

    page = start(client, raadsmedlem)

    meetings = section(page, "meetings-heading")
    assert "Sidste måneds møde" not in meetings
    assert "Du har ingen kommende møder." in meetings


# Deadlines ------------------------------------------------------------------------------------


@pytest.fixture
def next_years_plan(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=timezone.localdate().year + 1, by=sekretariat)


def test_koordinator_sees_only_their_municipalitys_handleplan_deadline(
    client, koordinator_hjoerring, lokalraad_hjoerring, lokalraad_laesoe, next_years_plan
):
    page = start(client, koordinator_hjoerring)

    year = next_years_plan.year
    assert f"Handleplanen for {year}, {lokalraad_hjoerring.name}: ikke påbegyndt" in page
    assert lokalraad_laesoe.name not in page
    assert "Skriv handleplanen" in page


def test_no_handleplan_deadline_where_the_district_has_no_duty(
    client, koordinator_hjoerring, nordjylland, next_years_plan
):
    nordjylland.action_plans_required = False
    nordjylland.save()

    page = start(client, koordinator_hjoerring)

    assert "Handleplanen for" not in page


def test_koordinator_sees_the_status_update_due_this_quarter(
    client, koordinator_hjoerring, nordjylland, politi_nord, hjoerring
):
    factories.initiative("Tryg natteliv", district=nordjylland, lead=politi_nord, owner=hjoerring)

    page = start(client, koordinator_hjoerring)

    assert "indsatsen »Tryg natteliv« mangler (1 forsinket fra sidste kvartal)" in page
    assert "Indberet status" in page


def test_status_updates_count_in_the_plural(client, sekretariat, nordjylland, politi_nord):
    for title in ("Tryg natteliv", "Nabohjælp"):
        factories.initiative(title, district=nordjylland, lead=politi_nord)

    page = start(client, sekretariat)

    assert "2 af 2 indsatser mangler (2 forsinkede fra sidste kvartal)" in page


def test_secretariat_sees_minutes_waiting_for_approval(client, sekretariat, kredsraad_nord):
    held = meeting_in(kredsraad_nord, -5, status=Meeting.Status.HELD)
    Minutes.objects.create(meeting=held)

    page = start(client, sekretariat)

    assert f"Referatet fra mødet i {kredsraad_nord.name}" in page
    assert "venter på godkendelse" in page


def test_raadsmedlem_is_not_given_the_secretariats_minutes(client, raadsmedlem, kredsraad_nord):
    meeting_in(kredsraad_nord, -5, status=Meeting.Status.HELD)

    page = start(client, raadsmedlem)

    assert "Referatet fra mødet" not in page


# What waits -----------------------------------------------------------------------------------


def test_secretariat_is_told_of_an_agenda_not_sent_within_two_weeks(
    client, sekretariat, kredsraad_nord
):
    meeting_in(kredsraad_nord, 10)
    meeting_in(kredsraad_nord, 40)

    page = start(client, sekretariat)

    assert section(page, "tasks-heading").count("er ikke udsendt") == 1
    assert "Til mødet" in page


def test_secretariat_is_told_of_paragraphs_to_review(client, sekretariat, next_years_plan):
    section = next_years_plan.sections.first()
    section.needs_review = True
    section.save()

    page = start(client, sekretariat)

    assert f"{next_years_plan.title}: 1 afsnit skal gennemses" in page
    assert "Gennemse planen" in page


def test_analytiker_is_offered_no_step_to_take(
    client, analytiker, kredsraad_nord, next_years_plan, nordjylland, politi_nord
):
    meeting_in(kredsraad_nord, 3)
    meeting_in(kredsraad_nord, -5, status=Meeting.Status.HELD)
    factories.initiative("Tryg natteliv", district=nordjylland, lead=politi_nord)
    section = next_years_plan.sections.first()
    section.needs_review = True
    section.save()

    page = start(client, analytiker)

    assert 'class="button' not in page
    assert "Intet venter på dig lige nu." in page


# The menu ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "offered"),
    [
        ("sekretariat", True),
        ("koordinator_hjoerring", True),
        ("administrator", True),
        ("raadsmedlem", False),
        ("analytiker", False),
    ],
)
def test_only_those_who_report_are_offered_mine_opdateringer(
    client, request, nordjylland, persona, offered
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("initiatives:dashboard", args=[nordjylland.slug]))

    assert ("Mine opdateringer" in response.content.decode()) == offered


def test_the_menu_has_forside_and_overblik_but_no_oversigt(client, koordinator_hjoerring):
    client.force_login(koordinator_hjoerring)

    html = client.get(reverse("councils:home")).content.decode()

    assert "Forside" in html
    assert "Overblik" in html
    assert "Kommuner og råd" in html
    assert "Oversigt" not in html


# Singular and plural --------------------------------------------------------------------------


def test_koordinator_reads_the_districts_own_number_of_municipalities(
    client, koordinator_hjoerring, nordjylland
):
    client.force_login(koordinator_hjoerring)

    html = client.get(nordjylland.get_absolute_url()).content.decode()

    assert "Samarbejdet mellem politiet og 9 kommuner." in html


def test_a_district_of_one_municipality_says_kommune(client, db):
    bornholm = factories.district("bornholms-politi")
    client.force_login(factories.user(role="secretariat", district=bornholm))

    html = client.get(bornholm.get_absolute_url()).content.decode()

    assert "Samarbejdet mellem politiet og 1 kommune." in html


# Landing ---------------------------------------------------------------------------------------


def test_everyone_lands_on_their_start_page_after_signing_in(client, koordinator_hjoerring):
    response = client.post(
        reverse("accounts:login"),
        {"username": koordinator_hjoerring.email, "password": factories.PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("councils:home"), 302)]
    assert "Dine næste møder" in response.content.decode()


def test_a_visitor_at_the_start_page_is_sent_to_sign_in(client):
    response = client.get(reverse("councils:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_old_district_page_still_answers(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.get(nordjylland.get_absolute_url())

    assert response.status_code == 200


# Recent changes ---------------------------------------------------------------------------------


def test_recent_changes_show_only_what_the_user_may_see(
    client,
    koordinator_hjoerring,
    sekretariat,
    nordjylland,
    midtvest,
    politi_nord,
    politi_midtvest,
    laesoe,
):
    factories.initiative("Nordjysk indsats", district=nordjylland, lead=politi_nord)
    factories.initiative("Læsøs egen indsats", district=nordjylland, lead=politi_nord, owner=laesoe)
    factories.initiative("Midtvestjysk indsats", district=midtvest, lead=politi_midtvest)

    page = start(client, koordinator_hjoerring)

    assert "Indsats: Nordjysk indsats" in page
    assert "Læsøs egen indsats" not in page
    assert "Midtvestjysk indsats" not in page


# Query count ------------------------------------------------------------------------------------


def _queries_for(client, user) -> int:
    client.force_login(user)
    client.get(reverse("councils:home"))  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("councils:home"))
    assert response.status_code == 200
    return len(queries)


def _world(numbers, *, district, council, politi, person, municipality):
    for n in numbers:
        meeting = meeting_in(council, 2 + n * 3, title=f"Møde {n}")
        seat(meeting, person)
        meeting_in(council, -40 - n * 3, status=Meeting.Status.HELD)
        factories.initiative(f"Indsats {n}", district=district, lead=politi, owner=municipality)


@pytest.mark.parametrize("persona", ["sekretariat", "koordinator_hjoerring", "raadsmedlem"])
def test_start_page_query_count_does_not_grow_with_meetings_and_initiatives(
    client,
    request,
    persona,
    nordjylland,
    kredsraad_nord,
    lokalraad_hjoerring,
    hjoerring,
    politi_nord,
    next_years_plan,
):
    user = request.getfixturevalue(persona)
    person = factories.person(title="Medlem", organisation=politi_nord, email=user.email)
    council = lokalraad_hjoerring if persona == "koordinator_hjoerring" else kredsraad_nord
    world = {"district": nordjylland, "council": council, "politi": politi_nord, "person": person}
    _world(range(1), municipality=hjoerring, **world)
    one = _queries_for(client, user)

    _world(range(1, 5), municipality=hjoerring, **world)
    five = _queries_for(client, user)

    assert five == one
