"""The "Mål" block of a focus area's or an initiative's page: its goals as goals/_goal_list.html
shows them, and the button to add one for those who may."""

import datetime

from django import template
from django.urls import reverse
from django.utils import formats

from kredsraad.goals.content import goals_by_owner
from kredsraad.initiatives.models import Initiative
from kredsraad.statistics.periods import PeriodError, parse_period
from kredsraad.statistics.reading.compare import format_number

register = template.Library()


@register.inclusion_tag("goals/_goal_block.html", takes_context=True)
def goal_block(context, owner):
    """Four to seven queries, however many goals the owner has."""
    user = context["request"].user
    if isinstance(owner, Initiative):
        kind = "initiative"
        goals = goals_by_owner(initiative_ids=[owner.pk]).get((kind, owner.pk), [])
        can_add = user.has_perm("initiatives.edit_initiative", owner)
        add_url = reverse("goals:goal_create_for_initiative", args=[owner.pk])
    else:
        kind = "focus_area"
        goals = goals_by_owner(focus_area_ids=[owner.pk]).get((kind, owner.pk), [])
        plan = owner.plan
        can_add = user.has_perm("plans.edit_plan", plan) and plan.is_editable
        add_url = reverse("goals:goal_create_for_focus_area", args=[owner.pk])
    return {"goals": goals, "can_add": can_add, "add_url": add_url, "goal_links": True}


BADGES = {"reached": "badge-success", "on_track": "badge-info", "off_track": "badge-warning"}


@register.filter
def progress_badge(progress: str) -> str:
    """The DKFDS badge class of a progress state (no_data keeps the plain badge)."""
    return BADGES.get(progress, "")


@register.filter
def iso_date(text: str | None) -> str:
    """ "2024-01-15" → "15. januar 2024"."""
    if not text:
        return ""
    try:
        return formats.date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")
    except ValueError:
        return text


@register.filter
def period_label(text: str) -> str:
    try:
        return parse_period(text).label
    except PeriodError:
        return text


@register.filter
def goal_number(value) -> str:
    return format_number(value)
