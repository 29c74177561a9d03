"""What a police district's statistics page shows, gathered in a fixed number of queries.

The page compares the district with the whole country over a period (by default the newest
year to date against the same quarters a year earlier), shows its quarters over five years,
its years, its municipalities side by side and on a map, and flags unusual quarters. A district
that has imported the police's own export may show those figures instead (table "police",
without the country, which the export does not hold). Every figure comes from
`statistics.compare`; this module chooses what to ask and lays the answers out as tables
(`downloads.Table`, also the CSV and XLSX files) and Vega-Lite charts (`charts`).

Queries, whatever the number of municipalities, quarters or years: the two areas, whether the
district has police figures, the offences with data, the district's series, the comparison
(2), the municipalities (2), the years of the district and the country, the municipalities'
quarters for the outlier flags, their outlines and the datasets' dates.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Area, Boundary, Dataset, Observation, Offence
from kredsraad.statistics.periods import (
    DASH,
    Period,
    Quarter,
    parse_quarter,
    year_earlier,
    year_to_date,
)
from kredsraad.statistics.reading import charts
from kredsraad.statistics.reading.compare import (
    Breakdown,
    CompareError,
    Comparison,
    Outlier,
    Point,
    YearTotal,
    by_municipality,
    compare,
    derived_note,
    flag_outliers,
    format_change,
    format_number,
    format_rate,
    series,
    yearly_by_area,
)
from kredsraad.statistics.reading.downloads import Cell, Table
from kredsraad.statistics.reading.page_forms import (
    CHANGE,
    COUNT,
    DST,
    POLICE,
    RATE,
    SourceForm,
    StatisticsForm,
)
from kredsraad.statistics.rows import FOLK1A, STRAF11
from kredsraad.statistics.rows import POLICE as POLICE_TABLE

COUNTRY = "000"
SERIES_QUARTERS = 20  # five years up to the period's last quarter
DEFAULT_OFFENCES = ("1", "TOT")  # Straffelov i alt, else everything
TABLES = ("sammenligning", "kvartaler", "aar", "kommuner")


def measures() -> dict[str, charts.Measure]:
    return {
        RATE: charts.Measure("rate", _("Anmeldelser pr. 1.000 indbyggere"), ",.2f"),
        COUNT: charts.Measure("count", _("Anmeldelser"), ",d"),
        CHANGE: charts.Measure("change", _("Ændring i procent"), "+,.1f", diverging=True),
    }


# Choices -------------------------------------------------------------------------------------


def offences_with_data(table: str = STRAF11) -> list[Offence]:
    """The offences the table has figures for, TOT first and then in the order of the codes,
    which is the hierarchy's (1, 1000, 11, 1110, …, 12, 1210, …, 3, 3210). Each gets `depth`:
    how many of its ancestors are in the list too, for indenting. Two queries."""
    present = set(offence_ids_with_data(table))
    every = {o.pk: o for o in Offence.objects.all()}
    for offence in every.values():
        offence.has_data = offence.pk in present
    found = [o for o in every.values() if o.has_data]
    for offence in found:
        offence.depth, parent = 0, every.get(offence.parent_id)
        while parent is not None:
            offence.depth += parent.has_data
            parent = every.get(parent.parent_id)
    return sorted(found, key=lambda offence: (offence.code != "TOT", offence.code))


# The distinct offences of a table, read from the series index one offence at a time (a "loose
# index scan"): a step per offence with data, whatever the number of rows. An EXISTS per offence
# code, or a DISTINCT, reads the whole table instead once most codes have no figures.
OFFENCES_PRESENT = """
    WITH RECURSIVE present(offence_id) AS (
        (SELECT offence_id FROM statistics_observation WHERE "table" = %(table)s
         ORDER BY offence_id LIMIT 1)
        UNION ALL
        SELECT (SELECT o.offence_id FROM statistics_observation o
                WHERE o."table" = %(table)s AND o.offence_id > present.offence_id
                ORDER BY o.offence_id LIMIT 1)
        FROM present WHERE present.offence_id IS NOT NULL
    )
    SELECT offence_id FROM present WHERE offence_id IS NOT NULL"""


def offence_ids_with_data(table: str = STRAF11) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(OFFENCES_PRESENT, {"table": table})
        return [offence_id for (offence_id,) in cursor.fetchall()]


def offence_choices(offences: list[Offence]) -> list[tuple[str, str]]:
    """(code, label) indented under the listed offences above it, with the code for analysts."""
    return [
        (o.code, "\N{NO-BREAK SPACE}" * 3 * o.depth + f"{_offence_label(o)} ({o.code})")
        for o in offences
    ]


def _offence_label(offence: Offence) -> str:
    if offence.code == "TOT":
        return _("Alle anmeldte forbrydelser (straffelov og særlove)")
    return offence.label


def default_offence(offences: list[Offence], table: str = STRAF11) -> Offence:
    """Straffelov i alt, else everything; but not a code whose figures stop before the table's
    (a detailed file of 2007-2019 brings code 1 beside a newer file holding TOT): the page
    should open on the newest quarter. One query when both are there."""
    codes = {o.code: o for o in offences}
    candidates = [codes[c] for c in DEFAULT_OFFENCES if c in codes]
    if len(candidates) > 1:
        newest = dict(
            Observation.objects.filter(table=table, offence__in=candidates)
            .values("offence_id")
            .annotate(newest=Max(F("year") * 10 + F("quarter")))
            .values_list("offence_id", "newest")
        )
        latest = max(newest.values(), default=None)
        return next(o for o in candidates if newest.get(o.pk) == latest)
    return candidates[0] if candidates else offences[0]


# The page ------------------------------------------------------------------------------------


@dataclass
class Chart:
    name: str  # the id of its spec on the page
    title: str
    spec: dict

    @property
    def dom_id(self) -> str:
        return f"spec-{self.name}"


@dataclass
class Flag:
    area: str
    outlier: Outlier


@dataclass
class DistrictPage:
    """The form, and (when it is valid and the figures exist) everything below it."""

    district: PoliceDistrict
    form: StatisticsForm | None = None
    has_data: bool = False
    problem: str = ""  # why there are no figures for a valid choice (a quarter without data)
    offence: Offence | None = None
    period: Period | None = None
    baseline: Period | None = None
    measure: charts.Measure | None = None
    map_measure: charts.Measure | None = None
    notes: list[str] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    has_boundaries: bool = False
    boundary_source: str = ""
    flags: list[Flag] = field(default_factory=list)
    source: str = ""
    table: str = STRAF11  # or the police's own figures, POLICE_TABLE
    source_form: SourceForm | None = None  # offered when the district has police figures

    @property
    def ready(self) -> bool:
        return bool(self.tables)

    @property
    def from_police(self) -> bool:
        return self.table == POLICE_TABLE


def district_page(district: PoliceDistrict, query) -> DistrictPage:
    """The page for `district` with the choices in `query` (request.GET); missing choices take
    their defaults, wrong ones make form errors and no figures."""
    page = DistrictPage(district)
    areas = {
        a.code if a.code == COUNTRY else "district": a
        for a in Area.objects.filter(
            Q(code=COUNTRY) | Q(kind=Area.Kind.DISTRICT, district=district)
        )
    }
    police = police_dataset(district)
    if police is not None:
        page.source_form = SourceForm({"kilde": POLICE if query.get("kilde") == POLICE else DST})
        page.table = POLICE_TABLE if query.get("kilde") == POLICE else STRAF11
    offences = offences_with_data(page.table)
    if not offences and police is not None and not page.from_police:
        # Only the police's figures: show them rather than say there are none.
        page.table = POLICE_TABLE
        page.source_form = SourceForm({"kilde": POLICE})
        offences = offences_with_data(page.table)
    if not offences:
        return page
    page.has_data = True
    wanted = query.get("overtraedelse")
    offence = next((o for o in offences if o.code == wanted), None) or default_offence(
        offences, page.table
    )
    points = series(areas["district"], offence, table=page.table)
    if not points:
        page.problem = _("Der er ingen tal for %(offence)s.") % {"offence": _offence_label(offence)}
        return page
    quarters = [str(p.quarter) for p in points]
    latest = points[-1].quarter
    defaults = {
        "overtraedelse": offence.code,
        "fra": str(year_to_date(latest).first),
        "til": str(latest),
        "visning": RATE,
    }
    data = defaults | {key: query.get(key) for key in defaults if query.get(key)}
    if page.source_form is not None:
        data["kilde"] = POLICE if page.from_police else DST
    page.form = StatisticsForm(
        data,
        offences=offence_choices(offences),
        quarters=quarters,
        sources=page.source_form is not None,
    )
    if not page.form.is_valid():
        return page
    choice = page.form.cleaned_data
    page.offence = offence
    page.period = Period(parse_quarter(choice["fra"]), parse_quarter(choice["til"]))
    page.baseline = year_earlier(page.period)
    # The police's export holds the district's own municipalities only: no country to set
    # beside them.
    against = None if page.from_police else areas[COUNTRY]
    try:
        comparison = compare(
            areas["district"],
            offence,
            page.period,
            page.baseline,
            against=against,
            table=page.table,
        )
        breakdown = by_municipality(
            areas["district"], offence, page.period, page.baseline, table=page.table
        )
    except CompareError as error:
        page.problem = str(error)
        return page
    shown = [areas["district"]] if against is None else [areas["district"], against]
    totals = yearly_by_area(shown, offence, table=page.table)
    years = {area.name: totals[area.pk] for area in shown}
    page.source = _police_source(page, police, breakdown) if page.from_police else _source()
    _fill(page, choice["visning"], comparison, breakdown, points, years)
    page.notes += [
        derived_note(area.name) for area in shown if any(t.derived for t in totals[area.pk])
    ]
    page.notes = list(dict.fromkeys(page.notes))
    return page


def _fill(
    page: DistrictPage,
    visning: str,
    comparison: Comparison,
    breakdown: Breakdown,
    points: list[Point],
    years: dict[str, list[YearTotal]],
) -> None:
    kinds = measures()
    rates_known = any(row.rate is not None for row in breakdown.rows)
    if visning == RATE and not rates_known:
        visning = COUNT
        page.notes.append(
            _(
                "Folketallet (FOLK1A) er ikke indlæst, så kommunerne vises med antal "
                "anmeldelser i stedet for pr. 1.000 indbyggere."
            )
        )
    # A country without its own figure reads "ingen data" and says why; one summed from the
    # municipalities is "beregnet" and says so.
    page.notes += [n for c in (comparison, comparison.against) if c is not None and (n := c.note)]
    page.measure = kinds[visning]
    # A map of counts mostly shows where many people live: the map shows the rate instead.
    page.map_measure = kinds[CHANGE if visning == CHANGE or not rates_known else RATE]

    window = points[-SERIES_QUARTERS:]
    last = next((n for n, p in enumerate(points) if p.quarter == page.period.last), None)
    if last is not None:
        window = points[max(last + 1 - SERIES_QUARTERS, 0) : last + 1]
    page.flags = _flags(breakdown, points, window)
    unusual = {f.outlier.quarter for f in page.flags if f.area == breakdown.total.area.name}

    page.tables = {
        "sammenligning": _comparison_table(page, comparison),
        "kvartaler": _series_table(page, window, unusual),
        "aar": _years_table(page, years),
        "kommuner": _municipality_table(page, breakdown),
    }
    outlines = _outlines(breakdown)
    page.has_boundaries = bool(outlines)
    page.boundary_source = ", ".join(sorted({b.source for b in outlines.values()}))
    page.charts = _charts(page, breakdown, window, unusual, outlines)
    page.charts["aar"] = _years_chart(page, years)


# Tables --------------------------------------------------------------------------------------


def _count(value: int | None) -> Cell:
    return Cell(value, _("ingen data") if value is None else format_number(value))


def _change(comparison: Comparison) -> Cell:
    if comparison.value is None or comparison.baseline_value is None:
        return Cell(None, _("ingen data"), 1)
    return Cell(comparison.change_percent, format_change(comparison.change_percent), 1)


def _rate(value, count: int | None = 0) -> Cell:
    if count is None:
        return Cell(None, _("ingen data"), 2)
    return Cell(value, format_rate(value), 2)


def _named(area: Area, derived: bool) -> str:
    """The area's name, marked "(beregnet)" when its figure is summed from the municipalities."""
    return _("%(area)s (beregnet)") % {"area": area.name} if derived else area.name


