"""The demo's image: an organisation chart in Midt- og Vestjylland's plan, drawn here as SVG (the
demo's own drawing, not the district's) and uploaded through images.actions as the secretariat
would, so it is rasterised, stored and published like any upload."""

from kredsraad.accounts.models import User
from kredsraad.images import actions
from kredsraad.plans.models import CooperationPlan, PlanSection

ALT_TEXT = (
    "Organisationsdiagram: Kredsrådet for Midt- og Vestjyllands Politi øverst, med "
    "politidirektøren og de elleve borgmestre. Under kredsrådet lokalrådene, ét i hver "
    "kommune, og under dem de faste samarbejdsfora."
)
CAPTION = "Figur 1: Sådan hænger rådene sammen (demo)"

_BOX = (
    '<rect x="{x}" y="{y}" width="{w}" height="44" rx="6" fill="{fill}" stroke="#00436b"/>'
    '<text x="{cx}" y="{ty}" font-family="sans-serif" font-size="15" text-anchor="middle" '
    'fill="{text}">{label}</text>'
)


def _box(x, y, w, label, *, dark=False) -> str:
    return _BOX.format(
        x=x,
        y=y,
        w=w,
        cx=x + w // 2,
        ty=y + 27,
        label=label,
        fill="#00436b" if dark else "#ffffff",
        text="#ffffff" if dark else "#1a1a1a",
    )


def organisation_chart() -> bytes:
    lines = "".join(
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#00436b" stroke-width="2"/>'
        for x1, y1, x2, y2 in [(320, 64, 320, 104), (320, 148, 320, 188)]
    )
    boxes = (
        _box(170, 20, 300, "Kredsrådet", dark=True)
        + _box(170, 104, 300, "Lokalrådene (ét pr. kommune)")
        + _box(170, 188, 300, "Samarbejdsfora i kommunerne")
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="252" viewBox="0 0 640 252">'
        f'<rect width="640" height="252" fill="#ffffff"/>{lines}{boxes}</svg>'
    )
    return svg.encode()


def add_organisation_chart(plan: CooperationPlan, *, secretariat: User) -> None:
    """Into the plan's organisation section, once: a plan that has it already, or that can no
    longer be edited, is left as it is."""
    section = plan.sections.filter(kind=PlanSection.Kind.ORGANISATION).first()
    if section is None or section.images.exists() or not plan.is_editable:
        return
    actions.add_section_image(
        section,
        data=organisation_chart(),
        alt_text=ALT_TEXT,
        caption=CAPTION,
        by=secretariat,
    )
