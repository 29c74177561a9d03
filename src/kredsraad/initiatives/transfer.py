"""Initiatives and milestones in and out of spreadsheets: CSV (semicolons, UTF-8 with BOM, as
Danish Excel opens it) and XLSX, with the same columns both ways.

An import is read and checked as a whole first (`read_upload`, then `plan_import`): every
problem is listed by sheet, line, column and value, and every row says what it would create or
change. Nothing is written here; `kredsraad.initiatives.actions.import_initiatives` applies a
plan without problems, all or nothing.

Rows are matched on the external id (initiatives) and on the initiative's external id plus the
title (milestones). An import creates and updates; it never deletes, so rows left out of a file
stay as they are. Status updates are reports and are never imported.

The focus areas an initiative serves are named with their plan's year and their number as the
plan shows it, or their title ("2023: 05.2", "2023: Indbrud i private hjem"), so that one cell
can hold focus areas of several years' plans and an export comes back unchanged. The column may
be left out of a file, and then the links stay as they are.
"""

import csv
import datetime
import hashlib
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Model, Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kredsraad.core import spreadsheets
from kredsraad.core.text import LONG_TEXT, TEXT, too_long
from kredsraad.councils.models import Forum, Municipality, Organisation, PoliceDistrict
from kredsraad.initiatives.models import QUARTER, Initiative, Milestone
from kredsraad.initiatives.queries import quarter_bounds
from kredsraad.plans.document import focus_area_prefix, section_numbers
from kredsraad.plans.models import FocusArea

INITIATIVES = "Indsatser"
MILESTONES = "Milepæle"
INITIATIVE_COLUMNS = [
    "ekstern_id",
    "titel",
    "beskrivelse",
    "tovholder",
    "partnere",
    "fora",
    "kommuner",
    "lokal_kommune",
    "start",
    "slut",
    "status",
    "viderefører",
    "vægt",
    "indsatsområder",
]
MILESTONE_COLUMNS = [
    "indsats_id",
    "titel",
    "type",
    "frist",
    "frist_kvartal",
    "nået_den",
    "resultat",
]
COLUMNS = {INITIATIVES: INITIATIVE_COLUMNS, MILESTONES: MILESTONE_COLUMNS}
# Columns a file may leave out: older files were made without them, and leave their data alone.
OPTIONAL_COLUMNS = {"indsatsområder"}
YEAR_AND_AREA = re.compile(r"(\d{4})\s*:\s*(.+)")
SEPARATOR = "|"
ALL = "alle"
DATE_FORMAT = "%d.%m.%Y"
BOM = b"\xef\xbb\xbf"
ZIP = b"PK\x03\x04"  # an XLSX workbook is a zip archive
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, Word's .doc: an OLE compound file
MOJIBAKE = spreadsheets.MOJIBAKE
# A district's initiatives and milestones are hundreds of rows; these leave room for years of
# them and refuse a workbook that would take the server's memory before it is read.
WORKBOOK_LIMITS = spreadsheets.Limits(
    rows=20_000, columns=100, cells=1_000_000, unpacked=50 * 1024 * 1024
)
# The longest text is a description; this leaves room for any a person writes, and stays
# under the csv module's own limit so the refusal is ours, in Danish, with its line.
MAX_FIELD = 100_000


@dataclass(frozen=True)
class _Kind:
    """What a name column refers to, with its messages written out (Danish gender differs)."""

    unknown: str
    ambiguous: str


ORGANISATION = _Kind(
    gettext_lazy(
        "Ukendt organisation »%(name)s«. Opret den under Organisationer først, "
        "eller ret stavemåden."
    ),
    gettext_lazy("Flere organisationer hedder »%(name)s«; giv dem entydige navne."),
)
PARTNER = _Kind(
    gettext_lazy(
        "Ukendt partner »%(name)s«. Opret organisationen under Organisationer først, "
        "eller ret stavemåden."
    ),
    gettext_lazy("Flere organisationer hedder »%(name)s«; giv dem entydige navne."),
)
FORUM = _Kind(
    gettext_lazy("Ukendt forum »%(name)s«. Opret det under Fora først, eller ret stavemåden."),
    gettext_lazy("Flere fora hedder »%(name)s«; giv dem entydige navne."),
)
# Excel runs a cell that starts like a formula; exported CSV cells get a quote in front.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _labels(choices) -> dict[str, str]:
    """Danish labels whatever the user's language: the file format does not change with it."""
    with translation.override("da"):
        return {value: str(label) for value, label in choices}