def _comparison_table(page: DistrictPage, comparison: Comparison) -> Table:
    period, baseline = page.period.label, page.baseline.label
    rows = [
        [
            Cell(_named(c.area, c.derived), _named(c.area, c.derived)),
            _count(c.value),
            _count(c.baseline_value),
            _change(c),
            _rate(c.rate, c.value),
            _rate(c.baseline_rate, c.baseline_value),
        ]
        for c in (comparison, comparison.against)
        if c is not None
    ]
    caption = (
        _("%(offence)s: %(district)s, %(period)s mod %(baseline)s")
        if comparison.against is None
        else _("%(offence)s: %(district)s og hele landet, %(period)s mod %(baseline)s")
    )
    return Table(
        name="sammenligning",
        source=page.source,
        caption=caption
        % {
            "offence": _offence_label(page.offence),
            "district": page.district.name,
            "period": period,
            "baseline": baseline,
        },
        columns=[
            _("Område"),
            _("Anmeldelser %(period)s") % {"period": period},
            _("Anmeldelser %(period)s") % {"period": baseline},
            _("Ændring"),
            _("Pr. 1.000 indbyggere %(period)s") % {"period": period},
            _("Pr. 1.000 indbyggere %(period)s") % {"period": baseline},
        ],
        rows=rows,
    )


