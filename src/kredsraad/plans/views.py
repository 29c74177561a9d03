"""Pages of the samarbejdsplan: list, the live document, its sections and focus areas, the
lifecycle buttons, published versions, next year's plan and the comparison of two years.

Everything is fetched through kredsraad.accounts.scoping; changes go through plans.actions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    action_plans_visible_to,
    councils_visible_to,
    districts_visible_to,
    focus_areas_visible_to,
    municipalities_visible_to,
    plans_visible_to,
)
from kredsraad.core.concurrency import EditConflict
from kredsraad.core.history import history_of
from kredsraad.core.saving import Refused
from kredsraad.core.views import edit_page, id_param, require_perm, transition
from kredsraad.councils import value_lists
from kredsraad.plans import actions, kept, setup
from kredsraad.plans.comparison import compare_plans
from kredsraad.plans.coverage import as_csv, as_xlsx, coverage, label_cells
from kredsraad.plans.document import (
    action_plan_status,
    focus_area_number,
    section_numbers,
)
from kredsraad.plans.forms import (
    ActionPlanForm,
    ActionPlanItemForm,
    CrimeTrendSectionForm,
    DistrictSetupForm,
    FocusAreaForm,
    NewPlanForm,
    NewSectionForm,
    PlaceSectionForm,
    PlanForm,
    SectionForm,
    ThemeForm,
)
from kredsraad.plans.models import ActionPlan, ActionPlanItem, FocusArea, PlanSection, Theme
from kredsraad.plans.queries import action_plan_rows
from kredsraad.plans.review import marks_of, review_reasons, shown
from kredsraad.statistics.reading.plan_figures import figures_for_plan


def _editable_plan(request, pk):
    """The plan, if this user may edit it; a plan no longer editable says why."""
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    require_perm(request.user, "plans.edit_plan", plan)
    return plan


@login_required
def plans(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    context = {
        "current_district": district,
        "district": district,
        "plans": plans_visible_to(request.user).filter(district=district),
        "can_manage": request.user.has_perm("councils.manage_district", district),
        "form": NewPlanForm(),
    }
    return render(request, "plans/plans.html", context)


@login_required
@require_POST
def plan_create(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.manage_district", district)
    form = NewPlanForm(request.POST)
    if form.is_valid():
        try:
            plan = actions.create_plan(district, year=form.cleaned_data["year"], by=request.user)
        except actions.PlanStateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Kladden til %(plan)s er oprettet.") % {"plan": plan})
            return redirect(plan)
    else:
        messages.error(request, _("Angiv et år mellem 2000 og 2100."))
    return redirect("plans:plans", slug=district.slug)


@login_required
def plan(request, pk):
    plan = get_object_or_404(
        # The page names the approving council, last year's plan and the strategy.
        plans_visible_to(request.user).select_related(
            "approved_by_council", "previous", "strategy__district"
        ),
        pk=pk,
    )
    can_edit = request.user.has_perm("plans.edit_plan", plan)
    # The document is the same for everyone who may see the plan, so it is kept (plans.kept)
    # until a row it shows changes; the versions' frozen content is read only when needed.
    token = kept.content_token(plan)
    live = kept.live_document(plan, token)
    versions = list(
        plan.versions.select_related("published_by").defer("content", "html", "search_vector")
    )
    # Editors learn when newer data would change a figure or a goal frozen in the published
    # version.
    frozen_version = versions[0] if can_edit and versions else None
    figure_changes, changed_goals = (
        kept.changes_since(plan, frozen_version, token, live["content"])
        if frozen_version
        else ([], [])
    )
    context = {
        "current_district": plan.district,
        "plan": plan,
        "document": live["content"],
        "document_html": live["html"],
        "live": True,
        "frozen_version": frozen_version,
        "figure_changes": figure_changes,
        "goal_changes": changed_goals,
        "versions": versions,
        "can_edit": can_edit,
        "editable": can_edit and plan.is_editable,
        "next_plan": plans_visible_to(request.user).filter(previous=plan).first(),
        "marks": marks_of(plan) if can_edit else [],
        "can_confirm": can_edit and _confirmable(plan),
    }
    return render(request, "plans/plan.html", context)


def _confirmable(plan) -> bool:
    """Copied text can be confirmed until the plan is published (see confirm_reviewed)."""
    return plan.is_editable or plan.status == plan.Status.APPROVED


@login_required
def plan_edit(request, pk):
    plan = _editable_plan(request, pk)
    return edit_page(
        request,
        PlanForm(request.POST or None, instance=plan),
        lambda form: actions.update_plan(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": plan.district,
            "heading": _("Rediger %(plan)s") % {"plan": plan},
            "cancel_url": plan.get_absolute_url(),
        },
        saved_message=_("Planen er gemt."),
        done=lambda saved: saved,
    )


def _transition(request, pk, step):
    return transition(request, _editable_plan(request, pk), step)


@login_required
@require_POST
def plan_return(request, pk):
    return _transition(
        request,
        pk,
        lambda plan: (
            actions.return_to_draft(plan, by=request.user) and _("Planen er igen en kladde.")
        ),
    )


@login_required
def version(request, pk, number):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    version = get_object_or_404(plan.versions.select_related("published_by"), number=number)
    context = {
        "current_district": plan.district,
        "plan": plan,
        "version": version,
        "versions": plan.versions.all(),
    }
    return render(request, "plans/version.html", context)


@login_required
def compare(request, pk):
    """This plan against another year's (by default the one it was made from)."""
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    others = plans_visible_to(request.user).filter(district=plan.district_id).exclude(pk=plan.pk)
    other_pk = id_param(request.GET.get("med")) or plan.previous_id
    other = get_object_or_404(others, pk=other_pk) if other_pk else None
    context = {
        "current_district": plan.district,
        "plan": plan,
        "other": other,
        "others": others,
        "comparison": compare_plans(other, plan) if other else None,
    }
    return render(request, "plans/compare.html", context)


