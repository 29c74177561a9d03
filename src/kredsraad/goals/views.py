"""Pages of goals: a goal with its reported values, the forms to add, edit and delete one
(the secretariat), and the form to report a value (as a status report is filed).

Everything is fetched through kredsraad.accounts.scoping; changes go through goals.actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    focus_areas_visible_to,
    goals_visible_to,
    initiatives_visible_to,
)
from kredsraad.core.views import edit_page, require_perm
from kredsraad.goals import actions
from kredsraad.goals.content import goal_entries
from kredsraad.goals.forms import GoalForm, ReportForm
from kredsraad.goals.models import Goal


def owner_of(goal: Goal):
    return goal.focus_area or goal.initiative or goal.strategy


def _goal(request, pk, perm=None) -> Goal:
    goal = get_object_or_404(
        goals_visible_to(request.user).select_related(
            "focus_area__plan__district", "initiative__district", "strategy", "contributes_to"
        ),
        pk=pk,
    )
    if perm:
        require_perm(request.user, perm, goal)
    return goal


def _saved(request, goal: Goal):
    """Where a saved goal goes; a target on the wrong side of the baseline is warned of."""
    for warning in actions.goal_warnings(goal):
        messages.warning(request, warning)
    return goal_url(goal)


def goal_url(goal: Goal) -> str:
    return reverse("goals:goal", args=[goal.pk])


@login_required
def goal(request, pk):
    goal = _goal(request, pk)
    owner = owner_of(goal)
    can_edit = request.user.has_perm("goals.edit_goal", goal)
    rows = list(goal.reported_values.select_related("author").order_by("-period", "-created_at"))
    counted = set()
    history = []
    for row in rows:
        history.append((row, row.period not in counted))
        counted.add(row.period)
    context = {
        "current_district": goal.district,
        "goal": goal,
        "entry": goal_entries([goal])[0],
        "owner": owner,
        "can_edit": can_edit,
        "can_report": request.user.has_perm("goals.report_value", goal),
        "history": history,
    }
    return render(request, "goals/goal.html", context)


def _goal_form_page(request, *, owner, district, owner_fields, heading, cancel_url):
    return edit_page(
        request,
        GoalForm(request.POST or None, district_id=district.pk, owner_fields=owner_fields),
        lambda form: actions.add_goal(owner, by=request.user, **form.values()),
        context={"current_district": district, "heading": heading, "cancel_url": cancel_url},
        saved_message=_("Målet er gemt."),
        done=lambda saved: _saved(request, saved),
        form_kwargs={"district_id": district.pk, "owner_fields": owner_fields},
    )


@login_required
def goal_create_for_focus_area(request, pk):
    area = get_object_or_404(
        focus_areas_visible_to(request.user).select_related("plan__district"), pk=pk
    )
    require_perm(request.user, "plans.edit_plan", area.plan)
    return _goal_form_page(
        request,
        owner=area,
        district=area.plan.district,
        owner_fields={"focus_area": area},
        heading=_("Nyt mål for %(owner)s") % {"owner": area.title},
        cancel_url=area.get_absolute_url(),
    )


@login_required
def goal_create_for_initiative(request, pk):
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    require_perm(request.user, "initiatives.edit_initiative", initiative)
    return _goal_form_page(
        request,
        owner=initiative,
        district=initiative.district,
        owner_fields={"initiative": initiative},
        heading=_("Nyt mål for %(owner)s") % {"owner": initiative.title},
        cancel_url=initiative.get_absolute_url(),
    )


@login_required
def goal_edit(request, pk):
    goal = _goal(request, pk, "goals.edit_goal")
    return edit_page(
        request,
        GoalForm(request.POST or None, instance=goal, district_id=goal.district_id),
        lambda form: actions.update_goal(
            form.instance, expected_version=form.expected_version, by=request.user, **form.values()
        ),
        context={
            "current_district": goal.district,
            "heading": _("Rediger mål: %(goal)s") % {"goal": goal.statement},
            "cancel_url": goal_url(goal),
        },
        saved_message=_("Målet er gemt."),
        done=lambda saved: _saved(request, saved),
        form_kwargs={"district_id": goal.district_id},
    )


@login_required
@require_POST
def goal_delete(request, pk):
    goal = _goal(request, pk, "goals.edit_goal")
    owner = owner_of(goal)
    try:
        actions.delete_goal(goal, by=request.user)
    except actions.GoalStateError as error:
        messages.error(request, str(error))
        return redirect(goal_url(goal))
    messages.success(request, _("Målet »%(goal)s« er slettet.") % {"goal": goal.statement})
    return redirect(owner.get_absolute_url())


@login_required
def goal_report(request, pk):
    goal = _goal(request, pk, "goals.report_value")

    def report(form):
        return actions.report_value(
            goal,
            period=form.cleaned_data["period"],
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
            by=request.user,
        )

    try:
        return edit_page(
            request,
            ReportForm(request.POST or None),
            report,
            context={
                "current_district": goal.district,
                "heading": _("Indberet værdi: %(goal)s") % {"goal": goal.statement},
                "cancel_url": goal_url(goal),
                "intro": _(
                    "En indberetning ændres aldrig bagefter. Indberetter du igen for samme "
                    "periode, er det den nyeste værdi, der gælder."
                ),
            },
            saved_message=_("Værdien er indberettet."),
            done=lambda saved: goal_url(goal),
        )
    except actions.GoalStateError as error:
        messages.error(request, str(error))
        return redirect(goal_url(goal))
