"""Any stored table read as a series: a measure (a table and a filter per dimension) by area and
period, as counts and per 1,000 inhabitants.

A measure names, for each of the table's dimensions other than OMRÅDE and TID, either codes
(summed when there are several) or "*", all of the dimension. Written as text, in the table's
order, it reads as `Observation.key` does: "UHELD=0;INDBLAND=71;ALDER=6599;KØN=*" is the
pedestrians aged 65 and over injured in traffic (UHELDK1), both sexes.

"All" takes the dimension's total where the data has one (a code TOT, or a value whose label
ends in "i alt": UHELD 0 "Personskade i alt"), since summing a total with its parts counts
everything twice; where the data has no total for a cell, it sums the codes that are there
(UHELDK1 has no total of its sexes, the STRAF40 file none of its ages). OVERTRÆD is a hierarchy
(1 is 11 + 12 + …), so its codes are always named, never "all".

Missing is None ("ingen data"), never 0: a figure is None when no cell of the measure is stored
for the area and period. A police district is the sum of its municipalities, and None unless
every one of them has a figure; Hele landet is the stored row, which the importer may have
derived from the municipalities (`Observation.derived`), and then the figure says "beregnet".
The rate is per 1,000 inhabitants on 1 January of the period's year (FOLK1A).

Reading costs the same few queries however many areas, periods and cells: the table, the areas,
the cells, the population and the datasets' dates."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Exists, Max, OuterRef, Q
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population, Table
from kredsraad.statistics.periods import DASH
from kredsraad.statistics.reading.compare import format_number, per_1000
from kredsraad.statistics.registry import district_code
from kredsraad.statistics.rows import FOLK1A

ALL = "*"
COUNTRY = "000"
MOST_CODES = 12  # codes summed in one dimension; beyond it the measure no longer reads


class SeriesError(ValidationError):
    """A measure that cannot be read, with a Danish message naming the dimension."""


# Measures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    table: Table
    filters: tuple[tuple[str, tuple[str, ...] | str], ...]  # (dimension, codes or ALL), in order
    offence_labels: tuple[tuple[str, str], ...] = ()  # of the chosen OVERTRÆD codes

    @property
    def text(self) -> str:
        return ";".join(
            f"{code}={chosen if chosen == ALL else '+'.join(chosen)}"
            for code, chosen in self.filters
        )

    def chosen(self, dimension: str) -> tuple[str, ...] | str:
        return dict(self.filters)[dimension]

    @property
    def label(self) -> str:
        """In words, each dimension's choice: "Personskade i alt, Fodgænger, 65 år og derover,
        alle køn"."""
        parts = []
        for dimension in self.table.dimensions:
            chosen = self.chosen(dimension["code"])
            if chosen == ALL:
                total = total_code(dimension)
                parts.append(
                    self.value_label(dimension, total)
                    if total
                    else _("alle (%(dimension)s)") % {"dimension": dimension["label"].lower()}
                )
            else:
                parts.append(" + ".join(self.value_label(dimension, c) for c in chosen))
        return ", ".join(parts) or self.table.title

    def admits(self, codes: dict) -> bool:
        """Whether a cell with these dimension codes is one the measure sums (its total
        included, which `collapse` prefers where there is one)."""
        return all(
            chosen == ALL or codes.get(dimension) in chosen for dimension, chosen in self.filters
        )

    def value_label(self, dimension: dict, code: str) -> str:
        if dimension["role"] == "offence":
            return dict(self.offence_labels).get(code, code)
        return self.table.value_label(dimension["code"], code) or code

    @property
    def title(self) -> str:
        return f"{self.table.code}: {self.label}"


def lattice_series(measure: "Measure") -> dict | None:
    """The series a disclosure judge asks about (offence_id, age, sex, key) when the measure
    names one code in every dimension, or None for a sum over several codes."""
    cell = {"offence_id": None, "age": "", "sex": "", "key": []}
    for dimension in measure.table.dimensions:
        chosen = measure.chosen(dimension["code"])
        if chosen == ALL or len(chosen) != 1:
            return None
        (code,) = chosen
        role = dimension["role"]
        if role == "offence":
            cell["offence_id"] = (
                Offence.objects.filter(code=code).values_list("pk", flat=True).first()
            )
        elif role in ("age", "sex"):
            cell[role] = code
        else:
            cell["key"].append(f"{dimension['code']}={code}")
    cell["key"] = ";".join(cell["key"])
    return cell


def total_code(dimension: dict) -> str | None:
    """The dimension's total, if its code list names one: TOT, or a label ending in "i alt"."""
    for value in dimension.get("values", []):
        if value["code"] == "TOT" or value["label"].casefold().endswith("i alt"):
            return value["code"]
    return "TOT" if dimension["role"] == "offence" else None