# Sections ------------------------------------------------------------------------------------


@login_required
def section_create(request, pk):
    plan = _editable_plan(request, pk)
    parent = None
    under = id_param(request.GET.get("under") or request.POST.get("under"))
    if under:
        parent = get_object_or_404(plan.sections, pk=under)
    return edit_page(
        request,
        NewSectionForm(request.POST or None),
        lambda form: actions.add_section(
            plan,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            kind=form.cleaned_data["kind"],
            parent=parent,
            by=request.user,
        ),
        context={
            "current_district": plan.district,
            "heading": _("Nyt afsnit i %(plan)s") % {"plan": plan}
            if parent is None
            else _("Nyt underafsnit til %(section)s") % {"section": parent},
            "cancel_url": plan.get_absolute_url(),
        },
        saved_message=_("Afsnittet er tilføjet."),
        done=lambda saved: plan,
    )


def _section_for_editing(request, pk):
    section = get_object_or_404(
        PlanSection.objects.filter(plan__in=plans_visible_to(request.user)).select_related(
            "plan__district"
        ),
        pk=pk,
    )
    require_perm(request.user, "plans.edit_plan", section.plan)
    return section


@login_required
def section_edit(request, pk):
    section = _section_for_editing(request, pk)
    plan = section.plan
    # A crime-trend section is a figure block: its form chooses the figures too, and the page
    # previews the text they give (a POST with "forhaandsvis" saves nothing).
    crime = section.kind == PlanSection.Kind.CRIME_TRENDS
    form = (CrimeTrendSectionForm if crime else SectionForm)(request.POST or None, instance=section)
    context = {
        "current_district": plan.district,
        "heading": _("Rediger afsnit: %(section)s") % {"section": section},
        "cancel_url": plan.get_absolute_url(),
        "intro": _(
            "Afsnittets øvrige indhold dannes automatisk af data og holdes ajour, "
            "indtil planen offentliggøres."
        )
        if section.is_generated
        else "",
        **_review_context(section, reverse("plans:section_confirm", args=[section.pk]), plan),
        "place_form": _place_form(section),
        "back": "plan",  # the section's page is its edit form; once confirmed, back to the plan
    }
    if crime:
        context |= {"figure_block": True, "preview": _figure_preview(request, plan, form)}
        if "forhaandsvis" in request.POST:
            return render(request, "plans/section_edit.html", context | {"form": form})
    return edit_page(
        request,
        form,
        lambda form: actions.update_section(
            form.instance,
            expected_version=form.expected_version,
            by=request.user,
            **({"figure_options": form.figure_options} if crime else {}),
        ),
        context=context,
        saved_message=_("Afsnittet er gemt."),
        done=lambda saved: plan,
        template="plans/section_edit.html",
    )