def _series_table(page: DistrictPage, window: list[Point], unusual: set[Quarter]) -> Table:
    chosen = set(page.period.quarters())

    def mark(quarter: Quarter) -> str:
        words = []
        if quarter in chosen:
            words.append(_("valgt periode"))
        if quarter in unusual:
            words.append(_("usædvanligt"))
        return ", ".join(words)

    first, last = window[0].quarter, window[-1].quarter
    return Table(
        name="kvartaler",
        source=page.source,
        caption=_("%(offence)s i %(district)s pr. kvartal, %(first)s–%(last)s")  # noqa: RUF001
        % {
            "offence": _offence_label(page.offence),
            "district": page.district.name,
            "first": first,
            "last": last,
        },
        columns=[_("Kvartal"), _("Anmeldelser"), _("Markering")],
        rows=[
            [
                Cell(str(p.quarter), str(p.quarter)),
                _count(p.value),
                Cell(mark(p.quarter), mark(p.quarter)),
            ]
            for p in window
        ],
    )


def _year_label(total: YearTotal) -> str:
    """ "2024"; a year not whole in the data by its quarters: "1.–3. kvartal 2025"."""  # noqa: RUF002
    return str(total.year) if total.complete else total.period.label


def _areas_named(names: list[str]) -> str:
    """ "Nordjyllands Politi" or "Nordjyllands Politi og hele landet", inside a sentence."""
    if len(names) == 1:
        return names[0]
    return _("%(district)s og hele landet") % {"district": names[0]}


