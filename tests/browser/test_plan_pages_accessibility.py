"""Every page of the yearly plan, the handleplaner and the initiatives, on the demo's 2023 plan,
opened by the people who use them and checked with axe-core (EN 301 549)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from kredsraad.accounts.models import User
from kredsraad.demo.data import PASSWORD
from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.plans import actions
from kredsraad.plans.models import ActionPlan, CooperationPlan, PlanSection

SECRETARIAT = "sekretariat@demo.kredsraad.dk"
COORDINATOR = "koordinator.hjoerring@demo.kredsraad.dk"
MEMBER = "raadsmedlem@demo.kredsraad.dk"
SLUG = "nordjyllands-politi"


def sign_in_as(page, email):
    page.goto(reverse("accounts:login"))
    page.page.get_by_label("E-mail").fill(email)
    page.page.get_by_label("Adgangskode").fill(PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()
    page.check()


def sign_out(page):
    page.page.get_by_role("button", name="Log ud").click()
    page.check()


@pytest.fixture
def demo(transactional_db):
    call_command("demo", "--quiet")
    plan = CooperationPlan.objects.get(district__slug=SLUG, year=2023)
    secretariat = User.objects.get(email=SECRETARIAT)
    draft = actions.roll_over(plan, by=secretariat)
    hjoerring = ActionPlan.objects.get(plan=plan, council__municipality__name="Hjørring")
    initiative = Initiative.objects.filter(milestones__isnull=False).order_by("pk").first()
    return {
        "plan": plan,
        "draft": draft,
        "section": draft.sections.filter(kind=PlanSection.Kind.TEXT).first(),
        "focus_area": plan.focus_areas.order_by("position").first(),
        "draft_focus_area": draft.focus_areas.order_by("position").first(),
        "hjoerring": hjoerring,
        "item": hjoerring.items.order_by("pk").first(),
        "initiative": initiative,
        "milestone": Milestone.objects.filter(initiative=initiative).order_by("pk").first(),
    }


@pytest.mark.django_db(transaction=True)
def test_every_plan_and_initiative_page_of_the_secretariat_passes_axe(page, demo, tmp_path):
    plan, draft = demo["plan"], demo["draft"]
    area = demo["focus_area"]
    initiative, milestone = demo["initiative"], demo["milestone"]
    sign_in_as(page, SECRETARIAT)

    urls = [
        reverse("plans:plans", args=[SLUG]),
        reverse("plans:plan", args=[plan.pk]),
        reverse("plans:version", args=[plan.pk, 1]),
        reverse("plans:compare", args=[plan.pk]),
        reverse("plans:plan_history", args=[plan.pk]),
        reverse("plans:focus_area", args=[area.pk]),
        reverse("plans:action_plans", args=[plan.pk]),
        reverse("plans:action_plan", args=[demo["hjoerring"].pk]),
        reverse("plans:action_plan_history", args=[demo["hjoerring"].pk]),
        reverse("plans:coverage", args=[plan.pk]),
        reverse("plans:coverage_cell", args=[plan.pk, area.pk, 860]),
        reverse("plans:plan", args=[draft.pk]),
        reverse("plans:plan_edit", args=[draft.pk]),
        reverse("plans:section_create", args=[draft.pk]),
        reverse("plans:section_edit", args=[demo["section"].pk]),
        reverse("plans:focus_area_create", args=[draft.pk]),
        reverse("plans:focus_area_edit", args=[demo["draft_focus_area"].pk]),
        reverse("initiatives:initiatives", args=[SLUG]),
        reverse("initiatives:initiative_create", args=[SLUG]),
        reverse("initiatives:import", args=[SLUG]),
        reverse("initiatives:initiative", args=[initiative.pk]),
        reverse("initiatives:initiative_edit", args=[initiative.pk]),
        reverse("initiatives:initiative_history", args=[initiative.pk]),
        reverse("initiatives:milestone_create", args=[initiative.pk]),
        reverse("initiatives:milestone_edit", args=[milestone.pk]),
        reverse("initiatives:milestone_done", args=[milestone.pk]),
        reverse("initiatives:status_update_create", args=[initiative.pk]),
        reverse("initiatives:my_updates"),
        reverse("initiatives:dashboard", args=[SLUG]),
    ]
    for url in urls:
        page.goto(url)

    # The comparison of the draft with the year before, and an error on a focus-area form.
    page.goto(reverse("plans:compare", args=[draft.pk]))
    page.goto(reverse("plans:focus_area_edit", args=[demo["draft_focus_area"].pk]))
    page.page.get_by_label("Titel").fill("")
    page.page.get_by_role("button", name="Gem").click()
    page.check()
    assert page.page.locator(".form-error-message").count() >= 1

    # The import preview, with a file the app itself exported.
    with page.page.expect_download() as download:
        page.page.goto(page.base_url + reverse("initiatives:initiatives", args=[SLUG]))
        page.check()
        page.page.get_by_role("link", name="begge som Excel (XLSX)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    page.goto(reverse("initiatives:import", args=[SLUG]))
    page.page.get_by_label("Indsatser").set_input_files(path)
    page.page.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    assert "Filen ændrer ikke noget." in page.page.locator("main").inner_text()

    assert len(page.visited) >= len(urls) + 6


@pytest.mark.django_db(transaction=True)
def test_the_coordinators_and_the_members_plan_pages_pass_axe(page, demo):
    plan, hjoerring, item = demo["plan"], demo["hjoerring"], demo["item"]
    ActionPlan.objects.filter(pk=hjoerring.pk).update(status=ActionPlan.Status.DRAFT)
    sign_in_as(page, COORDINATOR)

    for url in [
        reverse("initiatives:my_updates"),
        reverse("plans:action_plan", args=[hjoerring.pk]),
        reverse("plans:action_plan_edit", args=[hjoerring.pk]),
        reverse("plans:item_create", args=[hjoerring.pk]),
        reverse("plans:item_edit", args=[item.pk]),
        reverse("plans:coverage", args=[plan.pk]),
        reverse("initiatives:initiatives", args=[SLUG]),
        reverse("initiatives:initiative", args=[demo["initiative"].pk]),
    ]:
        page.goto(url)
    sign_out(page)

    sign_in_as(page, MEMBER)
    for url in [
        reverse("plans:plan", args=[plan.pk]),
        reverse("plans:action_plans", args=[plan.pk]),
        reverse("initiatives:initiative", args=[demo["initiative"].pk]),
    ]:
        page.goto(url)