@dataclass(frozen=True)
class AreaRef:
    """A focus area as a cell names it ("2023: 05.2"); equal by the focus area's id alone, so a
    file's reference and the stored link compare equal however the file wrote it."""

    pk: int
    label: str = field(compare=False)


def area_ref(area: FocusArea) -> AreaRef:
    """Reads the area's plan with its sections and focus areas (prefetch them on lists)."""
    plan = area.plan
    sections = list(plan.sections.all())
    prefix = focus_area_prefix(sections, section_numbers(sections))
    positions = sorted(a.position for a in plan.focus_areas.all())
    return AreaRef(area.pk, f"{plan.year}: {prefix}.{positions.index(area.position) + 1}")


def _numbered_focus_areas():
    """Focus areas with what `area_ref` reads, in a fixed number of queries."""
    return FocusArea.objects.select_related("plan").prefetch_related(
        "plan__sections", "plan__focus_areas"
    )


# Export --------------------------------------------------------------------------------------


def initiative_record(initiative: Initiative) -> dict:
    """The initiative as one spreadsheet row, column → value. Relations are model objects
    (compared by id), lists are frozensets; `_cell` turns each value into its text."""
    return {
        "ekstern_id": initiative.external_id,
        "titel": initiative.title.strip(),
        "beskrivelse": _normalise_text(initiative.description),
        "tovholder": initiative.lead_organisation,
        "partnere": frozenset(initiative.partners.all()),
        "fora": frozenset(initiative.forums.all()),
        "kommuner": ALL
        if initiative.all_municipalities
        else frozenset(initiative.municipalities.all()),
        "lokal_kommune": initiative.owner_municipality,
        "start": initiative.starts,
        "slut": initiative.ends,
        "status": _labels(Initiative.Status.choices)[initiative.status],
        "viderefører": initiative.continues.external_id if initiative.continues else "",
        "vægt": initiative.weight,
        "indsatsområder": frozenset(area_ref(area) for area in initiative.focus_areas.all()),
    }


def milestone_record(milestone: Milestone) -> dict:
    return {
        "indsats_id": milestone.initiative.external_id,
        "titel": milestone.title.strip(),
        "type": _labels(Milestone.Kind.choices)[milestone.kind],
        "frist": milestone.due_date,
        "frist_kvartal": milestone.due_quarter,
        "nået_den": milestone.done_on,
        "resultat": _normalise_text(milestone.result),
    }


def exported_initiatives(initiatives):
    """The queryset prepared for export: every relation a record reads, in a fixed number of
    queries."""
    return initiatives.select_related(
        "lead_organisation", "owner_municipality", "continues"
    ).prefetch_related(
        "partners",
        "forums",
        "municipalities",
        Prefetch("focus_areas", queryset=_numbered_focus_areas()),
    )


def tables(initiatives) -> dict[str, list[dict]]:
    """Both sheets' records for `initiatives` (already scoped to what the user may see)."""
    initiatives = list(exported_initiatives(initiatives).order_by("external_id"))
    milestones = (
        Milestone.objects.filter(initiative__in=[i.pk for i in initiatives])
        .select_related("initiative")
        .order_by("initiative__external_id", "due_date", "due_quarter", "title")
    )
    return {
        INITIATIVES: [initiative_record(i) for i in initiatives],
        MILESTONES: [milestone_record(m) for m in milestones],
    }


def _cell(value) -> str:
    """A record value as the text a file holds (and a preview shows)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Municipality):
        return str(value.code)
    if isinstance(value, AreaRef):
        return value.label
    if isinstance(value, Model):
        return value.name
    if isinstance(value, frozenset):
        texts = [_cell(v) for v in value]
        numeric = all(t.isdigit() for t in texts)
        return SEPARATOR.join(sorted(texts, key=int if numeric else str.casefold))
    return str(value)


def as_csv(records: list[dict], columns: list[str]) -> bytes:
    """Semicolon-separated UTF-8 with BOM, so Danish Excel opens it with æ, ø and å intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_guard(_cell(record[column])) for column in columns])
    return BOM + buffer.getvalue().encode("utf-8")