def _years_table(page: DistrictPage, years: dict[str, list[YearTotal]]) -> Table:
    """A row per year of the district's data: each area's count and rate per 1,000. A year with
    fewer than four quarters says so, and which quarters, rather than passing for a whole year."""
    by_year = {name: {t.year: t for t in totals} for name, totals in years.items()}
    district = next(iter(years.values()))
    columns = [_("År")]
    for name in years:
        columns += [
            _("%(area)s: anmeldelser") % {"area": name},
            _("%(area)s: pr. 1.000 indbyggere") % {"area": name},
        ]
    columns.append(_("Markering"))

    def row(total: YearTotal) -> list[Cell]:
        cells = [Cell(str(total.year), str(total.year))]
        for name in years:
            other = by_year[name].get(total.year)
            count = other.value if other else None
            cells += [_count(count), _rate(other.rate if other else None, count)]
        marks = [] if total.complete else [_("Kun %(period)s") % {"period": total.period.label}]
        marks += [
            _("%(area)s beregnet") % {"area": name}
            for name in years
            if by_year[name].get(total.year) and by_year[name][total.year].derived
        ]
        mark = ", ".join(marks)
        return [*cells, Cell(mark, mark)]

    return Table(
        name="aar",
        source=page.source,
        caption=_("%(offence)s pr. år i %(areas)s, %(first)s–%(last)s")  # noqa: RUF001
        % {
            "offence": _offence_label(page.offence),
            "areas": _areas_named(list(years)),
            "first": district[0].year,
            "last": district[-1].year,
        },
        columns=columns,
        rows=[row(total) for total in district],
    )


