"""The samarbejdsplan as published: always from a PlanVersion's frozen content, never from live
data, so the PDF of version 2 says what version 2 said."""

from django.utils.translation import gettext as _

from kredsraad.plans.models import PlanVersion
from kredsraad.publishing.documents.blocks import (
    Chart,
    Document,
    Heading,
    Html,
    Items,
    Pairs,
    Paragraph,
    Table,
    danish_date,
    quoted,
)
from kredsraad.statistics.reading.charts import AreaValue, Measure, bars_chart


def plan_document(version: PlanVersion) -> Document:
    content = version.content
    cover = [content["district"]]
    if content.get("municipalities"):
        cover.append(
            _("Kommunerne i kredsen: %(names)s") % {"names": ", ".join(content["municipalities"])}
        )
    cover.append(
        _("Version %(number)s, offentliggjort %(date)s")
        % {"number": version.number, "date": danish_date(version.published_at.date())}
    )
    blocks = []
    for section in content["sections"]:
        blocks += _section(section, level=1)
        for child in section.get("children", []):
            blocks += _section(child, level=2)
    if version.change_note:
        blocks += [Heading(1, _("Ændringer i denne version")), Paragraph(version.change_note)]
    approved = content.get("approved")
    if approved:
        blocks.append(
            Paragraph(
                _("Godkendt af %(council)s %(date)s. %(reference)s")
                % {
                    "council": approved["council"],
                    "date": danish_date(approved["on"]),
                    "reference": approved["reference"],
                }
            )
        )
    blocks += _contact(content)
    return Document(
        title=content["title"],
        cover=cover,
        blocks=blocks,
        contents=True,
        footer=_("Samarbejdsplanen efter retsplejelovens § 113."),
    )


def _section(section: dict, *, level: int) -> list:
    blocks = [Heading(level, section["title"], section["number"])]
    if section.get("html"):
        blocks.append(Html(section["html"]))
    data = section.get("generated")
    if data is None:
        return blocks
    kind = section["kind"]
    if kind == "organisation":
        blocks += _organisation(data)
    elif kind == "crime_trends":
        blocks += crime_figures(data)
    elif kind == "focus_areas":
        blocks += _focus_areas(data)
    elif kind == "local_councils":
        blocks.append(
            Table(
                _("Lokalrådenes handleplaner"),
                [_("Kommune"), _("Handleplan")],
                [[row["municipality"], row["status"]] for row in data],
            )
        )
    elif kind == "forums":
        for group in data:
            blocks.append(Heading(3, group["target_group"]))
            blocks.append(Pairs([(forum["name"], _forum_text(forum)) for forum in group["forums"]]))
    return blocks


def _organisation(data: dict) -> list:
    blocks = [
        Table(
            council["name"],
            [_("Medlem"), _("Rolle")],
            [[member["person"], member["role"]] for member in council["members"]],
        )
        for council in data.get("district_councils", [])
    ]
    if data.get("local_councils"):
        blocks.append(
            Paragraph(_("Lokalråd: %(names)s.") % {"names": ", ".join(data["local_councils"])})
        )
    return blocks


def crime_figures(data: dict) -> list:
    """The frozen figures: the paragraphs, a table and a chart per offence, the note on small
    counts and the source line, exactly as the version holds them."""
    if not data.get("figures"):
        return [Paragraph(_("Planen blev offentliggjort uden tal fra Danmarks Statistik."))]
    blocks = [Paragraph(text) for text in data["paragraphs"]]
    head = [_("Område"), data["period_label"], data["baseline_label"], _("Ændring")]
    if data.get("has_rates"):
        head.append(_("Pr. 1.000 indbyggere, %(period)s") % {"period": data["period_label"]})

    def cells(row, name):
        out = [name, row["value_text"], row["baseline_text"], row["change_text"]]
        return [*out, row["rate_text"]] if data.get("has_rates") else out

    for offence in data["offences"]:
        caption = _("%(offence)s pr. kommune, %(period)s mod %(baseline)s") % {
            "offence": offence["name"],
            "period": data["period_label"],
            "baseline": data["baseline_label"],
        }
        blocks.append(
            Table(
                caption,
                head,
                [cells(row, row["name"]) for row in offence["municipalities"]],
                foot=[
                    cells(offence["district"], data["district"]),
                    cells(offence["country"], offence["country"]["name"]),
                ],
                numeric=True,
            )
        )
        chart = _chart(offence, data, caption)
        if chart:
            blocks.append(chart)
    if data.get("suppressed"):
        below = data["suppress_below"]
        blocks.append(
            Paragraph(
                _(
                    "Tal under %(below)s vises som %(shown)s, og ændring og tal pr. 1.000 "
                    "indbyggere udelades for dem, så få anmeldelser i en lille kommune ikke peger "
                    "på enkeltpersoner."
                )
                % {"below": below, "shown": quoted(_("under %(below)s") % {"below": below})},
                note=True,
            )
        )
    blocks.append(Paragraph(data["source"], note=True))
    return blocks


def _chart(offence: dict, data: dict, caption: str) -> Chart | None:
    rows = [
        AreaValue(row["area"], row["name"], row["value"])
        for row in offence["municipalities"]
        if row["value"] is not None
    ]
    if not rows:
        return None
    description = _("Søjlediagram: %(caption)s. Tallene står i tabellen ovenfor.") % {
        "caption": caption
    }
    measure = Measure(
        "count", _("Anmeldelser, %(period)s") % {"period": data["period_label"]}, ",d"
    )
    spec = bars_chart(rows, measure, description=description, width=440)
    return Chart(spec, description)


def _focus_areas(data: list) -> list:
    blocks = []
    for area in data:
        blocks.append(Heading(3, area["title"], area["number"]))
        details = []
        if area.get("themes"):
            details.append(_("Temaer: %(themes)s") % {"themes": ", ".join(area["themes"])})
        if area.get("responsible"):
            details.append(_("Ansvarlig: %(name)s") % {"name": area["responsible"]})
        if details:
            blocks.append(Paragraph(" · ".join(details), note=True))
        if area.get("html"):
            blocks.append(Html(area["html"]))
        if area.get("initiatives"):
            blocks.append(Paragraph(_("Indsatser:")))
            blocks.append(
                Items([f"{i['title']} ({i['status'].lower()})" for i in area["initiatives"]])
            )
    return blocks


def _forum_text(forum: dict) -> str:
    parts = [forum.get("description", "")]
    if forum.get("lead"):
        parts.append(_("Tovholder: %(lead)s.") % {"lead": forum["lead"]})
    if forum.get("municipalities"):
        parts.append(_("Kommuner: %(names)s.") % {"names": ", ".join(forum["municipalities"])})
    return " ".join(part for part in parts if part)


def _contact(content: dict) -> list:
    contact = content.get("contact") or {}
    lines = [
        _("Telefon: %(phone)s") % {"phone": contact["phone"]} if contact.get("phone") else "",
        _("E-mail: %(email)s") % {"email": contact["email"]} if contact.get("email") else "",
        _("Hjemmeside: %(url)s") % {"url": contact["website"]} if contact.get("website") else "",
    ]
    lines = [line for line in lines if line]
    if not lines:
        return []
    return [Heading(1, _("Kontakt")), Paragraph(content["district"]), Items(lines)]
