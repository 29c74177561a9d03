"""A district's yearly status report: every initiative with its latest traffic light and
progress in the year, and the milestones reached that year. The report is public (anyone may
download it), so it holds the public initiatives only (publishing.public's rule: those serving
a focus area of a published plan's current version), and the texts of the status updates stay
out: they are written for the councils."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.publishing import public
from kredsraad.publishing.documents.blocks import (
    Document,
    Heading,
    Items,
    Paragraph,
    Table,
    danish_date,
    danish_number,
)
from kredsraad.statistics.periods import DASH


def status_report_document(district: PoliceDistrict, year: int) -> Document:
    initiatives = (
        Initiative.objects.filter(district=district, pk__in=public.public_initiative_ids(district))
        .exclude(starts__year__gt=year)
        .exclude(ends__year__lt=year)
        .select_related("lead_organisation")
        .prefetch_related(
            Prefetch(
                "status_updates",
                queryset=StatusUpdate.objects.filter(period__startswith=str(year)).order_by(
                    "-period", "-created_at", "-pk"
                ),
                to_attr="updates_of_year",
            ),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(done_on__year=year).order_by("done_on"),
                to_attr="reached",
            ),
        )
        .order_by("title")
    )
    lights = dict(StatusUpdate.Light.choices)
    rows, reached = [], []
    counts: dict[str, int] = {}
    for initiative in initiatives:
        latest = initiative.updates_of_year[0] if initiative.updates_of_year else None
        light = str(lights[latest.light]) if latest else _("Ingen status")
        counts[light] = counts.get(light, 0) + 1
        rows.append(
            [
                initiative.title,
                initiative.get_status_display(),
                light,
                f"{danish_number(latest.progress)} %" if latest else DASH,
                latest.period if latest else DASH,
            ]
        )
        reached += [
            _("%(date)s: %(initiative)s, %(milestone)s")
            % {
                "date": danish_date(m.done_on),
                "initiative": initiative.title,
                "milestone": m.title,
            }
            for m in initiative.reached
        ]
    summary = ", ".join(f"{label}: {danish_number(n)}" for label, n in counts.items())
    blocks = [
        Heading(1, _("Overblik"), "1"),
        Paragraph(
            _("%(count)s indsatser i %(year)s. %(summary)s")
            % {"count": danish_number(len(rows)), "year": year, "summary": summary}
        ),
        Heading(1, _("Indsatsernes status"), "2"),
        Table(
            _("Indsatser med trafiklys og fremdrift ved årets seneste statusopdatering"),
            [_("Indsats"), _("Status"), _("Trafiklys"), _("Fremdrift"), _("Kvartal")],
            rows,
        ),
        Heading(1, _("Milepæle nået i %(year)s") % {"year": year}, "3"),
        Items(reached) if reached else Paragraph(_("Ingen milepæle blev nået i året.")),
    ]
    return Document(
        title=_("Statusrapport %(year)s for %(district)s")
        % {"year": year, "district": district.name},
        cover=[district.name, ", ".join(str(m) for m in district.municipalities.all())],
        blocks=blocks,
        contents=True,
        author=district.name,
    )