def parse_measure(table: Table, text: str) -> Measure:
    """`text` ("UHELD=0;INDBLAND=71+61;ALDER=6599") read against the table's dimensions; a
    dimension left out is all of it. Raises SeriesError with a Danish message per problem."""
    if not isinstance(text, str):
        raise SeriesError(_("Målet i tabellen skal skrives som tekst, fx UHELD=0;INDBLAND=71."))
    given, problems = {}, []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        code, sep, value = part.partition("=")
        code = code.strip().upper()
        if not sep or not value.strip():
            problems.append(
                _("»%(part)s« kan ikke læses; skriv dimension=kode, fx INDBLAND=71.")
                % {"part": part}
            )
            continue
        given[code] = value.strip()
    return measure_from(table, given, problems)


def measure_from(table: Table, given: dict, problems: list | None = None) -> Measure:
    """A Measure from {dimension: "71", "71+61" or "*"}; as `parse_measure`."""
    problems = list(problems or [])
    known = {d["code"] for d in table.dimensions}
    for code in given:
        if code not in known:
            problems.append(
                _("Tabellen %(table)s har ingen dimension »%(code)s«; den har %(known)s.")
                % {"table": table.code, "code": code, "known": ", ".join(known) or DASH}
            )
    filters = []
    for dimension in table.dimensions:
        text = str(given.get(dimension["code"], "") or "").strip()
        if dimension["role"] == "offence" and text in ("", ALL):
            text = "TOT"  # the hierarchy's total; its parts would count twice
        if text in ("", ALL):
            filters.append((dimension["code"], ALL))
            continue
        codes = tuple(dict.fromkeys(c.strip() for c in text.split("+") if c.strip()))
        if len(codes) > MOST_CODES:
            problems.append(
                _("Vælg højst %(count)d koder i %(dimension)s.")
                % {"count": MOST_CODES, "dimension": dimension["label"]}
            )
        listed = {v["code"] for v in dimension.get("values", [])}
        if dimension["role"] != "offence" and dimension.get("complete"):
            problems += [
                _("Koden »%(code)s« findes ikke i %(dimension)s i tabellen %(table)s.")
                % {"code": code, "dimension": dimension["label"], "table": table.code}
                for code in codes
                if code not in listed
            ]
        filters.append((dimension["code"], codes))
    offences = [c for d, chosen in filters if d == "OVERTRÆD" and chosen != ALL for c in chosen]
    labels = dict(Offence.objects.filter(code__in=offences).values_list("code", "label"))
    problems += [
        _("Overtrædelseskoden %(code)s findes ikke i statistikken.") % {"code": code}
        for code in offences
        if code not in labels
    ]
    if problems:
        raise SeriesError(problems)
    return Measure(table, tuple(filters), tuple(sorted(labels.items())))


def default_measure(table: Table) -> Measure:
    return measure_from(table, {})


# Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    value: int | None
    rate: Decimal | None = None
    derived: bool = False  # a country figure the importer summed from the municipalities

    @property
    def text(self) -> str:
        if self.value is None:
            return _("ingen data")
        shown = format_number(self.value)
        return _("%(value)s (beregnet)") % {"value": shown} if self.derived else shown

    @property
    def rate_text(self) -> str:
        if self.value is None or self.rate is None:
            return _("ingen data")
        return format_number(self.rate, 2)


NOTHING = Figure(None)


@dataclass
class Series:
    """The measure's figures: `figures[(area code, period)]`, or with `by` a dimension,
    `figures[(area code, period, code)]`. `areas` in the order a table shows them: the
    district's municipalities by name, the district, the country."""

    measure: Measure
    areas: list[Area]
    periods: list[str]
    figures: dict = field(default_factory=dict)
    by: str | None = None
    codes: list[str] = field(default_factory=list)  # the `by` dimension's codes with figures
    fetched_at: datetime | None = None
    newest_dataset: int | None = None
    population: dict = field(default_factory=dict)  # (area code, year) → inhabitants

    def figure(self, area: str, period: str, code: str | None = None) -> Figure:
        key = (area, period) if code is None else (area, period, code)
        return self.figures.get(key, NOTHING)

    @property
    def municipalities(self) -> list[Area]:
        return [a for a in self.areas if a.kind == Area.Kind.MUNICIPALITY]

    @property
    def totals(self) -> list[Area]:
        return [a for a in self.areas if a.kind != Area.Kind.MUNICIPALITY]

    @property
    def has_derived(self) -> bool:
        return any(f.derived for f in self.figures.values())


