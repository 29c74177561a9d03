"""The plan's and the handleplan's steps that send, lock or publish, each behind a confirmation
page (core.confirm) that says what will happen and who will see it.

Returning a plan to draft and reopening a handleplan lock and publish nothing, so they stay
one-click buttons in plans.views.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.accounts.scoping import action_plans_visible_to, plans_visible_to
from kredsraad.core.confirm import Consequences, confirmed_step, correction
from kredsraad.core.views import require_perm
from kredsraad.councils.models import Council
from kredsraad.goals.models import Goal
from kredsraad.plans import actions
from kredsraad.plans.forms import AdoptForm, ApprovalForm, PublishForm
from kredsraad.plans.models import ActionPlan, CooperationPlan
from kredsraad.plans.review import marks_of

# Initiative.CONTINUING (plans does not import initiatives): what roll_over carries.
CONTINUING = ("planned", "active", "permanent")


def _plan(request, pk) -> CooperationPlan:
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    require_perm(request.user, "plans.edit_plan", plan)
    return plan


def _readers(plan) -> str:
    return _("Alle med en rolle i %(district)s kan læse planen, som de kan nu.") % {
        "district": plan.district
    }


def _public_url(request, plan) -> str:
    return request.build_absolute_uri(
        reverse("publishing:public_plan", args=[plan.district.slug, plan.uuid])
    )


def _unreviewed_warning(plan) -> list[str]:
    marks = marks_of(plan)
    if not marks:
        return []
    return [
        ngettext(
            "%(count)s afsnit skal gennemses, før planen kan offentliggøres: %(names)s.",
            "%(count)s afsnit skal gennemses, før planen kan offentliggøres: %(names)s.",
            len(marks),
        )
        % {"count": len(marks), "names": ", ".join(mark.label for mark in marks)}
    ]


@login_required
def plan_send(request, pk):
    plan = _plan(request, pk)

    def send(plan):
        actions.send_for_discussion(plan, by=request.user)
        # Not refused: the kredsråd may discuss the draft; publishing waits for the review.
        for warning in _unreviewed_warning(plan):
            messages.warning(request, _("Bemærk: %(warning)s") % {"warning": warning})
        return _("Planen er sendt til drøftelse i kredsrådet.")

    return confirmed_step(
        request,
        plan,
        step="plan-send",
        consequences=lambda: Consequences(
            heading=_("Send %(plan)s til drøftelse") % {"plan": plan.title},
            happens=[
                _("Planen får status »Til drøftelse«, så kredsrådet kan drøfte den."),
                _("Den kan stadig redigeres, indtil kredsrådets godkendelse er registreret."),
                _("Intet offentliggøres, og der sendes ingen e-mail."),
                _readers(plan),
            ],
            warnings=_unreviewed_warning(plan),
            button=_("Send til drøftelse"),
        ),
        run=send,
    )


@login_required
def plan_approve(request, pk):
    plan = _plan(request, pk)
    form = ApprovalForm(request.POST or None, initial={"reference": ""})

    def approve(plan):
        council = Council.objects.filter(
            district=plan.district_id, kind=Council.Kind.DISTRICT
        ).first()
        if council is None:
            raise actions.PlanStateError(_("Politikredsen har intet kredsråd, der kan godkende."))
        actions.approve_plan(
            plan,
            council=council,
            on=form.cleaned_data["approved_on"],
            reference=form.cleaned_data["reference"],
            by=request.user,
        )
        return _("Kredsrådets godkendelse er registreret.")

    return confirmed_step(
        request,
        plan,
        step="plan-approve",
        consequences=lambda: Consequences(
            heading=_("Registrér kredsrådets godkendelse af %(plan)s") % {"plan": plan.title},
            happens=[
                _("Godkendelsen registreres med den dato og reference, du angiver herunder."),
                _(
                    "Planen låses: den kan ikke længere redigeres, men den kan offentliggøres. "
                    "Skal den ændres, sendes den ikke tilbage; den rettes efter offentliggørelsen."
                ),
                _("Intet offentliggøres endnu. %(readers)s") % {"readers": _readers(plan)},
            ],
            button=_("Godkend planen"),
        ),
        run=approve,
        form=form,
        context={
            "intro": _(
                "Godkendes planen på et kredsrådsmøde her i systemet, registreres godkendelsen "
                "af sig selv, når beslutningen på mødets punkt gemmes. Brug denne side, når "
                "godkendelsen skete et andet sted."
            )
        },
        template="plans/confirm_step.html",
    )


@login_required
def plan_publish(request, pk):
    plan = _plan(request, pk)
    correcting = plan.status == CooperationPlan.Status.PUBLISHED and plan.in_correction
    form = PublishForm(request.POST or None)
    field = form.fields["change_note"]
    field.required = correcting
    field.error_messages["required"] = _("Skriv en ændringsnote, der forklarer rettelsen.")
    if not correcting:
        field.help_text = _("Valgfri ved første offentliggørelse.")
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1

    def publish(plan):
        version = actions.publish_plan(
            plan, change_note=form.cleaned_data["change_note"], by=request.user
        )
        return _(
            "Version %(number)s er offentliggjort og låst. PDF og Word bygges nu i baggrunden."
        ) % {"number": version.number}

    def consequences():
        url = _public_url(request, plan)
        happens = [
            _("Planen offentliggøres som version %(number)s på %(url)s og kan ses af alle.")
            % {"number": number, "url": url},
            _("Versionen låses; rettelser offentliggøres som en ny version."),
            _("PDF og Word bygges bagefter og kan hentes fra planens side."),
        ]
        if correcting:
            happens.insert(
                1,
                _(
                    "Version %(previous)s bliver stående som den var; den nye version viser "
                    "ændringsnoten."
                )
                % {"previous": number - 1},
            )
        return Consequences(
            heading=_("Offentliggør rettelsen af %(plan)s") % {"plan": plan.title}
            if correcting
            else _("Offentliggør %(plan)s") % {"plan": plan.title},
            happens=happens,
            audience=[_("Alle, også borgere og presse, på %(url)s") % {"url": url}],
            audience_heading=_("Hvem kan se den"),
            warnings=_unreviewed_warning(plan),
            button=_("Offentliggør rettelsen som ny version") if correcting else _("Offentliggør"),
        )

    return confirmed_step(
        request, plan, step="plan-publish", consequences=consequences, run=publish, form=form
    )


@login_required
def plan_correct(request, pk):
    plan = _plan(request, pk)
    latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
    return confirmed_step(
        request,
        plan,
        step="plan-correct",
        consequences=lambda: correction(
            heading=_("Ret %(plan)s") % {"plan": plan.title},
            editable=_("Planen kan redigeres igen."),
            button=_("Ret planen"),
            latest=latest,
        ),
        run=lambda plan: (
            actions.start_correction(plan, by=request.user)
            and _("Planen kan nu rettes. Rettelsen offentliggøres som en ny version.")
        ),
    )


def _roll_over_consequences(plan) -> Consequences:
    year = plan.year + 1
    sections = plan.sections.count()
    areas = plan.focus_areas.count()
    initiatives = (
        plan.focus_areas.filter(initiatives__status__in=CONTINUING)
        .values("initiatives")
        .distinct()
        .count()
    )
    goals = Goal.objects.filter(focus_area__plan=plan, deadline__gte=str(year)).count()
    copied = [
        ngettext("%(n)s afsnit", "%(n)s afsnit", sections) % {"n": sections},
        ngettext("%(n)s indsatsområde", "%(n)s indsatsområder", areas) % {"n": areas},
        ngettext("%(n)s mål", "%(n)s mål", goals) % {"n": goals},
        ngettext("%(n)s indsats, der fortsætter", "%(n)s indsatser, der fortsætter", initiatives)
        % {"n": initiatives},
    ]
    if plan.district.action_plans_required:
        count = ActionPlan.objects.filter(plan=plan).count()
        copied.append(
            ngettext("%(n)s handleplan som kladde", "%(n)s handleplaner som kladder", count)
            % {"n": count}
        )
    return Consequences(
        heading=_("Opret samarbejdsplan %(year)s ud fra %(previous)s")
        % {"year": year, "previous": plan.year},
        happens=[
            _("Der oprettes en kladde til %(year)s, som kopierer %(what)s.")
            % {"year": year, "what": ", ".join(copied)},
            _(
                "Kopieret tekst, der nævner årstal eller tal, markeres og skal gennemses, før "
                "den nye plan kan offentliggøres."
            ),
            _("Planen for %(previous)s ændres ikke. Den nye kladde offentliggøres ikke.")
            % {"previous": plan.year},
            _("Alle med en rolle i %(district)s kan læse kladden.") % {"district": plan.district},
        ],
        button=_("Opret planen for %(year)s") % {"year": year},
        warnings=[
            _("Der findes allerede en plan for %(year)s; den kan ikke oprettes igen.")
            % {"year": year}
        ]
        if CooperationPlan.objects.filter(district=plan.district_id, year=year).exists()
        else [],
    )


@login_required
def plan_roll_over(request, pk):
    plan = _plan(request, pk)
    created = {}

    def roll_over(plan):
        created["plan"] = new = actions.roll_over(plan, by=request.user)
        return _("Kladden til %(plan)s er oprettet ud fra planen for %(year)s.") % {
            "plan": new,
            "year": plan.year,
        }

    response = confirmed_step(
        request,
        plan,
        step="plan-roll-over",
        consequences=lambda: _roll_over_consequences(plan),
        run=roll_over,
    )
    if "plan" in created:
        response["Location"] = created["plan"].get_absolute_url()
    return response


# Handleplaner ---------------------------------------------------------------------------------


def _action_plan(request, pk) -> ActionPlan:
    action_plan = get_object_or_404(
        action_plans_visible_to(request.user).select_related("plan__district", "council"), pk=pk
    )
    require_perm(request.user, "plans.write_action_plan", action_plan)
    return action_plan


@login_required
def action_plan_adopt(request, pk):
    action_plan = _action_plan(request, pk)
    form = AdoptForm(request.POST or None)
    return confirmed_step(
        request,
        action_plan,
        step="action-plan-adopt",
        consequences=lambda: Consequences(
            heading=_("Registrér %(council)ss vedtagelse af handleplanen")
            % {"council": action_plan.council},
            happens=[
                _("Handleplanen registreres som vedtaget den dato, du angiver herunder."),
                _(
                    "Den låses: handlingerne kan ikke længere ændres, medmindre handleplanen "
                    "genåbnes som kladde og vedtages igen."
                ),
                _("Intet offentliggøres endnu."),
            ],
            button=_("Vedtag handleplanen"),
        ),
        run=lambda action_plan: (
            actions.adopt_action_plan(
                action_plan, on=form.cleaned_data["adopted_on"], by=request.user
            )
            and _("Handleplanen er registreret som vedtaget.")
        ),
        form=form,
    )


@login_required
def action_plan_publish(request, pk):
    action_plan = _action_plan(request, pk)

    def consequences():
        url = request.build_absolute_uri(
            reverse(
                "publishing:public_action_plan",
                args=[action_plan.plan.district.slug, action_plan.uuid],
            )
        )
        return Consequences(
            heading=_("Offentliggør %(council)ss handleplan for %(year)s")
            % {"council": action_plan.council, "year": action_plan.plan.year},
            happens=[
                _("Handleplanen offentliggøres på %(url)s og kan ses af alle.") % {"url": url},
                _("PDF og Word bygges bagefter og kan hentes fra handleplanens side."),
                _("Skal den ændres, genåbnes den som kladde og vedtages igen."),
            ],
            audience=[_("Alle, også borgere og presse, på %(url)s") % {"url": url}],
            audience_heading=_("Hvem kan se den"),
            button=_("Offentliggør handleplanen"),
        )

    return confirmed_step(
        request,
        action_plan,
        step="action-plan-publish",
        consequences=consequences,
        run=lambda action_plan: (
            actions.publish_action_plan(action_plan, by=request.user)
            and _("Handleplanen er offentliggjort. PDF og Word bygges nu i baggrunden.")
        ),
    )