def _place_form(section) -> PlaceSectionForm:
    """The choice of where the section goes, its options named by their numbers."""
    sections = list(section.plan.sections.all())
    return PlaceSectionForm(section=section, numbers=section_numbers(sections))


def _figure_preview(request, plan, form) -> dict | None:
    """The block's figures as chosen: posted for a preview (when valid), else as saved."""
    if request.method == "POST" and ("forhaandsvis" not in request.POST or not form.is_valid()):
        return None
    written = plan.approved_on or timezone.localdate()
    return figures_for_plan(plan.district, plan.year, written=written, options=form.figure_options)


def _review_context(record, confirm_url, plan) -> dict:
    return {
        "record": record,
        "reasons": shown(record.review_reasons),
        "confirm_url": confirm_url,
        "can_confirm": _confirmable(plan),
    }


def _confirm(request, record, page_url):
    """Clear the record's "skal gennemses" mark, if nobody changed it since it was shown."""
    plan = record.plan
    try:
        actions.confirm_reviewed(
            record, expected_version=id_param(request.POST.get("version")) or 0, by=request.user
        )
    except EditConflict:
        messages.error(
            request,
            _("Teksten er ændret, siden du læste den. Læs den igen, før du bekræfter den."),
        )
        return redirect(page_url)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
        return redirect(page_url)
    messages.success(
        request, _("Teksten i »%(title)s« er bekræftet og skal ikke gennemses.") % {"title": record}
    )
    return redirect(plan if request.POST.get("tilbage") == "plan" else page_url)


@login_required
@require_POST
def section_confirm(request, pk):
    section = _section_for_editing(request, pk)
    return _confirm(request, section, reverse("plans:section_edit", args=[section.pk]))


@login_required
@require_POST
def section_move(request, pk):
    section = _section_for_editing(request, pk)
    try:
        actions.move_section(section, up=request.POST.get("retning") == "op", by=request.user)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
    return redirect(section.plan)


@login_required
@require_POST
def section_place(request, pk):
    """Move the section (with its subsections) under another section, or to the top level."""
    section = _section_for_editing(request, pk)
    form = PlaceSectionForm(request.POST, section=section, numbers={})
    if not form.is_valid():
        messages.error(request, _("Vælg et afsnit i planen."))
        return redirect("plans:section_edit", pk=section.pk)
    try:
        actions.place_section(section, parent=form.cleaned_data["parent"], by=request.user)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
        return redirect("plans:section_edit", pk=section.pk)
    messages.success(request, _("Afsnittet »%(title)s« er flyttet.") % {"title": section.title})
    return redirect(section.plan)


@login_required
@require_POST
def section_delete(request, pk):
    section = _section_for_editing(request, pk)
    try:
        actions.delete_section(section, by=request.user)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Afsnittet »%(title)s« er slettet.") % {"title": section.title})
    return redirect(section.plan)


# Focus areas ---------------------------------------------------------------------------------


@login_required
def focus_area(request, pk):
    area = get_object_or_404(
        focus_areas_visible_to(request.user).select_related(
            "plan__district", "responsible", "previous__plan"
        ),
        pk=pk,
    )
    plan = area.plan
    can_edit = request.user.has_perm("plans.edit_plan", plan)
    context = {
        "current_district": plan.district,
        "plan": plan,
        "area": area,
        "number": focus_area_number(area),
        "initiatives": area.initiatives.select_related("lead_organisation").order_by("title"),
        "carried_into": area.carried_into.select_related("plan"),
        "editable": can_edit and plan.is_editable,
        **_review_context(area, reverse("plans:focus_area_confirm", args=[area.pk]), plan),
        "can_confirm": can_edit and _confirmable(plan),
    }
    return render(request, "plans/focus_area.html", context)