def read_series(
    measure: Measure,
    *,
    district: PoliceDistrict | None,
    periods: list[str] | None = None,
    by: str | None = None,
) -> Series:
    """The measure for `district` (its municipalities, itself and the country) or for the
    country alone (None, or a national table), in `periods` (all stored when None). With `by`
    a dimension's code, that dimension is kept apart instead of being chosen. Four queries."""
    table = measure.table
    areas = _areas(district if table.has_area else None)
    by_area = {a.pk: a for a in areas}
    rows = Observation.objects.filter(table=table.code, area__in=list(by_area)).order_by()
    rows = _filtered(rows, measure, keep=by)
    if periods is not None:
        years = [int(p[:4]) for p in periods]
        rows = rows.filter(year__range=(min(years), max(years)), period__in=periods)
    # (area id, period, codes per dimension) → (value, derived)
    cells = {}
    order = [d["code"] for d in table.dimensions]
    newest: dict = {"dataset": set()}
    for area, period, offence, age, sex, key, value, derived, dataset in rows.values_list(
        "area_id", "period", "offence__code", "age", "sex", "key", "value", "derived", "dataset"
    ):
        codes = series_codes(table, offence, age, sex, key)
        cells[(area, period, tuple(codes.get(d, "") for d in order))] = (value, derived)
        newest["dataset"].add(dataset)
    collapsed = collapse(cells, measure, keep=by)
    found_periods = sorted({period for _area, period, *_rest in collapsed}, key=_period_order)
    if periods is not None:
        found_periods = [p for p in periods if p in set(found_periods)] or list(periods)
    population = _population(areas, {int(p[:4]) for p in found_periods}, district)
    figures, codes = {}, set()
    municipalities = [a for a in areas if a.kind == Area.Kind.MUNICIPALITY]
    for (area_id, period, code), (value, derived) in collapsed.items():
        area = by_area[area_id]
        if area.kind == Area.Kind.DISTRICT:
            continue  # summed from the municipalities below, as every table is
        key = (area.code, period) if by is None else (area.code, period, code)
        people = population.get((area.code, int(period[:4])))
        figures[key] = Figure(value, per_1000(value, people), derived and area.code == COUNTRY)
        codes.add(code)
    for area in areas:
        if area.kind != Area.Kind.DISTRICT:
            continue
        for period in found_periods:
            for code in sorted(codes) if by else [None]:
                parts = [
                    figures.get((m.code, period) if by is None else (m.code, period, code))
                    for m in municipalities
                ]
                if not parts or any(p is None or p.value is None for p in parts):
                    continue
                value = sum(p.value for p in parts)
                key = (area.code, period) if by is None else (area.code, period, code)
                people = population.get((area.code, int(period[:4])))
                figures[key] = Figure(value, per_1000(value, people))
    newest_dataset = max(newest["dataset"], default=None)
    fetched = (
        Dataset.objects.filter(pk__in=newest["dataset"]).aggregate(at=Max("fetched_at"))["at"]
        if newest["dataset"]
        else None
    )
    by_dimension = table.dimension(by) if by else None
    listed = [v["code"] for v in (by_dimension or {}).get("values", [])]
    return Series(
        measure,
        areas,
        found_periods,
        figures,
        by=by,
        codes=sorted(codes, key=lambda c: (c not in listed, listed.index(c) if c in listed else c))
        if by
        else [],
        fetched_at=fetched,
        newest_dataset=newest_dataset,
        population=population,
    )


def _period_order(period: str) -> tuple[int, int]:
    return int(period[:4]), int(period[5:] or 0)


def _areas(district: PoliceDistrict | None) -> list[Area]:
    """The district's municipalities (by name), the district and the country; or the country."""
    if district is None:
        return list(Area.objects.filter(code=COUNTRY))
    own = district_code(district.code)
    found = list(
        Area.objects.filter(
            Q(code__in=[own, COUNTRY]) | Q(kind=Area.Kind.MUNICIPALITY, district=district)
        )
    )
    rank = {Area.Kind.MUNICIPALITY: 0, Area.Kind.DISTRICT: 1, Area.Kind.COUNTRY: 2}
    return sorted(found, key=lambda a: (rank.get(a.kind, 3), a.name))