def _municipality_table(page: DistrictPage, breakdown: Breakdown) -> Table:
    period, baseline = page.period.label, page.baseline.label

    def row(c: Comparison, name: str) -> list[Cell]:
        return [
            Cell(name, name),
            _count(c.value),
            _count(c.baseline_value),
            _change(c),
            _rate(c.rate),
        ]

    total = breakdown.total
    return Table(
        name="kommuner",
        source=page.source,
        caption=_("%(offence)s i kommunerne i %(district)s, %(period)s mod %(baseline)s")
        % {
            "offence": _offence_label(page.offence),
            "district": page.district.name,
            "period": period,
            "baseline": baseline,
        },
        columns=[
            _("Kommune"),
            _("Anmeldelser %(period)s") % {"period": period},
            _("Anmeldelser %(period)s") % {"period": baseline},
            _("Ændring"),
            _("Pr. 1.000 indbyggere %(period)s") % {"period": period},
        ],
        rows=[row(c, c.area.name) for c in breakdown.rows]
        + [row(total, _("%(district)s i alt") % {"district": total.area.name})],
    )


# Outliers ------------------------------------------------------------------------------------


def _flags(breakdown: Breakdown, points: list[Point], window: list[Point]) -> list[Flag]:
    """Unusual quarters inside the chart's five years, for the district and each municipality.
    Each area's quarters are judged against its neighbours over the whole series (so a quarter
    at the window's edge has neighbours on both sides); one query for all municipalities."""
    district = breakdown.total.area
    areas = {c.area.pk: c.area for c in breakdown.rows}
    counts = defaultdict(dict)
    rows = Observation.objects.filter(
        table=breakdown.total.table,
        offence=breakdown.total.offence,
        age="",
        sex="",
        area__in=list(areas),
    ).values_list("area_id", "year", "quarter", "value")
    for area_id, year, quarter, value in rows:
        counts[area_id][Quarter(year, quarter)] = value
    shown = {p.quarter for p in window}
    found = [Flag(district.name, o) for o in flag_outliers(points) if o.quarter in shown]
    for pk, area in areas.items():
        own = [Point(p.quarter, counts[pk].get(p.quarter, 0)) for p in points]
        found += [Flag(area.name, o) for o in flag_outliers(own) if o.quarter in shown]
    return sorted(found, key=lambda f: (f.outlier.quarter, f.area != district.name))


# Charts --------------------------------------------------------------------------------------


def _outlines(breakdown: Breakdown) -> dict[int, Boundary]:
    areas = [c.area.pk for c in breakdown.rows]
    return {b.area_id: b for b in Boundary.objects.filter(area__in=areas)}


def _years_chart(page: DistrictPage, years: dict[str, list[YearTotal]]) -> Chart:
    """Per 1,000 inhabitants for every area when FOLK1A has the years; otherwise the district's
    counts alone, since the country's would flatten the district's line."""
    rated = any(t.rate is not None for totals in years.values() for t in totals)
    shown = years if rated else dict(list(years.items())[:1])
    measure = measures()[RATE if rated else COUNT]
    district = next(iter(years.values()))
    return Chart(
        "aar",
        _("Anmeldelser pr. år"),
        charts.years_chart(
            [
                charts.YearPoint(
                    _year_label(t), name, t.rate if rated else t.value, complete=t.complete
                )
                for name, totals in shown.items()
                for t in totals
            ],
            measure,
            description=_(
                "Linjediagram: %(measure)s for %(offence)s i %(areas)s pr. år fra %(first)s til "
                "%(last)s. Et år uden alle fire kvartaler er et punkt for sig. Tallene står i "
                "tabellen ved siden af."
            )
            % {
                "measure": measure.title.lower(),
                "offence": _offence_label(page.offence),
                "areas": _areas_named(list(shown)),
                "first": district[0].year,
                "last": district[-1].year,
            },
        ),
    )


def _measured(c: Comparison, measure: charts.Measure):
    return {"rate": c.rate, "count": c.value, "change": c.change_percent}[measure.key]