@login_required
@require_POST
def focus_area_confirm(request, pk):
    area = get_object_or_404(focus_areas_visible_to(request.user), pk=pk)
    require_perm(request.user, "plans.edit_plan", area.plan)
    return _confirm(request, area, area.get_absolute_url())


@login_required
def focus_area_edit(request, pk=None, plan_pk=None):
    if pk is None:
        plan = _editable_plan(request, plan_pk)
        area = None
    else:
        area = get_object_or_404(focus_areas_visible_to(request.user), pk=pk)
        plan = area.plan
        require_perm(request.user, "plans.edit_plan", plan)

    def save(form):
        if area is None:
            return actions.add_focus_area(
                plan,
                by=request.user,
                **{name: form.cleaned_data[name] for name in actions.FOCUS_AREA_FIELDS[:-1]},
            )
        return actions.update_focus_area(
            form.instance,
            expected_version=form.expected_version,
            themes=form.cleaned_data["themes"],
            by=request.user,
        )

    return edit_page(
        request,
        FocusAreaForm(request.POST or None, instance=area, plan=plan),
        save,
        context={
            "current_district": plan.district,
            "heading": _("Rediger indsatsområde: %(area)s") % {"area": area}
            if area
            else _("Nyt indsatsområde i %(plan)s") % {"plan": plan},
            "cancel_url": area.get_absolute_url() if area else plan.get_absolute_url(),
        },
        saved_message=_("Indsatsområdet er gemt."),
        done=lambda saved: saved,
        form_kwargs={"plan": plan},
    )


@login_required
@require_POST
def focus_area_move(request, pk):
    area = get_object_or_404(focus_areas_visible_to(request.user), pk=pk)
    require_perm(request.user, "plans.edit_plan", area.plan)
    try:
        actions.move_focus_area(area, up=request.POST.get("retning") == "op", by=request.user)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
    return redirect(reverse("plans:plan", args=[area.plan_id]) + "#afsnit-indsatsomraader")


# Handleplaner --------------------------------------------------------------------------------


@login_required
def action_plans(request, pk):
    """Every lokalråd's handleplan for the plan's year, with its state against the deadline."""
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    rows = action_plan_rows(request.user, plan)
    context = {"current_district": plan.district, "plan": plan, "rows": rows}
    return render(request, "plans/action_plans.html", context)