def _filtered(rows, measure: Measure, *, keep: str | None):
    """The cells the measure can use, filtered in the database on each dimension's column."""
    table = measure.table
    roles = {d["role"] for d in table.dimensions}
    if "offence" not in roles:
        rows = rows.filter(offence__isnull=True)
    if "age" not in roles:
        rows = rows.filter(age="")
    if "sex" not in roles:
        rows = rows.filter(sex="")
    pattern, narrowed = [], False
    for dimension in table.dimensions:
        chosen = ALL if dimension["code"] == keep else measure.chosen(dimension["code"])
        role = dimension["role"]
        if role == "key":
            if chosen == ALL:
                pattern.append(f"{re.escape(dimension['code'])}=[^;]*")
            else:
                narrowed = True
                codes = "|".join(re.escape(c) for c in chosen)
                pattern.append(f"{re.escape(dimension['code'])}=(?:{codes})")
            continue
        if chosen == ALL:
            continue
        column = {"offence": "offence__code__in", "age": "age__in", "sex": "sex__in"}[role]
        rows = rows.filter(**{column: list(chosen)})
    if not pattern:
        return rows.filter(key="")
    if narrowed:
        rows = rows.filter(key__regex="^" + ";".join(pattern) + "$")
    return rows


def series_codes(table: Table, offence, age: str, sex: str, key: str) -> dict:
    codes = dict(part.split("=", 1) for part in key.split(";") if "=" in part)
    for dimension in table.dimensions:
        if dimension["role"] == "offence":
            codes[dimension["code"]] = offence or ""
        elif dimension["role"] == "age":
            codes[dimension["code"]] = age
        elif dimension["role"] == "sex":
            codes[dimension["code"]] = sex
    return codes


def collapse(cells: dict, measure: Measure, *, keep: str | None) -> dict:
    """{(area id, period, kept code or None): (value, derived)}: every dimension but `keep`
    summed over its chosen codes, or for "all" its total where the cell has one."""
    current = cells
    dimensions = measure.table.dimensions
    for n, dimension in enumerate(dimensions):
        if dimension["code"] == keep:
            continue
        chosen = measure.chosen(dimension["code"])
        groups: dict = defaultdict(dict)
        for (area, period, codes), cell in current.items():
            rest = (*codes[:n], "", *codes[n + 1 :])
            groups[(area, period, rest)][codes[n]] = cell
        total = total_code(dimension) if chosen == ALL else None
        collapsed = {}
        for group, members in groups.items():
            if total is not None and total in members:
                collapsed[group] = members[total]
                continue
            parts = [cell for code, cell in members.items() if code != total]
            if parts:
                collapsed[group] = (sum(v for v, _d in parts), any(d for _v, d in parts))
        current = collapsed
    kept = next((n for n, d in enumerate(dimensions) if d["code"] == keep), None)
    return {
        (area, period, None if kept is None else codes[kept]): cell
        for (area, period, codes), cell in current.items()
    }


def _population(areas: list[Area], years: set[int], district) -> dict:
    """(area code, year) → inhabitants on 1 January; a district without its own row is the sum
    of its municipalities when every one has one."""
    if not years:
        return {}
    by_pk = {a.pk: a for a in areas}
    found = {
        (by_pk[area].code, year): value
        for area, year, value in Population.objects.filter(
            area__in=list(by_pk), year__in=sorted(years)
        ).values_list("area_id", "year", "value")
    }
    municipalities = [a.code for a in areas if a.kind == Area.Kind.MUNICIPALITY]
    for area in areas:
        if area.kind != Area.Kind.DISTRICT or not municipalities:
            continue
        for year in years:
            parts = [found.get((code, year)) for code in municipalities]
            if (area.code, year) not in found and None not in parts:
                found[(area.code, year)] = sum(parts)
    return found


def tables_with_data() -> list[Table]:
    """The described tables that hold any cell, population aside. One query."""
    return list(
        Table.objects.exclude(code=FOLK1A)
        .annotate(has_data=Exists(Observation.objects.filter(table=OuterRef("code"))))
        .filter(has_data=True)
    )


# A series named in a plan's figure block or a goal ------------------------------------------


def clean_series(value) -> str:
    """ "UHELDK1:INDBLAND=71;ALDER=6599" checked and written in one normal form, every
    dimension named in the table's order: "UHELDK1:UHELD=*;INDBLAND=71;ALDER=6599;KØN=*".
    Raises SeriesError with a Danish message."""
    if not isinstance(value, str) or ":" not in value:
        raise SeriesError(_("Skriv serien som tabel:mål, fx UHELDK1:INDBLAND=71;ALDER=6599."))
    code, _sep, text = value.partition(":")
    table = Table.objects.filter(code=code.strip().upper()).first()
    if table is None:
        raise SeriesError(
            _("Tabellen »%(table)s« findes ikke i statistikken.") % {"table": code.strip()}
        )
    return f"{table.code}:{parse_measure(table, text).text}"


def table_of(text: str) -> Table:
    return Table.objects.get(code=text.partition(":")[0])


def measure_of(text: str) -> Measure:
    """The Measure a normalised series text (`clean_series`) names."""
    return parse_measure(table_of(text), text.partition(":")[2])
