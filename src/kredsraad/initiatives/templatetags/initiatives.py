from django import template

from kredsraad.initiatives.models import Initiative, StatusUpdate

register = template.Library()

LIGHT_BADGES = {
    StatusUpdate.Light.ON_TRACK: "badge-success",
    StatusUpdate.Light.CHALLENGED: "badge-warning",
    StatusUpdate.Light.SERIOUS: "badge-error",
    StatusUpdate.Light.FINISHED: "badge-info",
}
STATUS_BADGES = {
    Initiative.Status.PLANNED: "badge-info",
    Initiative.Status.ACTIVE: "badge-success",
    Initiative.Status.PERMANENT: "badge-success",
    Initiative.Status.FINISHED: "badge-info",
    Initiative.Status.STOPPED: "badge-warning",
}


@register.filter
def light_label(light: str | None) -> str:
    """A traffic light's Danish label (from an annotated code, e.g. `latest_light`)."""
    return str(dict(StatusUpdate.Light.choices).get(light, "")) if light else ""


@register.filter
def light_badge(light: str | None) -> str:
    return LIGHT_BADGES.get(light, "")


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.simple_tag
def plan_progress(plan) -> dict:
    """The roll-up for a plan's pages: {"plan": Decimal | None, "areas": {focus area id:
    Decimal | None}}. A template tag, because the plans app does not import initiatives."""
    from kredsraad.initiatives.queries import progress_of_focus_areas, progress_of_plan

    return {"plan": progress_of_plan(plan), "areas": progress_of_focus_areas(plan)}


@register.simple_tag
def year_lights(initiatives, year: int):
    """The initiatives with the latest light and progress of `year` only (`latest_light` …):
    a plan's pages show the plan's own year, so a new year's draft starts without lights."""
    from kredsraad.initiatives.queries import with_latest_update

    return with_latest_update(initiatives, year=year)
