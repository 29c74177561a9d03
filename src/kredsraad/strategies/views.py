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
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    districts_visible_to,
    plans_visible_to,
    strategies_visible_to,
)
from kredsraad.core.confirm import Consequences, confirmed_step, correction
from kredsraad.core.views import edit_page, require_perm
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


def _public_url(request, strategy) -> str:
    return request.build_absolute_uri(
        reverse("publishing:public_strategy", args=[strategy.district.slug, strategy.uuid])
    )


def _plans_tied(strategy) -> int:
    return strategy.plans.count()


@login_required
def strategy_approve(request, pk):
    strategy = _editable(request, pk)
    form = ApprovalForm(request.POST or None)
    return confirmed_step(
        request,
        strategy,
        step="strategy-approve",
        consequences=lambda: Consequences(
            heading=_("Registrér kredsrådets godkendelse af %(strategy)s")
            % {"strategy": strategy.title},
            happens=[
                _("Godkendelsen registreres med den dato og reference, du angiver herunder."),
                _(
                    "Strategien låses: perioden, teksten og målene kan ikke længere ændres, men "
                    "strategien kan offentliggøres. Skal den ændres, rettes den efter "
                    "offentliggørelsen."
                ),
                _(
                    "Intet offentliggøres endnu. Alle med en rolle i %(district)s kan læse "
                    "strategien, som de kan nu."
                )
                % {"district": strategy.district},
            ],
            button=_("Godkend strategien"),
        ),
        run=lambda strategy: (
            actions.approve_strategy(
                strategy,
                on=form.cleaned_data["approved_on"],
                reference=form.cleaned_data["reference"],
                by=request.user,
            )
            and _("Kredsrådets godkendelse af strategien er registreret.")
        ),
        form=form,
    )


@login_required
def strategy_publish(request, pk):
    strategy = _editable(request, pk)
    correcting = strategy.status == strategy.Status.PUBLISHED and strategy.in_correction
    form = PublishForm(request.POST or None)
    field = form.fields["change_note"]
    field.required = correcting
    field.error_messages["required"] = _("Skriv en ændringsnote, der forklarer rettelsen.")
    if not correcting:
        field.help_text = _("Valgfri ved første offentliggørelse.")
    number = (
        strategy.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1

    def publish(strategy):
        version = actions.publish_strategy(
            strategy, change_note=form.cleaned_data["change_note"], by=request.user
        )
        return _("Version %(number)s af strategien er offentliggjort og låst.") % {
            "number": version.number
        }

    def consequences():
        url = _public_url(request, strategy)
        plans = _plans_tied(strategy)
        happens = [
            _("Strategien offentliggøres som version %(number)s på %(url)s og kan ses af alle.")
            % {"number": number, "url": url},
            _("Versionen låses; rettelser offentliggøres som en ny version."),
        ]
        if correcting:
            happens.append(
                _("Version %(previous)s bliver stående, som den var.") % {"previous": number - 1}
            )
        if plans:
            happens.append(
                ngettext(
                    "%(count)s årsplan hører til strategien; den viser strategiens mål, når den "
                    "offentliggøres.",
                    "%(count)s årsplaner hører til strategien; de viser strategiens mål, når de "
                    "offentliggøres.",
                    plans,
                )
                % {"count": plans}
            )
        return Consequences(
            heading=_("Offentliggør rettelsen af %(strategy)s") % {"strategy": strategy.title}
            if correcting
            else _("Offentliggør %(strategy)s") % {"strategy": strategy.title},
            happens=happens,
            audience=[_("Alle, også borgere og presse, på %(url)s") % {"url": url}],
            audience_heading=_("Hvem kan se den"),
            button=_("Offentliggør rettelsen som ny version") if correcting else _("Offentliggør"),
        )

    return confirmed_step(
        request,
        strategy,
        step="strategy-publish",
        consequences=consequences,
        run=publish,
        form=form,
    )


@login_required
def strategy_correct(request, pk):
    strategy = _editable(request, pk)
    latest = strategy.versions.order_by("-number").values_list("number", flat=True).first()
    return confirmed_step(
        request,
        strategy,
        step="strategy-correct",
        consequences=lambda: correction(
            heading=_("Ret %(strategy)s") % {"strategy": strategy.title},
            editable=_("Strategien og dens mål kan redigeres igen."),
            button=_("Ret strategien"),
            latest=latest,
        ),
        run=lambda strategy: (
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
