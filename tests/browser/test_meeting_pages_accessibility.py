"""Every meeting page, on the demo's meetings, opened by the people who use them and checked with
axe-core (EN 301 549)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from kredsraad.meetings.models import AgendaItem, Meeting

from .test_plan_pages_accessibility import COORDINATOR, MEMBER, SECRETARIAT, SLUG, sign_in_as


@pytest.fixture
def demo(transactional_db):
    call_command("demo", "--quiet")
    past = Meeting.objects.get(title="Kredsrådets møde 2. kvartal 2023")
    upcoming = Meeting.objects.get(title="Kredsrådets næste møde")
    return {
        "past": past,
        "upcoming": upcoming,
        "item": past.items.order_by("position").first(),
        "closed": AgendaItem.objects.filter(closed=True).first(),
        "local": Meeting.objects.get(title="Lokalrådets næste møde"),
    }


@pytest.mark.django_db(transaction=True)
def test_every_meeting_page_of_the_secretariat_passes_axe(page, demo):
    past, upcoming, item = demo["past"], demo["upcoming"], demo["item"]
    council = past.council
    sign_in_as(page, SECRETARIAT)

    urls = [
        reverse("meetings:district_meetings", args=[SLUG]),
        reverse("meetings:meetings", args=[council.pk]),
        reverse("meetings:meeting_create", args=[council.pk]),
        reverse("meetings:compliance", args=[council.pk]) + "?aar=2023",
        reverse("meetings:meeting", args=[past.pk]),
        reverse("meetings:meeting_history", args=[past.pk]),
        reverse("meetings:minutes", args=[past.pk]),
        reverse("meetings:item", args=[item.pk]),
        reverse("meetings:item", args=[demo["closed"].pk]),
        reverse("meetings:meeting", args=[upcoming.pk]),
        reverse("meetings:meeting_edit", args=[upcoming.pk]),
        reverse("meetings:item_create", args=[upcoming.pk]),
        reverse("meetings:item_edit", args=[upcoming.items.first().pk]),
        reverse("meetings:proposals", args=[upcoming.pk]),
        reverse("meetings:calendar_settings"),
        reverse("initiatives:dashboard", args=[SLUG]),
    ]
    for url in urls:
        page.goto(url)

    # A form error, and the page that shows a new calendar address once.
    page.goto(reverse("meetings:meeting_edit", args=[upcoming.pk]))
    page.page.get_by_label("Sted", exact=True).fill("")
    page.page.get_by_role("button", name="Gem").click()
    page.check()
    assert page.page.locator(".form-error-message").count() >= 1
    page.goto(reverse("meetings:calendar_settings"))
    page.page.get_by_role("button", name="Lav en kalenderadresse").click()
    page.check()
    assert len(page.visited) >= len(urls) + 3


@pytest.mark.django_db(transaction=True)
def test_the_coordinators_and_the_members_meeting_pages_pass_axe(page, demo):
    local, past = demo["local"], demo["past"]
    sign_in_as(page, COORDINATOR)
    for url in [
        reverse("meetings:meetings", args=[local.council_id]),
        reverse("meetings:meeting", args=[local.pk]),
        reverse("meetings:proposals", args=[local.pk]),
        reverse("meetings:compliance", args=[local.council_id]),
        reverse("meetings:meeting", args=[past.pk]),
        reverse("meetings:minutes", args=[past.pk]),
    ]:
        page.goto(url)
    page.goto(reverse("meetings:item", args=[demo["closed"].pk]), expect_status=404)
    page.page.get_by_role("button", name="Log ud").click()
    page.check()

    sign_in_as(page, MEMBER)
    for url in [
        reverse("meetings:meeting", args=[past.pk]),
        reverse("meetings:item", args=[demo["closed"].pk]),
        reverse("meetings:minutes", args=[past.pk]),
    ]:
        page.goto(url)