@login_required
@require_POST
def action_plan_create(request, pk, council_pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    council = get_object_or_404(councils_visible_to(request.user), pk=council_pk)
    require_perm(request.user, "plans.write_action_plan", ActionPlan(council=council, plan=plan))
    try:
        action_plan = actions.create_action_plan(council, plan=plan, by=request.user)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
        return redirect("plans:action_plans", pk=plan.pk)
    messages.success(request, _("Handleplanen er oprettet som kladde."))
    return redirect(action_plan)


def _action_plan(request, pk, *, write=False):
    action_plan = get_object_or_404(action_plans_visible_to(request.user), pk=pk)
    if write:
        require_perm(request.user, "plans.write_action_plan", action_plan)
    return action_plan


@login_required
def action_plan(request, pk):
    action_plan = _action_plan(request, pk)
    plan = action_plan.plan
    items = action_plan.items.select_related("focus_area", "responsible").prefetch_related(
        "partners", "forums"
    )
    can_write = request.user.has_perm("plans.write_action_plan", action_plan)
    copied = action_plan.status == ActionPlan.Status.DRAFT and action_plan.previous_id
    context = {
        "current_district": plan.district,
        "plan": plan,
        "action_plan": action_plan,
        "items": items,
        # A handleplan carried from last year has no marks of its own; while it is a draft,
        # its text that names a year or a figure is pointed out as it stands now.
        "copied_from": action_plan.previous if copied else None,
        "copied_reasons": _action_plan_reasons(action_plan, items) if copied else [],
        "status": action_plan_status(action_plan, plan),
        "can_write": can_write,
        "editable": can_write and action_plan.status == ActionPlan.Status.DRAFT,
    }
    return render(request, "plans/action_plan.html", context)


def _action_plan_reasons(action_plan, items) -> list[dict]:
    found = [
        {**reason, "where": _("Indledningen")}
        for reason in review_reasons(action_plan.introduction)
    ]
    for item in items:
        found += [{**reason, "where": item.title} for reason in review_reasons(item.description)]
    return shown(found)


@login_required
def action_plan_edit(request, pk):
    action_plan = _action_plan(request, pk, write=True)
    return edit_page(
        request,
        ActionPlanForm(request.POST or None, instance=action_plan),
        lambda form: actions.update_action_plan(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": action_plan.plan.district,
            "heading": _("Rediger indledning: %(plan)s") % {"plan": action_plan},
            "cancel_url": action_plan.get_absolute_url(),
        },
        saved_message=_("Handleplanen er gemt."),
        done=lambda saved: saved,
    )


def _action_plan_step(request, pk, step):
    action_plan = _action_plan(request, pk, write=True)
    try:
        message = step(action_plan)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect(action_plan)


@login_required
@require_POST
def action_plan_reopen(request, pk):
    def reopen(action_plan):
        actions.reopen_action_plan(action_plan, by=request.user)
        return _("Handleplanen er igen en kladde og skal vedtages på ny.")

    return _action_plan_step(request, pk, reopen)


@login_required
def item_edit(request, pk=None, action_plan_pk=None):
    if pk is None:
        action_plan = _action_plan(request, action_plan_pk, write=True)
        item = None
    else:
        item = get_object_or_404(
            ActionPlanItem.objects.filter(
                action_plan__in=action_plans_visible_to(request.user)
            ).select_related("action_plan__plan__district", "action_plan__council"),
            pk=pk,
        )
        action_plan = item.action_plan
        require_perm(request.user, "plans.write_action_plan", action_plan)

    def save(form):
        related = {
            "partners": form.cleaned_data["partners"],
            "forums": form.cleaned_data["forums"],
        }
        if item is None:
            values = {name: form.cleaned_data[name] for name in actions.ACTION_PLAN_ITEM_FIELDS}
            return actions.add_item(action_plan, by=request.user, **related, **values)
        return actions.update_item(
            form.instance, expected_version=form.expected_version, by=request.user, **related
        )

    if action_plan.status != ActionPlan.Status.DRAFT:
        messages.error(request, _("Kun en handleplan, der er kladde, kan redigeres."))
        return redirect(action_plan)
    return edit_page(
        request,
        ActionPlanItemForm(request.POST or None, instance=item, action_plan=action_plan),
        save,
        context={
            "current_district": action_plan.plan.district,
            "heading": _("Rediger handling: %(item)s") % {"item": item}
            if item
            else _("Ny handling i %(plan)s") % {"plan": action_plan},
            "cancel_url": action_plan.get_absolute_url(),
        },
        saved_message=_("Handlingen er gemt."),
        done=lambda saved: action_plan,
        form_kwargs={"action_plan": action_plan},
    )


@login_required
@require_POST
def item_delete(request, pk):
    item = get_object_or_404(
        ActionPlanItem.objects.filter(action_plan__in=action_plans_visible_to(request.user)),
        pk=pk,
    )
    require_perm(request.user, "plans.write_action_plan", item.action_plan)
    try:
        actions.delete_item(item, by=request.user)
    except actions.PlanStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Handlingen »%(title)s« er slettet.") % {"title": item.title})
    return redirect(item.action_plan)


# Coverage ------------------------------------------------------------------------------------


@login_required
def coverage_matrix(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    matrix = coverage(
        plan, municipalities_visible_to(request.user).filter(district=plan.district_id)
    )
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        filename = f"daekning-{plan.district.slug}-{plan.year}.{export}"
        content_type = (
            "text/csv; charset=utf-8"
            if export == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        body = as_csv(matrix) if export == "csv" else as_xlsx(matrix)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    context = {
        "current_district": plan.district,
        "plan": plan,
        "matrix": label_cells(matrix, plan),
    }
    return render(request, "plans/coverage.html", context)


@login_required
def coverage_cell(request, pk, focus_area_pk, code):
    """What addresses one focus area in one municipality (0 = local needs)."""
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    municipality = get_object_or_404(
        municipalities_visible_to(request.user).filter(district=plan.district_id), code=code
    )
    area = get_object_or_404(plan.focus_areas, pk=focus_area_pk) if focus_area_pk else None
    cell = coverage(plan, [municipality]).cell(area.pk if area else None, municipality.pk)
    context = {
        "current_district": plan.district,
        "plan": plan,
        "area": area,
        "municipality": municipality,
        "cell": cell,
    }
    return render(request, "plans/coverage_cell.html", context)


# History -------------------------------------------------------------------------------------


@login_required
def plan_history(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    changes = history_of(
        plan,
        children=((PlanSection.objects.all(), "plan"), (FocusArea.objects.all(), "plan")),
    )
    context = {"current_district": plan.district, "object": plan, "changes": changes}
    return render(request, "core/history.html", context)


@login_required
def action_plan_history(request, pk):
    action_plan = _action_plan(request, pk)
    changes = history_of(action_plan, children=((ActionPlanItem.objects.all(), "action_plan"),))
    context = {
        "current_district": action_plan.plan.district,
        "object": action_plan,
        "changes": changes,
    }
    return render(request, "core/history.html", context)


@login_required
def district_setup(request, slug):
    """The administrator sets a district up in one step: a preview of every row to create or
    found (GET, nothing saved), then one POST creates them all (plans.setup)."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.set_up_district", district)
    if request.method == "POST":
        data = request.POST
    else:
        data = request.GET if "year" in request.GET else None
    form = DistrictSetupForm(data)
    context = {"current_district": district, "district": district, "form": form}
    if data is None:
        year = form.fields["year"].initial
    elif form.is_valid():
        year = form.cleaned_data["year"]
    else:
        return render(request, "plans/district_setup.html", context, status=400)
    if request.method == "POST":
        try:
            result = setup.set_up_district(district, year=year, by=request.user)
        except (Refused, ValidationError) as refused:
            # Someone created a row meanwhile: the new preview shows what is left.
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
            return redirect(f"{request.path}?year={year}")
        messages.success(
            request,
            _("%(district)s er sat op: %(created)s oprettet, %(unchanged)s fandtes allerede.")
            % {
                "district": district,
                "created": len(result.created),
                "unchanged": len(result.unchanged),
            },
        )
        return redirect(district)
    context["setup"] = setup.preview_setup(district, year=year)
    context["year"] = year
    return render(request, "plans/district_setup.html", context)


# Themes (the administrator's list) -----------------------------------------------------------


THEMES = value_lists.ValueList(
    model=Theme,
    form=ThemeForm,
    used_by="focus_areas",
    url_name="theme",
    namespace="plans",
    create=actions.create_theme,
    update=actions.update_theme,
    delete=actions.delete_theme,
    heading=gettext_lazy("Temaer"),
    intro=gettext_lazy(
        "Temaerne, et indsatsområde kan mærkes med. Et tema i brug kan ikke slettes, men "
        "markeres som udgået: det tilbydes så ikke længere, men står stadig, hvor det er brugt."
    ),
    used_label=gettext_lazy("Indsatsområder"),
    create_label=gettext_lazy("Nyt tema"),
    edit_heading=gettext_lazy("Rediger tema: %(label)s"),
    saved_message=gettext_lazy("Temaet er gemt."),
    deleted_message=gettext_lazy("Temaet »%(label)s« er slettet."),
)


@login_required
def themes(request):
    return value_lists.list_page(request, THEMES)


@login_required
def theme_edit(request, code=None):
    return value_lists.edit(request, THEMES, code)


@login_required
@require_POST
def theme_delete(request, code):
    return value_lists.delete(request, THEMES, code)