def _charts(
    page: DistrictPage,
    breakdown: Breakdown,
    window: list[Point],
    unusual: set[Quarter],
    outlines: dict[int, Boundary],
) -> dict[str, Chart]:
    offence, district = _offence_label(page.offence), page.district.name
    chosen = set(page.period.quarters())
    found = {
        "kvartaler": Chart(
            "kvartaler",
            _("Anmeldelser pr. kvartal"),
            charts.series_chart(
                [
                    charts.QuarterPoint(
                        str(p.quarter), p.value, p.quarter in chosen, p.quarter in unusual
                    )
                    for p in window
                ],
                description=_(
                    "Linjediagram: %(offence)s i %(district)s pr. kvartal fra %(first)s til "
                    "%(last)s. Tallene står i tabellen ved siden af."
                )
                % {
                    "offence": offence,
                    "district": district,
                    "first": window[0].quarter,
                    "last": window[-1].quarter,
                },
            ),
        ),
        "kommuner": Chart(
            "kommuner",
            _("Kommunerne side om side"),
            charts.bars_chart(
                [
                    charts.AreaValue(c.area.code, c.area.name, _measured(c, page.measure))
                    for c in breakdown.rows
                ],
                page.measure,
                reference=charts.AreaValue(
                    breakdown.total.area.code,
                    breakdown.total.area.name,
                    None
                    if page.measure.key == "count"
                    else _measured(breakdown.total, page.measure),
                ),
                description=_(
                    "Søjlediagram: %(measure)s for %(offence)s i kommunerne i %(district)s, "
                    "%(period)s. Tallene står i tabellen ved siden af."
                )
                % {
                    "measure": page.measure.title.lower(),
                    "offence": offence,
                    "district": district,
                    "period": page.period.label,
                },
            ),
        ),
    }
    if outlines:
        found["kort"] = Chart(
            "kort",
            _("Kort over kommunerne"),
            charts.map_chart(
                [
                    charts.MapArea(
                        c.area.code,
                        c.area.name,
                        outlines[c.area.pk].geometry,
                        _measured(c, page.map_measure),
                    )
                    for c in breakdown.rows
                    if c.area.pk in outlines
                ],
                page.map_measure,
                description=_(
                    "Kort: %(measure)s for %(offence)s i kommunerne i %(district)s, "
                    "%(period)s. Tallene står i tabellen over kommunerne."
                )
                % {
                    "measure": page.map_measure.title.lower(),
                    "offence": offence,
                    "district": district,
                    "period": page.period.label,
                },
            ),
        )
    return found


# The source ----------------------------------------------------------------------------------


def police_dataset(district: PoliceDistrict) -> Dataset | None:
    """The newest import of the police's own export behind the district's figures, or None when
    the district has none (then the page offers no choice of source). One query."""
    rows = Observation.objects.filter(table=POLICE_TABLE, area__district=district)
    return (
        Dataset.objects.filter(table=POLICE_TABLE, pk__in=rows.values("dataset_id"))
        .order_by("-imported_at")
        .first()
    )


def _police_source(page: DistrictPage, dataset: Dataset, breakdown: Breakdown) -> str:
    """ "Kilde: Politiets egne tal for Nordjyllands Politi (politi.csv), indlæst 20. november
    2026", and FOLK1A when the rates use it. No query."""
    text = _("Kilde: Politiets egne tal for %(district)s (%(file)s), indlæst %(date)s") % {
        "district": page.district.name,
        "file": dataset.file_name or dataset.get_source_display(),
        "date": date_format(timezone.localtime(dataset.imported_at), "DATE_FORMAT"),
    }
    if any(row.rate is not None for row in breakdown.rows):
        text += "; " + _("folketal: Danmarks Statistik, %(table)s") % {"table": FOLK1A}
    return text + "."


def _source() -> str:
    """ "Kilde: Danmarks Statistik, STRAF11, hentet 25. november 2026; folketal: FOLK1A, hentet
    …", from the newest import of each table. One query."""
    newest = (
        Dataset.objects.filter(table__in=[STRAF11, FOLK1A])
        .order_by("table", "-imported_at")
        .distinct("table")
    )
    fetched = {
        d.table: date_format(timezone.localtime(d.fetched_at), "DATE_FORMAT") for d in newest
    }
    text = _("Kilde: Danmarks Statistik, %(table)s, hentet %(date)s") % {
        "table": STRAF11,
        "date": fetched.get(STRAF11, DASH),
    }
    if FOLK1A in fetched:
        text += "; " + _("folketal: %(table)s, hentet %(date)s") % {
            "table": FOLK1A,
            "date": fetched[FOLK1A],
        }
    return text + "."