def as_xlsx(sheets: dict[str, list[dict]]) -> bytes:
    """One workbook with a sheet per table; dates are real dates, shown as dd.mm.åååå."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, records in sheets.items():
        sheet = workbook.create_sheet(name)
        columns = COLUMNS[name]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, record in enumerate(records, start=2):
            for c, column in enumerate(columns, start=1):
                value = record[column]
                if isinstance(value, datetime.date) or (column == "vægt" and value is not None):
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, datetime.date):
                        cell.number_format = "DD.MM.YYYY"
                    continue
                text = ILLEGAL_CHARACTERS_RE.sub("", _cell(value))
                cell = sheet.cell(row=r, column=c, value=text)
                cell.data_type = "s"  # text that starts with "=" stays text, not a formula
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guard(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


# Reading a file ------------------------------------------------------------------------------


@dataclass
class Problem:
    """Why a file cannot be imported: where (sheet, line, column), what it held, and why."""

    sheet: str
    line: int | None
    column: str
    value: str
    message: str

    @classmethod
    def in_file(cls, source: str, message: str) -> "Problem":
        """A problem with the file as a whole rather than a cell."""
        return cls(source, None, "", "", message)


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, list]]  # (line number in the file, cells)


@dataclass
class Upload:
    """The tables read from the uploaded files, or the problems that stopped the reading."""

    sheets: dict[str, Sheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_upload(initiatives_file=None, milestones_file=None) -> Upload:
    """Read the files as (name, content) pairs. A CSV file is the table of the field it was
    uploaded in; an XLSX workbook gives whichever of the sheets »Indsatser« and »Milepæle« it
    has. The content decides which it is, not the name: browsers and mail programs lose or
    change extensions."""
    upload = Upload()
    for table, upload_file in ((INITIATIVES, initiatives_file), (MILESTONES, milestones_file)):
        if upload_file is None:
            continue
        name, content = upload_file
        if content.startswith(ZIP) or name.lower().endswith(".xlsx"):
            _read_xlsx(upload, name, content)
        elif content.startswith(OLD_EXCEL):
            upload.problems.append(
                Problem.in_file(
                    name,
                    _(
                        "Filen er i Excels gamle format (.xls). Gem den som »Excel-projektmappe "
                        "(.xlsx)« eller »CSV UTF-8«, og prøv igen."
                    ),
                )
            )
        elif b"\x00" in content[:4096]:
            upload.problems.append(
                Problem.in_file(
                    name,
                    _("Filen skal være en CSV-fil (.csv) eller et Excel-regneark (.xlsx)."),
                )
            )
        else:
            _read_csv(upload, table, name, content)
    if not upload.sheets and not upload.problems:
        upload.problems.append(Problem.in_file("", _("Vælg en fil at indlæse.")))
    return upload


def _add_sheet(upload: Upload, sheet: Sheet, source: str) -> None:
    if sheet.name in upload.sheets:
        upload.problems.append(
            Problem.in_file(
                source,
                _("Tabellen »%(table)s« findes i mere end én af filerne. Indlæs den kun én gang.")
                % {"table": sheet.name},
            )
        )
    else:
        upload.sheets[sheet.name] = sheet


def _read_csv(upload: Upload, table: str, name: str, content: bytes) -> None:
    text, encoding = spreadsheets.decode(content)
    if encoding == spreadsheets.WINDOWS_1252:
        upload.notes.append(
            _(
                "%(file)s var ikke gemt som UTF-8 og er læst som Windows-1252 (Excels »CSV "
                "(semikolonsepareret)«). Kontrollér æ, ø og å i forhåndsvisningen."
            )
            % {"file": name}
        )
    if _destroyed_letters(upload, name, text.splitlines()):
        return
    try:
        rows = [
            fields
            for _line, fields in spreadsheets.csv_rows(
                text, delimiter=";", max_field=MAX_FIELD, max_lines=WORKBOOK_LIMITS.rows
            )
        ]
    except spreadsheets.Refused as refused:
        upload.problems.append(Problem(name, refused.line, "", "", refused.message))
        return
    if not rows:
        upload.problems.append(Problem.in_file(name, _("Filen er tom.")))
        return
    header = rows[0]
    if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
        upload.problems.append(
            Problem(
                name,
                1,
                "",
                header[0][:80],
                _("Kolonnerne skal være adskilt med semikolon (;), ikke komma eller tabulator."),
            )
        )
        return
    body = [
        (line, [_unguard(cell) for cell in row])
        for line, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]
    _add_sheet(upload, Sheet(table, header, body), name)


def _read_xlsx(upload: Upload, name: str, content: bytes) -> None:
    from openpyxl import load_workbook

    try:
        spreadsheets.check_workbook(content, WORKBOOK_LIMITS)
    except spreadsheets.Refused as refused:
        upload.problems.append(Problem(name, refused.line, "", "", refused.message))
        return
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises a handful of kinds for a file that is no workbook
        upload.problems.append(
            Problem.in_file(name, _("Filen kan ikke læses som et Excel-regneark (.xlsx)."))
        )
        return
    found = False
    for worksheet in workbook.worksheets:
        table = {INITIATIVES.casefold(): INITIATIVES, MILESTONES.casefold(): MILESTONES}.get(
            worksheet.title.strip().casefold()
        )
        if table is None:
            continue
        found = True
        try:
            rows = [row for _line, row in spreadsheets.sheet_rows(worksheet, WORKBOOK_LIMITS)]
        except spreadsheets.Refused as refused:
            upload.problems.append(Problem(table, refused.line, "", "", refused.message))
            continue
        texts = [" ".join(str(c) for c in row if isinstance(c, str)) for row in rows]
        if _destroyed_letters(upload, f"{name}, {table}", texts):
            continue
        if not rows:
            upload.problems.append(Problem.in_file(table, _("Arket er tomt.")))
            continue
        header = [_text(c) for c in rows[0]]
        while header and not header[-1]:
            header.pop()
        body = [
            (line, row) for line, row in enumerate(rows[1:], start=2) if any(_text(c) for c in row)
        ]
        _add_sheet(upload, Sheet(table, header, body), name)
    workbook.close()
    if not found:
        upload.problems.append(
            Problem.in_file(
                name,
                _("Regnearket har hverken et ark med navnet »%(a)s« eller »%(b)s«.")
                % {"a": INITIATIVES, "b": MILESTONES},
            )
        )


def _destroyed_letters(upload: Upload, source: str, lines) -> bool:
    """A file whose æ, ø and å were lost before it reached us cannot be repaired here."""
    for line, text in enumerate(lines, start=1):
        if "\ufffd" in text:
            message = _(
                "Filen indeholder tegnet »%(char)s«, som står i stedet for bogstaver, der er gået "
                "tabt (typisk æ, ø og å), fordi filen er åbnet eller gemt med et forkert tegnsæt. "
                "Det kan ikke rettes her: hent en ny eksport, eller gem filen fra Excel som "
                "»CSV UTF-8« eller .xlsx, og prøv igen."
            ) % {"char": "\ufffd"}
        elif any(garbled in text for garbled in MOJIBAKE.values()):
            message = _(
                "Filen indeholder tegn som »%(oe)s« og »%(ae)s« i stedet for ø og æ: den er gemt "
                "som UTF-8, åbnet som et andet tegnsæt og gemt igen. Hent en ny eksport, eller "
                "ret bogstaverne, og prøv igen."
            ) % {"oe": MOJIBAKE["ø"], "ae": MOJIBAKE["æ"]}
        else:
            continue
        snippet = text.strip()[:80]
        upload.problems.append(Problem(source, line, "", snippet, message))
        return True
    return False


def _text(value) -> str:
    """A cell as stripped text: numbers without a decimal part, nothing for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().strftime(DATE_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return str(value).strip()


def _normalise_text(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


# Checking and planning -----------------------------------------------------------------------


@dataclass
class RowPlan:
    """What one row would do: create, update (with the changes, column by column) or nothing."""

    sheet: str
    line: int
    key: str
    title: str
    action: str  # "create", "update" or "unchanged"
    changes: list[tuple[str, str, str]]  # (column, old text, new text)
    record: dict
    existing: Model | None


@dataclass
class ImportPlan:
    initiatives: list[RowPlan] = field(default_factory=list)
    milestones: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[RowPlan]:
        return self.initiatives + self.milestones

    @property
    def counts(self) -> dict[str, int]:
        """Rows per action: "create", "update", "unchanged"."""
        counted = {"create": 0, "update": 0, "unchanged": 0}
        for row in self.rows:
            counted[row.action] += 1
        return counted

    @property
    def has_changes(self) -> bool:
        return any(row.action != "unchanged" for row in self.rows)

    @property
    def fingerprint(self) -> str:
        """Identifies what the preview showed, so applying refuses if the outcome differs."""
        shown = [(r.sheet, r.line, r.action, r.changes) for r in self.rows]
        return hashlib.sha256(json.dumps(shown, default=str).encode()).hexdigest()


class _Registry:
    """The district's organisations, forums, municipalities, initiatives and milestones, read
    once, to resolve names, codes and external ids."""

    def __init__(self, district: PoliceDistrict):
        self.organisations = defaultdict(list)
        for organisation in Organisation.objects.filter(
            Q(district=district) | Q(district__isnull=True)
        ):
            self.organisations[organisation.name.strip().casefold()].append(organisation)
        self.forums = defaultdict(list)
        for forum in Forum.objects.filter(district=district):
            self.forums[forum.name.strip().casefold()].append(forum)
        self.municipalities = {}
        for municipality in Municipality.objects.filter(district=district):
            self.municipalities[str(municipality.code)] = municipality
            self.municipalities[municipality.name.casefold()] = municipality
            self.municipalities[str(municipality).casefold()] = municipality
        self.codes = sorted(str(m.code) for m in set(self.municipalities.values()))
        self.initiatives = {
            i.external_id: i
            for i in exported_initiatives(Initiative.objects.filter(district=district))
        }
        # (plan year, number or casefolded title) → the focus areas it names.
        self.focus_areas = defaultdict(set)
        for area in _numbered_focus_areas().filter(plan__district=district):
            ref = area_ref(area)
            year = area.plan.year
            self.focus_areas[(year, ref.label.split(": ", 1)[1])].add(ref)
            self.focus_areas[(year, area.title.strip().casefold())].add(ref)
        self.plan_years = set(district.plans.values_list("year", flat=True))
        self.milestones = defaultdict(list)
        for milestone in Milestone.objects.filter(initiative__district=district).select_related(
            "initiative"
        ):
            self.milestones[(milestone.initiative.external_id, milestone.title.strip())].append(
                milestone
            )


def plan_import(district: PoliceDistrict, upload: Upload) -> ImportPlan:
    """Check every row and say what it would do. Reads only; the plan carries every problem."""
    plan = ImportPlan(problems=list(upload.problems), notes=list(upload.notes))
    if upload.problems:
        return plan
    registry = _Registry(district)
    file_initiatives = {}
    if INITIATIVES in upload.sheets:
        file_initiatives = _plan_initiatives(plan, upload.sheets[INITIATIVES], registry)
    if MILESTONES in upload.sheets:
        _plan_milestones(plan, upload.sheets[MILESTONES], registry, file_initiatives)
    _check_starts_against_milestones(plan, registry)
    if not plan.rows and not plan.problems:
        plan.notes.append(_("Filen indeholder ingen rækker."))
    return plan


def _columns(plan: ImportPlan, sheet: Sheet) -> dict[str, int] | None:
    """Where each expected column is; None (with problems) when columns are wrong or missing."""
    expected = COLUMNS[sheet.name]
    found: dict[str, int] = {}
    before = len(plan.problems)
    for index, raw in enumerate(sheet.header):
        name = _text(raw).lstrip("\ufeff").casefold()
        if not name:
            continue
        if name in found:
            message = _("Kolonnen står to gange.")
        elif name not in expected:
            message = _("Ukendt kolonne. Arket skal have kolonnerne: %(columns)s.") % {
                "columns": "; ".join(expected)
            }
        else:
            found[name] = index
            continue
        plan.problems.append(Problem(sheet.name, 1, _text(raw), _text(raw), message))
    for name in expected:
        if name not in found and name not in OPTIONAL_COLUMNS:
            plan.problems.append(Problem(sheet.name, 1, name, "", _("Kolonnen mangler.")))
    return found if len(plan.problems) == before else None


class _Row:
    """One row being read: its cells by column name, and the problems found in it."""

    def __init__(self, plan: ImportPlan, sheet: Sheet, line: int, cells: list, columns):
        self.plan, self.sheet, self.line, self.cells, self.columns = (
            plan,
            sheet.name,
            line,
            cells,
            columns,
        )
        self.ok = True

    def raw(self, column: str):
        index = self.columns[column]
        return self.cells[index] if index < len(self.cells) else None

    def text(self, column: str) -> str:
        return _text(self.raw(column))

    def problem(self, column: str, message: str, value=None) -> None:
        self.ok = False
        shown = self.text(column) if value is None else value
        self.plan.problems.append(Problem(self.sheet, self.line, column, shown, message))

    def limited(self, column: str, limit: int) -> str:
        """The text, or a problem when it is longer than the field may hold (core.text)."""
        value = self.text(column)
        if len(value) > limit:
            self.problem(column, too_long(len(value), limit), f"{value[:60]}…")
        return value

    def required(self, column: str, max_length: int) -> str:
        value = self.text(column)
        if not value:
            self.problem(column, _("Skal udfyldes."))
        elif len(value) > max_length:
            self.problem(column, _("Højst %(n)s tegn.") % {"n": max_length})
        return value

    def date(self, column: str) -> datetime.date | None:
        value = self.raw(column)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if not text:
            return None
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text) or re.fullmatch(
            r"(\d{4})-(\d{2})-(\d{2})", text
        )
        if match is None:
            self.problem(column, _("Skriv datoen som dd.mm.åååå, fx 01.03.2023."))
            return None
        parts = [int(p) for p in match.groups()]
        day, month, year = parts if "." in text else reversed(parts)
        try:
            return datetime.date(year, month, day)
        except ValueError:
            self.problem(column, _("Datoen %(date)s findes ikke.") % {"date": text})
            return None

    def choice(self, column: str, labels: dict[str, str]) -> str:
        """The Danish label as written in the file (matched without regard to case)."""
        text = self.text(column)
        by_label = {label.casefold(): label for label in labels.values()}
        if text.casefold() in by_label:
            return by_label[text.casefold()]
        message = (
            _("Ukendt værdi. Brug en af: %(labels)s.")
            if text
            else _("Skal udfyldes med en af: %(labels)s.")
        )
        self.problem(column, message % {"labels": ", ".join(labels.values())})
        return text

    def named(self, column: str, names: list[str], found: dict, kind: "_Kind") -> list:
        objects = []
        for name in filter(None, names):
            matches = found.get(name.casefold(), [])
            if len(matches) == 1:
                objects.append(matches[0])
            else:
                message = kind.ambiguous if matches else kind.unknown
                self.problem(column, message % {"name": name}, name)
        return objects

    def focus_areas(self, column: str, registry: _Registry) -> frozenset:
        """ "2023: 05.2|2022: Indbrud": each focus area by its plan's year and its number or
        title."""
        found = set()
        for part in _pipe(self.text(column)):
            match = YEAR_AND_AREA.fullmatch(part)
            if match is None:
                self.problem(
                    column,
                    _(
                        "Skriv planens år foran indsatsområdets nummer eller titel, fx "
                        "»2023: 05.2« eller »2023: Indbrud i private hjem«."
                    ),
                    part,
                )
                continue
            year, name = int(match[1]), match[2].strip()
            matches = registry.focus_areas.get((year, name.casefold()), set())
            if year not in registry.plan_years:
                message = _("Politikredsen har ingen samarbejdsplan for %(year)s.")
            elif not matches:
                message = _(
                    "Planen for %(year)s har intet indsatsområde med nummeret eller titlen "
                    "»%(name)s«."
                )
            elif len(matches) > 1:
                message = _(
                    "Flere indsatsområder i planen for %(year)s hedder »%(name)s«; brug nummeret."
                )
            else:
                found |= matches
                continue
            self.problem(column, message % {"year": year, "name": name}, part)
        return frozenset(found)

    def municipalities(self, column: str, registry: _Registry) -> list:
        found = []
        for part in _codes(self.text(column)):
            municipality = registry.municipalities.get(part.casefold())
            if municipality is None:
                self.problem(
                    column,
                    _(
                        "Ukendt kommune »%(value)s« i politikredsen. Brug kommunekoderne "
                        "%(codes)s, eller »alle«."
                    )
                    % {"value": part, "codes": ", ".join(registry.codes)},
                    part,
                )
            else:
                found.append(municipality)
        return found


def _codes(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|,]", text) if part.strip()]


def _plan_initiatives(plan: ImportPlan, sheet: Sheet, registry: _Registry) -> dict:
    """Check the initiatives sheet; returns external id → the file's record."""
    columns = _columns(plan, sheet)
    if columns is None:
        return {}
    statuses = _labels(Initiative.Status.choices)
    seen: dict[str, int] = {}
    rows = []
    for line, cells in sheet.rows:
        row = _Row(plan, sheet, line, cells, columns)
        external_id = row.required("ekstern_id", 100)
        if external_id in seen:
            row.problem(
                "ekstern_id",
                _("Det eksterne id står også i linje %(line)s. Hvert id må kun stå én gang.")
                % {"line": seen[external_id]},
            )
        elif external_id:
            seen[external_id] = line
        lead = row.text("tovholder")
        leads = row.named("tovholder", [lead], registry.organisations, ORGANISATION)
        if not lead:
            row.problem("tovholder", _("Skal udfyldes med tovholderens navn."))
        municipalities = row.text("kommuner")
        owner = row.municipalities("lokal_kommune", registry)
        if len(owner) > 1:
            row.problem("lokal_kommune", _("Angiv én kommune."))
        record = {
            "ekstern_id": external_id,
            "titel": row.required("titel", 300),
            "beskrivelse": _normalise_text(row.limited("beskrivelse", LONG_TEXT)),
            "tovholder": leads[0] if leads else None,
            "partnere": frozenset(
                row.named("partnere", _pipe(row.text("partnere")), registry.organisations, PARTNER)
            ),
            "fora": frozenset(row.named("fora", _pipe(row.text("fora")), registry.forums, FORUM)),
            "kommuner": ALL
            if municipalities.casefold() == ALL
            else frozenset(row.municipalities("kommuner", registry)),
            "lokal_kommune": owner[0] if len(owner) == 1 else None,
            "start": row.date("start"),
            "slut": row.date("slut"),
            "status": row.choice("status", statuses),
            "viderefører": row.text("viderefører"),
            "vægt": _weight(row),
        }
        if "indsatsområder" in columns:
            record["indsatsområder"] = row.focus_areas("indsatsområder", registry)
        if record["start"] and record["slut"] and record["slut"] < record["start"]:
            row.problem("slut", _("Slutdatoen ligger før startdatoen."))
        rows.append((row, record))

    in_file = {record["ekstern_id"]: record for _row, record in rows}
    for row, record in rows:
        predecessor = record["viderefører"]
        if predecessor and predecessor == record["ekstern_id"]:
            row.problem("viderefører", _("En indsats kan ikke videreføre sig selv."))
        elif predecessor and predecessor not in in_file and predecessor not in registry.initiatives:
            row.problem(
                "viderefører",
                _("Ukendt indsats: id'et findes hverken i filen eller i politikredsen."),
            )
        if row.ok:
            plan.initiatives.append(
                _row_plan(
                    row,
                    record["ekstern_id"],
                    record["titel"],
                    record,
                    registry.initiatives.get(record["ekstern_id"]),
                    initiative_record,
                )
            )
    return in_file


def _pipe(text: str) -> list[str]:
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


def _weight(row: _Row) -> int:
    text = row.text("vægt")
    if not text:
        return 1
    if not text.isdigit() or int(text) > 100:
        row.problem("vægt", _("Vægten skal være et helt tal fra 0 til 100."))
        return 1
    return int(text)


def _plan_milestones(plan: ImportPlan, sheet: Sheet, registry: _Registry, file_initiatives):
    columns = _columns(plan, sheet)
    if columns is None:
        return
    kinds = _labels(Milestone.Kind.choices)
    seen: dict[tuple, int] = {}
    for line, cells in sheet.rows:
        row = _Row(plan, sheet, line, cells, columns)
        initiative_id = row.required("indsats_id", 100)
        title = row.required("titel", 300)
        if initiative_id and (initiative_id, title) in seen:
            row.problem(
                "titel",
                _("Indsatsen har en milepæl med samme titel i linje %(line)s.")
                % {"line": seen[(initiative_id, title)]},
            )
        elif initiative_id:
            seen[(initiative_id, title)] = line
        quarter = row.text("frist_kvartal").upper()
        if quarter and not QUARTER.match(quarter):
            row.problem("frist_kvartal", _("Skriv kvartalet som fx 2023K2 (år, K og 1-4)."))
            quarter = ""
        record = {
            "indsats_id": initiative_id,
            "titel": title,
            "type": row.choice("type", kinds),
            "frist": row.date("frist"),
            "frist_kvartal": quarter,
            "nået_den": row.date("nået_den"),
            "resultat": _normalise_text(row.limited("resultat", TEXT)),
        }
        if row.ok and not record["frist"] and not record["frist_kvartal"]:
            row.problem("frist", _("Angiv en frist: en dato (frist) eller et kvartal."))
        if initiative_id in file_initiatives:
            starts = file_initiatives[initiative_id]["start"]
        elif initiative_id in registry.initiatives:
            starts = registry.initiatives[initiative_id].starts
        else:
            starts = None
            if initiative_id:
                row.problem(
                    "indsats_id",
                    _("Ukendt indsats: id'et findes hverken i filen eller i politikredsen."),
                )
        if starts and record["frist"] and record["frist"] < starts:
            row.problem(
                "frist",
                _("Fristen ligger før indsatsens start (%(start)s).")
                % {"start": starts.strftime(DATE_FORMAT)},
            )
        if starts and record["frist_kvartal"] and quarter_bounds(quarter)[1] < starts:
            row.problem(
                "frist_kvartal",
                _("Kvartalet ligger før indsatsens start (%(start)s).")
                % {"start": starts.strftime(DATE_FORMAT)},
            )
        existing = registry.milestones.get((initiative_id, title), [])
        if len(existing) > 1:
            row.problem(
                "titel",
                _(
                    "Indsatsen har allerede flere milepæle med denne titel; ret dem først i kredsraad."
                ),
            )
        if row.ok:
            plan.milestones.append(
                _row_plan(
                    row,
                    f"{initiative_id} · {title}",
                    title,
                    record,
                    existing[0] if existing else None,
                    milestone_record,
                )
            )


def _check_starts_against_milestones(plan: ImportPlan, registry: _Registry) -> None:
    """A new start may not pass a milestone that stays as it is (one not in the file)."""
    in_file = {(r.record["indsats_id"], r.record["titel"]) for r in plan.milestones}
    staying = defaultdict(list)
    for (initiative_id, title), milestones in registry.milestones.items():
        if (initiative_id, title) not in in_file:
            staying[initiative_id] += milestones
    for row in plan.initiatives:
        starts = row.record["start"]
        for milestone in staying[row.record["ekstern_id"]] if starts else ():
            due = milestone.due_date or (
                milestone.due_quarter and quarter_bounds(milestone.due_quarter)[1]
            )
            if due and due < starts:
                plan.problems.append(
                    Problem(
                        row.sheet,
                        row.line,
                        "start",
                        starts.strftime(DATE_FORMAT),
                        _("Startdatoen ligger efter fristen for milepælen »%(title)s« (%(due)s).")
                        % {
                            "title": milestone.title,
                            "due": milestone.due_date.strftime(DATE_FORMAT)
                            if milestone.due_date
                            else milestone.due_quarter,
                        },
                    )
                )


def _row_plan(row: _Row, key, title, record, existing, as_record) -> RowPlan:
    if existing is None:
        action, changes = "create", []
    else:
        before = as_record(existing)
        changes = [
            (column, _cell(before[column]), _cell(record[column]))
            for column in record
            if before[column] != record[column]
        ]
        action = "update" if changes else "unchanged"
    return RowPlan(row.sheet, row.line, key, title, action, changes, record, existing)


# Turning records into model values (used by the import action) --------------------------------


def initiative_values(record: dict) -> dict:
    """Model field → value for an initiative record (without `continues`, an external id)."""
    statuses = {label: value for value, label in _labels(Initiative.Status.choices).items()}
    return {
        "external_id": record["ekstern_id"],
        "title": record["titel"],
        "description": record["beskrivelse"],
        "lead_organisation": record["tovholder"],
        "all_municipalities": record["kommuner"] == ALL,
        "owner_municipality": record["lokal_kommune"],
        "starts": record["start"],
        "ends": record["slut"],
        "status": statuses[record["status"]],
        "weight": record["vægt"],
    }


def initiative_relations(record: dict) -> dict:
    """The links a record sets. Focus areas only when the file has their column."""
    relations = {
        "partners": record["partnere"],
        "forums": record["fora"],
        "municipalities": frozenset() if record["kommuner"] == ALL else record["kommuner"],
    }
    if "indsatsområder" in record:
        relations["focus_areas"] = record["indsatsområder"]
    return relations


def milestone_values(record: dict) -> dict:
    kinds = {label: value for value, label in _labels(Milestone.Kind.choices).items()}
    return {
        "title": record["titel"],
        "kind": kinds[record["type"]],
        "due_date": record["frist"],
        "due_quarter": record["frist_kvartal"],
        "done_on": record["nået_den"],
        "result": record["resultat"],
    }
