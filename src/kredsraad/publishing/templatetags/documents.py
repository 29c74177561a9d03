from django import template

from kredsraad.publishing.build import current_documents
from kredsraad.publishing.models import DocumentBuild, Kind

register = template.Library()

# Which permission publishes which subject, as the build view checks it.
PERMS = {
    "plan": ("plans.edit_plan", lambda s: s.plan),
    "handleplan": ("plans.write_action_plan", lambda s: s),
    "dagsorden": ("meetings.run_meeting", lambda s: s.council),
    "referat": ("meetings.run_meeting", lambda s: s.council),
}
FIELDS = {
    "plan": (Kind.PLAN, "plan_version"),
    "handleplan": (Kind.ACTION_PLAN, "action_plan"),
    "dagsorden": (Kind.AGENDA, "meeting"),
    "referat": (Kind.MINUTES, "meeting"),
}


@register.inclusion_tag("publishing/_documents.html", takes_context=True)
def documents_block(context, kind: str, subject):
    """The "Dokumenter" block: the subject's current PDF and Word files with their SHA-256,
    the latest build if it is running or failed, and the build button for those who may."""
    user = context["request"].user
    perm, target = PERMS[kind]
    model_kind, field = FIELDS[kind]
    documents = current_documents(kind=model_kind, **{field: subject})
    if not user.has_perm("meetings.see_inside", getattr(subject, "council", None)):
        documents = [d for d in documents if d.variant == "public"]
    latest = (
        DocumentBuild.objects.filter(kind=model_kind, **{field: subject}).first()
        if user.has_perm(perm, target(subject))
        else None
    )
    return {
        "request": context["request"],
        "kind": kind,
        "subject": subject,
        "documents": documents,
        "can_build": user.has_perm(perm, target(subject)),
        "latest": latest if latest and latest.status != DocumentBuild.Status.DONE else None,
        # A build under way shows its progress in place, polled, so the files appear on the
        # page they belong to as soon as they are built.
        "running": bool(latest and not latest.is_finished and not latest.is_stale),
    }
