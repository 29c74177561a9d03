"""The samarbejdsplan as published: always from a PlanVersion's frozen content, never from live
data, so the PDF of version 2 says what version 2 said."""

from django.utils.translation import gettext as _

from kredsraad.plans.models import PlanVersion
from kredsraad.publishing import publicity
from kredsraad.publishing.documents.blocks import (
    Chart,
    Document,
    Heading,
    Html,
    Image,
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
    blocks = _strategy(content.get("strategy"))
    for section in content["sections"]:
        blocks += _section(section, level=1)
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
        author=content["district"],
        published_at=version.published_at,
    )


def _strategy(data: dict | None) -> list:
    """The multi-year strategy the plan belongs to: its goals, and under each the year's goals
    that contribute to it (årets bidrag). Nothing for a plan without one, or a version frozen
    before plans carried it."""
    if not data:
        return []
    blocks = [
        Heading(1, _("Strategi %(period)s") % {"period": data["period"]}),
        Paragraph(data["title"]),
    ]
    contributions = {c["strategy_goal_id"]: c["goals"] for c in data.get("contributions", [])}
    for goal in data.get("goals", []):
        lines = [goal_text(goal)]
        lines += [
            _("Årets bidrag: %(goal)s") % {"goal": statement}
            for statement in contributions.get(goal["id"], [])
        ]
        blocks.append(Items(lines))
    return blocks


def _section(section: dict, *, level: int) -> list:
    """The section, its generated part and its subsections, each a level deeper (01, 01.1,
    01.1.1; plans.PlanSection.MAX_DEPTH)."""
    blocks = [Heading(level, section["title"], section["number"])]
    blocks += _section_content(section, level=level)
    for child in section.get("children", []):
        blocks += _section(child, level=level + 1)
    return blocks


def _section_content(section: dict, *, level: int) -> list:
    blocks = []
    if section.get("html"):
        blocks.append(Html(section["html"]))
    blocks += [
        Image(i["file"], i["sha256"], i["alt"], i["caption"], i["width"], i["height"])
        for i in section.get("images", [])
    ]
    data = section.get("generated")
    if data is None:
        return blocks
    kind = section["kind"]
    if kind == "organisation":
        blocks += _organisation(data)
    elif kind == "crime_trends":
        blocks += crime_figures(data)
    elif kind == "focus_areas":
        blocks += _focus_areas(data, level=level + 2)
    elif kind == "local_councils":
        blocks.append(
            Table(
                _("Lokalrådenes handleplaner"),
                [_("Kommune"), _("Lokalråd"), _("Handleplan")],
                [[row["municipality"], row.get("council", ""), row["status"]] for row in data],
            )
        )
    elif kind == "forums":
        for group in data:
            blocks.append(Heading(level + 2, group["target_group"]))
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

    # A block the author chose (statistics.plan_figures) carries its columns, captions and cells.
    for offence in data["offences"] if data.get("columns") else []:
        rows = [[row["name"], *row["cells"]] for row in offence["areas"]]
        body = offence["body"] or len(rows)
        blocks.append(
            Table(offence["caption"], data["columns"], rows[:body], foot=rows[body:], numeric=True)
        )
    for offence in [] if data.get("columns") else data["offences"]:
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
        if data.get("complemented"):
            blocks.append(Paragraph(publicity.statistics_complement_sentence(), note=True))
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


def _focus_areas(data: list, *, level: int = 3) -> list:
    blocks = []
    for area in data:
        blocks.append(Heading(level, area["title"], area["number"]))
        details = []
        if area.get("themes"):
            details.append(_("Temaer: %(themes)s") % {"themes": ", ".join(area["themes"])})
        if area.get("responsible"):
            details.append(_("Ansvarlig: %(name)s") % {"name": area["responsible"]})
        if details:
            blocks.append(Paragraph(" · ".join(details), note=True))
        if area.get("html"):
            blocks.append(Html(area["html"]))
        if area.get("goals"):
            blocks.append(Items([goal_text(goal) for goal in area["goals"]]))
        if area.get("initiatives"):
            blocks.append(Paragraph(_("Indsatser:")))
            for initiative in area["initiatives"]:
                blocks += _initiative(initiative)
    return blocks


def _initiative(initiative: dict) -> list:
    """The initiative's title, and under it a list of its tovholder, partners, coming
    milestones and goals, as the content froze them (a version frozen before these were kept
    has the title and status only)."""
    lines = []
    if initiative.get("lead"):
        lines.append(_("Tovholder: %(name)s") % {"name": initiative["lead"]})
    if initiative.get("partners"):
        lines.append(
            _("Samarbejdspartnere: %(names)s") % {"names": ", ".join(initiative["partners"])}
        )
    for milestone in initiative.get("milestones", []):
        lines.append(
            _("Milepæl: %(title)s (%(kind)s, %(due)s)")
            % {
                "title": milestone["title"],
                "kind": milestone["kind_label"].lower(),
                "due": milestone["due_label"],
            }
        )
    lines += [goal_text(goal) for goal in initiative.get("goals", [])]
    title = Paragraph(f"{initiative['title']} ({initiative['status'].lower()})")
    return [title, Items(lines)] if lines else [title]


def goal_text(goal: dict) -> str:
    """A goal in one line: its statement, target, latest value ("ingen data" without one) and
    the computed progress, with the date of the data it was frozen with."""
    latest = goal["latest_text"]
    if goal.get("latest_label"):
        latest = f"{latest} ({goal['latest_label']})"
    text = _("Mål: %(statement)s. Mål for %(deadline)s: %(target)s. Seneste: %(latest)s.") % {
        "statement": goal["statement"].rstrip("."),
        "deadline": goal["deadline_label"],
        "target": goal["target_text"],
        "latest": latest,
    }
    text += " " + _("Fremdrift: %(progress)s.") % {"progress": goal["progress_label"]}
    if goal.get("data_date"):
        text += " " + _("Data pr. %(date)s.") % {"date": danish_date(goal["data_date"])}
    return text


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
