"""The coverage matrix: which handleplan items and initiatives address each focus area in each
municipality, so the gaps show."""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.councils.models import Municipality
from kredsraad.plans.document import focus_area_prefix, section_numbers
from kredsraad.plans.models import ActionPlanItem, CooperationPlan, FocusArea


@dataclass
class Cell:
    municipality: object
    items: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return not self.items and not self.initiatives

    def __len__(self):
        return len(self.items) + len(self.initiatives)


@dataclass
class Row:
    number: str
    focus_area: object  # None for the "local needs" row
    cells: list[Cell]


@dataclass
class Matrix:
    municipalities: list
    rows: list[Row]

    def cell(self, focus_area_id, municipality_id) -> Cell | None:
        for row in self.rows:
            if (row.focus_area.pk if row.focus_area else None) == focus_area_id:
                for cell in row.cells:
                    if cell.municipality.pk == municipality_id:
                        return cell
        return None


def coverage(plan: CooperationPlan, municipalities) -> Matrix:
    """Rows are the plan's focus areas (and a last row of local needs); columns are
    `municipalities` (those the user may see). Five queries whatever the size."""
    municipalities = list(municipalities)
    column = {m.pk: index for index, m in enumerate(municipalities)}
    # Only what the matrix shows: numbers, titles and who is covered, never the texts.
    sections = list(plan.sections.only("pk", "plan_id", "parent_id", "position", "kind"))
    prefix = focus_area_prefix(sections, section_numbers(sections))
    initiative = FocusArea._meta.get_field("initiatives").related_model
    areas = list(
        plan.focus_areas.only("pk", "plan_id", "position", "title").prefetch_related(
            Prefetch(
                "initiatives",
                queryset=initiative.objects.only(
                    "pk", "title", "all_municipalities", "owner_municipality_id"
                ),
            ),
            Prefetch("initiatives__municipalities", queryset=Municipality.objects.only("pk")),
        )
    )
    grid = {key: [Cell(m) for m in municipalities] for key in [a.pk for a in areas] + [None]}

    items = (
        ActionPlanItem.objects.filter(action_plan__plan=plan)
        .select_related("action_plan__council")
        .only(
            "pk",
            "title",
            "focus_area_id",
            "action_plan__id",
            "action_plan__council__id",
            "action_plan__council__municipality_id",
        )
    )
    for item in items:
        index = column.get(item.action_plan.council.municipality_id)
        if index is not None:
            grid[item.focus_area_id][index].items.append(item)
    for area in areas:
        for initiative in area.initiatives.all():
            if initiative.all_municipalities:
                covered = column.values()
            else:
                ids = {m.pk for m in initiative.municipalities.all()}
                ids.add(initiative.owner_municipality_id)
                covered = [column[pk] for pk in ids if pk in column]
            for index in covered:
                grid[area.pk][index].initiatives.append(initiative)

    rows = [Row(f"{prefix}.{n}", area, grid[area.pk]) for n, area in enumerate(areas, start=1)]
    rows.append(Row("", None, grid[None]))
    return Matrix(municipalities, rows)


def label_cells(matrix: Matrix, plan: CooperationPlan) -> Matrix:
    """Give each cell of the page its link, its text and what a screen reader hears after it,
    worked out here once rather than by a template tag per cell."""
    # The cell's page is plans:coverage_cell, planer/<plan>/daekning/<area or 0>/<code>/.
    base = reverse("plans:coverage", args=[plan.pk])
    for row in matrix.rows:
        where = row.focus_area.title if row.focus_area else _("lokalt behov")
        for cell in row.cells:
            cell.url = (
                f"{base}{row.focus_area.pk if row.focus_area else 0}/{cell.municipality.code}/"
            )
            cell.gap = cell.is_gap and row.focus_area is not None
            if not cell.is_gap:
                cell.text = ngettext("%(n)s tiltag", "%(n)s tiltag", len(cell)) % {"n": len(cell)}
            else:
                cell.text = _("Hul") if row.focus_area else "\N{EN DASH}"
            cell.hint = f"{where}, {cell.municipality.name}"
    return matrix


def as_table(matrix: Matrix) -> list[list[str]]:
    """Header and rows for CSV/XLSX: one column per municipality, cells list what is there."""
    header = [_("Nr."), _("Indsatsområde")] + [m.name for m in matrix.municipalities]
    table = [header]
    for row in matrix.rows:
        title = row.focus_area.title if row.focus_area else _("Lokalt behov")
        cells = [
            "; ".join(
                [_("Handling: %(t)s") % {"t": i.title} for i in cell.items]
                + [_("Indsats: %(t)s") % {"t": i.title} for i in cell.initiatives]
            )
            or _("(intet)")
            for cell in row.cells
        ]
        table.append([row.number, title, *cells])
    return table


def as_csv(matrix: Matrix) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as Danish Excel opens it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(as_table(matrix))
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(matrix: Matrix) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Dækning")[:31]
    gap = PatternFill("solid", fgColor="FBE4E4")
    for r, values in enumerate(as_table(matrix), start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r == 1:
                cell.font = Font(bold=True)
            elif c > 2 and value == _("(intet)"):
                cell.fill = gap
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
