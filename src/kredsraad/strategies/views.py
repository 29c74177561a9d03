"""Pages of the multi-year strategies: the district's list, the live strategy with its goals and
the yearly plans of its period, its lifecycle buttons and published versions, and the choice of
strategy on a yearly plan.

Everything is fetched through kredsraad.accounts.scoping; changes go through strategies.actions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    districts_visible_to,
    plans_visible_to,
    strategies_visible_to,
)
from kredsraad.core.views import edit_page, require_perm, transition
from kredsraad.goals import actions as goal_actions
from kredsraad.goals.forms import GoalForm
from kredsraad.strategies import actions
from kredsraad.strategies.document import strategy_content
from kredsraad.strategies.forms import ApprovalForm, PlanStrategyForm, PublishForm, StrategyForm


def _values(form) -> dict:
    return {name: form.cleaned_data[name] for name in actions.FIELDS}


@login_required
def strategies(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    context = {
        "current_district": district,
        "district": district,
        "strategies": strategies_visible_to(request.user).filter(district=district),
        "can_manage": request.user.has_perm("councils.manage_district", district),
    }
    return render(request, "strategies/strategies.html", context)


@login_required
def strategy_create(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.manage_district", district)
    return edit_page(
        request,
        StrategyForm(request.POST or None),
        lambda form: actions.create_strategy(district, **_values(form), by=request.user),
        context={
            "current_district": district,
            "heading": _("Ny strategi for %(district)s") % {"district": district},
            "intro": _(
                "En flerårig strategi sætter mål for flere år, fx 2023 til 2026. Årsplanerne i "
                "perioden knyttes til den og viser årets bidrag til strategiens mål."
            ),
            "cancel_url": reverse("strategies:strategies", args=[district.slug]),
        },
        saved_message=_("Strategien er oprettet som kladde."),
        done=lambda saved: saved,
    )


@login_required
def strategy(request, pk):
    strategy = get_object_or_404(strategies_visible_to(request.user), pk=pk)
    can_edit = request.user.has_perm("strategies.edit_strategy", strategy)
    plans = plans_visible_to(request.user).filter(
        district=strategy.district_id, year__range=(strategy.first_year, strategy.last_year)
    )
    context = {
        "current_district": strategy.district,
        "strategy": strategy,
        "document": strategy_content(strategy),
        "plans": plans.order_by("year"),
        "versions": strategy.versions.select_related("published_by").defer("content", "html"),
        "can_edit": can_edit,
        "editable": can_edit and actions.is_editable(strategy),
        "approval_form": ApprovalForm(),
        "publish_form": PublishForm(),
        "goal_links": True,
    }
    return render(request, "strategies/strategy.html", context)


@login_required
def goal_create(request, pk):
    """A new goal of the strategy (goals.actions, which allows it while the strategy is a draft
    or under correction)."""
    strategy = _editable(request, pk)
    owner = {"strategy": strategy}
    return edit_page(
        request,
        GoalForm(request.POST or None, district_id=strategy.district_id, owner_fields=owner),
        lambda form: goal_actions.add_goal(strategy, by=request.user, **form.values()),
        context={
            "current_district": strategy.district,
            "heading": _("Nyt mål for %(owner)s") % {"owner": strategy.title},
            "cancel_url": strategy.get_absolute_url(),
        },
        saved_message=_("Målet er gemt."),
        done=lambda saved: strategy,
        form_kwargs={"district_id": strategy.district_id, "owner_fields": owner},
    )


def _editable(request, pk):
    strategy = get_object_or_404(strategies_visible_to(request.user), pk=pk)
    require_perm(request.user, "strategies.edit_strategy", strategy)
    return strategy


@login_required
def strategy_edit(request, pk):
    strategy = _editable(request, pk)
    return edit_page(
        request,
        StrategyForm(request.POST or None, instance=strategy),
        lambda form: actions.update_strategy(
            strategy,
            **_values(form),
            expected_version=form.expected_version,
            by=request.user,
        ),
        context={
            "current_district": strategy.district,
            "heading": _("Rediger %(strategy)s") % {"strategy": strategy},
            "cancel_url": strategy.get_absolute_url(),
        },
        saved_message=_("Strategien er gemt."),
        done=lambda saved: saved,
    )


def _transition(request, pk, step):
    return transition(request, _editable(request, pk), step)


@login_required
@require_POST
def strategy_approve(request, pk):
    form = ApprovalForm(request.POST)

    def approve(strategy):
        if not form.is_valid():
            raise actions.StrategyStateError(
                _("Angiv dato og reference for godkendelsen: %(errors)s")
                % {"errors": " ".join(e for errors in form.errors.values() for e in errors)}
            )
        actions.approve_strategy(
            strategy,
            on=form.cleaned_data["approved_on"],
            reference=form.cleaned_data["reference"],
            by=request.user,
        )
        return _("Kredsrådets godkendelse af strategien er registreret.")

    return _transition(request, pk, approve)


@login_required
@require_POST
def strategy_publish(request, pk):
    form = PublishForm(request.POST)

    def publish(strategy):
        if not form.is_valid():
            raise actions.StrategyStateError(
                " ".join(e for errors in form.errors.values() for e in errors)
            )
        version = actions.publish_strategy(
            strategy, change_note=form.cleaned_data["change_note"], by=request.user
        )
        return _("Version %(number)s af strategien er offentliggjort og låst.") % {
            "number": version.number
        }

    return _transition(request, pk, publish)


@login_required
@require_POST
def strategy_correct(request, pk):
    return _transition(
        request,
        pk,
        lambda strategy: (
            actions.start_correction(strategy, by=request.user)
            and _("Strategien kan nu rettes. Rettelsen offentliggøres som en ny version.")
        ),
    )


@login_required
def version(request, pk, number):
    strategy = get_object_or_404(strategies_visible_to(request.user), pk=pk)
    version = get_object_or_404(strategy.versions.select_related("published_by"), number=number)
    context = {
        "current_district": strategy.district,
        "strategy": strategy,
        "version": version,
        "versions": strategy.versions.defer("content", "html"),
    }
    return render(request, "strategies/version.html", context)


@login_required
@require_POST
def plan_strategy(request, pk):
    """Tie a yearly plan to a strategy of its period, or untie it."""
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    require_perm(request.user, "plans.edit_plan", plan)
    form = PlanStrategyForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, _("Vælg en af politikredsens strategier."))
        return redirect(plan)
    strategy = form.cleaned_data["strategy"]
    try:
        actions.link_plan(plan, strategy=strategy, by=request.user)
    except actions.StrategyStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Planen hører nu til %(strategy)s.") % {"strategy": strategy}
            if strategy
            else _("Planen hører ikke længere til en strategi."),
        )
    return redirect(plan)
