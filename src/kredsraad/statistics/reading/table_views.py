"""The pages of any stored table: a measure of a table for a district (its periods, its
municipalities on a chart, a map and in tables, as CSV and XLSX), and the youth page (the age
curve of STRAF40 and the age and sex breakdowns of the district's tables).

Who may see them is the statistics page's rule: everyone with a role in the district, and
another district is a 404 (`districts_visible_to`). Every figure comes from `series`; the
tables are `downloads.Table`s, so the page and its files cannot disagree, and the charts are
Vega-Lite specs drawn by the statistics page's charts.js. The choices are GET forms: every view
can be linked to, and works without JavaScript (HTMX swaps the results in place)."""

from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kredsraad.accounts.scoping import districts_visible_to
from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Boundary, Offence, Table
from kredsraad.statistics.reading import charts, downloads, page_cache
from kredsraad.statistics.reading.charts import DANISH_NUMBERS
from kredsraad.statistics.reading.compare import change_percent, format_number, format_percent
from kredsraad.statistics.reading.page import Chart, offence_ids_with_data
from kredsraad.statistics.reading.series import (
    ALL,
    COUNTRY,
    Series,
    SeriesError,
    measure_from,
    read_series,
    tables_with_data,
    total_code,
)
from kredsraad.statistics.tables import STRAF40

COUNT, RATE = "antal", "pr-1000"
DOWNLOADS = ("perioder", "kommuner")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# The choices ---------------------------------------------------------------------------------


class TableChoiceForm(forms.Form):
    """Which table. A form of its own: another table starts from its own defaults, since its
    dimensions and codes are others."""

    tabel = forms.ChoiceField(label=gettext_lazy("Tabel"))

    def __init__(self, data, *, tables: list[Table]):
        super().__init__(data)
        self.fields["tabel"].choices = [(t.code, f"{t.code} · {t.title}") for t in tables]


class MeasureForm(forms.Form):
    """A select per dimension of the table (named by its code), the unit and the period the
    municipalities are compared in."""

    visning = forms.ChoiceField(
        label=gettext_lazy("Vis som"),
        choices=[
            (RATE, gettext_lazy("Pr. 1.000 indbyggere")),
            (COUNT, gettext_lazy("Antal")),
        ],
        widget=forms.RadioSelect,
    )
    periode = forms.ChoiceField(label=gettext_lazy("Periode for kommunerne"))

    def __init__(self, data, *, table: Table, offences: list[tuple[str, str]], periods: list):
        super().__init__(data)
        self.table = table
        self.fields["tabel"] = forms.CharField(widget=forms.HiddenInput)
        for dimension in table.dimensions:
            if dimension["role"] == "offence":
                choices = offences
            else:
                total = total_code(dimension)
                choices = [(ALL, _("Alle (i alt)"))] + [
                    (v["code"], v["label"])
                    for v in dimension.get("values", [])
                    if v["code"] != total
                ]
                if total:
                    choices[0] = (ALL, table.value_label(dimension["code"], total))
            self.fields[dimension["code"]] = forms.ChoiceField(
                label=dimension["label"], choices=choices
            )
        self.order_fields([d["code"] for d in table.dimensions])
        self.fields["periode"].choices = [(p, p) for p in reversed(periods)]

    def clean(self):
        data = super().clean()
        given = {d["code"]: data.get(d["code"]) for d in self.table.dimensions}
        if not self.errors:
            try:
                data["measure"] = measure_from(self.table, given)
            except SeriesError as error:
                self.add_error(None, error)
        return data


# The table page ------------------------------------------------------------------------------


@dataclass
class TablePage:
    district: PoliceDistrict
    table: Table | None = None
    table_form: TableChoiceForm | None = None
    form: MeasureForm | None = None
    series: Series | None = None
    period: str = ""
    unit: str = RATE
    tables: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    has_boundaries: bool = False
    boundary_source: str = ""
    source: str = ""

    @property
    def ready(self) -> bool:
        return bool(self.tables)

    @property
    def series_text(self) -> str:
        """The measure as a plan's figure block names it (`block_options`)."""
        return f"{self.table.code}:{self.series.measure.text}" if self.series else ""

    @property
    def national(self) -> bool:
        return self.table is not None and not self.table.has_area


def table_page(district: PoliceDistrict, query) -> TablePage:
    """The page for the choices in `query` (request.GET); missing ones take their defaults."""
    page = TablePage(district)
    tables = tables_with_data()
    if not tables:
        return page
    codes = [t.code for t in tables]
    chosen = query.get("tabel") if query.get("tabel") in codes else codes[0]
    if "UHELDK1" in codes and not query.get("tabel"):
        chosen = "UHELDK1"  # the table the pages were made for, before STRAF11's own page
    page.table = next(t for t in tables if t.code == chosen)
    page.table_form = TableChoiceForm({"tabel": chosen}, tables=tables)
    offences = _offences(page.table)
    periods = _periods(page.table)
    defaults = {"tabel": chosen, "visning": RATE, "periode": periods[-1] if periods else ""}
    for dimension in page.table.dimensions:
        if dimension["role"] == "offence":
            known = [code for code, _label in offences]
            defaults[dimension["code"]] = "TOT" if "TOT" in known else (known or [""])[0]
        else:
            defaults[dimension["code"]] = ALL
    data = defaults | {key: query.get(key) for key in defaults if query.get(key)}
    page.form = MeasureForm(data, table=page.table, offences=offences, periods=periods)
    if not page.form.is_valid():
        return page
    choice = page.form.cleaned_data
    page.period, page.unit = choice["periode"], choice["visning"]
    page.series = read_series(choice["measure"], district=district)
    _fill(page)
    return page


def _offences(table: Table) -> list[tuple[str, str]]:
    if not table.dimension("OVERTRÆD"):
        return []
    present = offence_ids_with_data(table.code)
    return [
        (o.code, f"{o.label} ({o.code})")
        for o in Offence.objects.filter(pk__in=present).order_by("code")
    ]


def _periods(table: Table) -> list[str]:
    """The table's periods with any cell, oldest first. One query."""
    from kredsraad.statistics.models import Observation

    found = (
        Observation.objects.filter(table=table.code)
        .order_by()
        .values_list("year", "quarter")
        .distinct()
    )
    return [f"{y}K{q}" if q else str(y) for y, q in sorted(found)]


def _measure(page: TablePage) -> charts.Measure:
    if page.unit == RATE:
        return charts.Measure("rate", _("Pr. 1.000 indbyggere"), ",.2f")
    return charts.Measure("count", page.table.unit.capitalize(), ",d")


def _fill(page: TablePage) -> None:
    series = page.series
    rates_known = any(f.rate is not None for f in series.figures.values())
    if page.unit == RATE and not rates_known:
        page.unit = COUNT
        page.notes.append(
            _(
                "Folketallet (FOLK1A) er ikke indlæst for disse år, så tallene vises som antal "
                "i stedet for pr. 1.000 indbyggere."
            )
        )
    for dimension in page.table.dimensions:
        if series.measure.chosen(dimension["code"]) == ALL and total_code(dimension) is None:
            page.notes.append(
                _(
                    "»Alle« i %(dimension)s er summen af de værdier, der er indlæst; tabellen "
                    "har ikke selv et i alt."
                )
                % {"dimension": dimension["label"].lower()}
            )
    if series.has_derived:
        page.notes.append(
            _(
                "Hele landet er markeret »beregnet«: filen havde ikke landets tal, så de er "
                "summen af kommunerne."
            )
        )
    measure = _measure(page)
    label = series.measure.label
    lines = series.totals
    points = [
        charts.YearPoint(p, _area_name(a), _shown(series.figure(a.code, p), page.unit), True)
        for a in lines
        for p in series.periods
    ]
    page.charts["perioder"] = Chart(
        "perioder",
        _("%(measure)s, periode for periode") % {"measure": label},
        charts.years_chart(
            points,
            measure,
            description=_("Linjediagram: %(measure)s for %(areas)s, periode for periode.")
            % {"measure": label, "areas": _(" og ").join(_area_name(a) for a in lines)},
        ),
    )
    page.tables["perioder"] = _periods_table(page, lines)
    if not page.national:
        municipalities = series.municipalities
        district = next(a for a in lines if a.code != COUNTRY)
        rows = [
            charts.AreaValue(a.code, a.name, _shown(series.figure(a.code, page.period), page.unit))
            for a in municipalities
        ]
        reference = charts.AreaValue(
            district.code,
            _area_name(district),
            _shown(series.figure(district.code, page.period), page.unit),
        )
        page.charts["kommuner"] = Chart(
            "kommuner",
            _("Kommunerne, %(period)s") % {"period": page.period},
            charts.bars_chart(
                rows,
                measure,
                reference=reference,
                description=_(
                    "Søjlediagram: %(measure)s i kredsens kommuner, %(period)s; den stiplede "
                    "linje er politikredsen."
                )
                % {"measure": label, "period": page.period},
            ),
        )
        outlines = {
            b.area_id: b for b in Boundary.objects.filter(area__in=[a.pk for a in municipalities])
        }
        page.has_boundaries = bool(outlines)
        page.boundary_source = ", ".join(sorted({b.source for b in outlines.values()}))
        if outlines:
            page.charts["kort"] = Chart(
                "kort",
                _("Kort over kommunerne, %(period)s") % {"period": page.period},
                charts.map_chart(
                    [
                        charts.MapArea(a.code, a.name, outlines[a.pk].geometry, row.value)
                        for a, row in zip(municipalities, rows, strict=True)
                        if a.pk in outlines
                    ],
                    measure,
                    description=_("Kort: %(measure)s i kredsens kommuner, %(period)s.")
                    % {"measure": label, "period": page.period},
                ),
            )
        page.tables["kommuner"] = _municipality_table(page, [*municipalities, *lines])
    page.source = source_line(page.table, series, rates=page.unit == RATE)


def _area_name(area) -> str:
    return f"{area.name}kreds" if area.name.endswith(" Politi") else area.name


def _shown(figure, unit: str):
    return figure.rate if unit == RATE else figure.value


def _count_cell(figure) -> downloads.Cell:
    return downloads.Cell(figure.value, figure.text)


def _rate_cell(figure) -> downloads.Cell:
    return downloads.Cell(figure.rate if figure.value is not None else None, figure.rate_text, 2)


def _periods_table(page: TablePage, areas) -> downloads.Table:
    series = page.series
    columns = [_("Periode")]
    for area in areas:
        columns += [
            _("%(area)s, %(unit)s") % {"area": _area_name(area), "unit": page.table.unit},
            _("%(area)s, pr. 1.000 indbyggere") % {"area": _area_name(area)},
        ]
    rows = []
    for period in series.periods:
        row = [downloads.Cell(period, period)]
        for area in areas:
            figure = series.figure(area.code, period)
            row += [_count_cell(figure), _rate_cell(figure)]
        rows.append(row)
    return downloads.Table(
        "perioder",
        _("%(measure)s, periode for periode") % {"measure": series.measure.label},
        columns,
        rows,
        source=page.source or source_line(page.table, series, rates=True),
    )


def _municipality_table(page: TablePage, areas) -> downloads.Table:
    series = page.series
    earlier = (
        series.periods[series.periods.index(page.period) - 1]
        if (page.period in series.periods and series.periods.index(page.period) > 0)
        else None
    )
    columns = [
        _("Område"),
        _("%(unit)s, %(period)s") % {"unit": page.table.unit.capitalize(), "period": page.period},
        _("Pr. 1.000 indbyggere, %(period)s") % {"period": page.period},
    ]
    if earlier:
        columns.append(_("Ændring fra %(period)s") % {"period": earlier})
    rows = []
    for area in areas:
        figure = series.figure(area.code, page.period)
        row = [downloads.Cell(_area_name(area), _area_name(area))]
        row += [_count_cell(figure), _rate_cell(figure)]
        if earlier:
            before = series.figure(area.code, earlier)
            change = change_percent(figure.value, before.value)
            text = (
                _("ingen data")
                if figure.value is None or before.value is None
                else format_percent(change)
            )
            row.append(downloads.Cell(change, text, 1))
        rows.append(row)
    return downloads.Table(
        "kommuner",
        _("%(measure)s i kredsens kommuner, %(period)s")
        % {"measure": series.measure.label, "period": page.period},
        columns,
        rows,
        source=source_line(page.table, series, rates=True),
    )


def source_line(table: Table, series: Series, *, rates: bool) -> str:
    tables = [table.code, "FOLK1A"] if rates else [table.code]
    values = {"tables": _(" og ").join(tables)}
    if series.fetched_at is None:
        return _("Kilde: Danmarks Statistik, %(tables)s") % values
    values["date"] = date_format(timezone.localdate(series.fetched_at), "DATE_FORMAT")
    return _("Kilde: Danmarks Statistik, %(tables)s, hentet %(date)s") % values


@login_required
def table(request, slug):
    """Rendered once per district, choice and state of the data, and kept (`page_cache`)."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)

    def figures():
        context = {
            "district": district,
            "page": table_page(district, request.GET),
            "query": request.GET.urlencode(),
            "format_locale": DANISH_NUMBERS,
        }
        return render_to_string("statistics/_table_figures.html", context)

    context = {
        "current_district": district,
        "district": district,
        "figures": page_cache.kept(
            page_cache.page_key("tables", district.pk, request.GET), figures
        ),
    }
    return render(request, "statistics/table.html", context)


@login_required
def table_download(request, slug, name, export):
    """One of the table page's tables as CSV or XLSX, for the same choices as the page."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    if name not in DOWNLOADS:
        raise Http404(_("Ukendt tabel."))
    refused = []

    def file():
        page = table_page(district, request.GET)
        if name not in page.tables:
            errors = page.form.errors.values() if page.form else []
            problems = [str(e) for messages in errors for e in messages]
            refused.append(" ".join(problems or [_("Der er ingen tal at hente.")]))
            return None
        content = page.tables[name]
        body = downloads.as_csv(content) if export == "csv" else downloads.as_xlsx(content)
        return f"{page.table.code}-{name}-{district.slug}-{page.period}.{export}", body

    key = page_cache.page_key(f"tables:{name}.{export}", district.pk, request.GET)
    kept = page_cache.kept(key, file)
    if kept is None:
        return HttpResponseBadRequest(refused[0], content_type="text/plain; charset=utf-8")
    filename, body = kept
    response = HttpResponse(body, content_type=CONTENT_TYPES[export])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The youth page ------------------------------------------------------------------------------

YOUNG = [str(age) for age in range(15, 25)]
BANDS = {"15-17": YOUNG[:3], "18-24": YOUNG[3:]}


class YouthForm(forms.Form):
    aar = forms.ChoiceField(label=gettext_lazy("År"))
    sammenlign = forms.ChoiceField(label=gettext_lazy("Sammenlignet med"))

    def __init__(self, data, *, years: list[str]):
        super().__init__(data)
        choices = [(y, y) for y in reversed(years)]
        self.fields["aar"].choices = choices
        self.fields["sammenlign"].choices = choices


@dataclass
class YouthPage:
    district: PoliceDistrict
    form: YouthForm | None = None
    year: str = ""
    compared: str = ""
    tables: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)
    breakdowns: list = field(default_factory=list)  # (Table, [downloads.Table])
    source: str = ""


def youth_page(district: PoliceDistrict, query) -> YouthPage:
    page = YouthPage(district)
    tables = {t.code: t for t in tables_with_data()}
    straf40 = tables.get(STRAF40)
    if straf40 is not None:
        _age_curve(page, straf40, query)
    for table in tables.values():
        roles = {d["role"] for d in table.dimensions}
        if table.has_area and roles & {"age", "sex"}:
            page.breakdowns.append((table, _breakdowns(table, district)))
    return page


def _age_curve(page: YouthPage, table: Table, query) -> None:
    years = [p for p in _periods(table) if len(p) == 4]
    if not years:
        return
    newest = years[-1]
    earlier = str(int(newest) - 10) if str(int(newest) - 10) in years else years[0]
    data = {"aar": newest, "sammenlign": earlier}
    data |= {key: query.get(key) for key in data if query.get(key)}
    page.form = YouthForm(data, years=years)
    if not page.form.is_valid():
        return
    page.year, page.compared = page.form.cleaned_data["aar"], page.form.cleaned_data["sammenlign"]
    codes = [code for code, _label in _offences(table)]
    if not codes:
        return
    offence = "TOT" if "TOT" in codes else ("1" if "1" in codes else codes[0])
    periods = sorted({page.year, page.compared})
    read = {
        sex: read_series(
            measure_from(table, {"OVERTRÆD": offence, "KØN": sex}),
            district=None,
            periods=periods,
            by="ALDER",
        )
        for sex in ("M", "K", ALL)
    }
    ages = table.dimension("ALDER")
    rows_for = [
        *((code, table.value_label("ALDER", code)) for code in YOUNG),
        *((band, _("%(band)s år i alt") % {"band": band}) for band in BANDS),
        *(
            (v["code"], v["label"])
            for v in ages.get("values", [])
            if v["code"] not in YOUNG and v["code"] not in ("TOT", "UA")
        ),
    ]

    def value(sex: str, year: str, code: str) -> int | None:
        parts = BANDS.get(code, [code])
        found = [read[sex].figure(COUNTRY, year, part).value for part in parts]
        return None if None in found else sum(found)

    columns = [
        _("Alder"),
        _("Mænd, %(year)s") % {"year": page.year},
        _("Kvinder, %(year)s") % {"year": page.year},
        _("I alt, %(year)s") % {"year": page.year},
        _("I alt, %(year)s") % {"year": page.compared},
        _("Ændring"),
    ]
    rows = []
    for code, label in rows_for:
        now, then = value(ALL, page.year, code), value(ALL, page.compared, code)
        change = change_percent(now, then)
        rows.append(
            [
                downloads.Cell(label, label),
                _count(value("M", page.year, code)),
                _count(value("K", page.year, code)),
                _count(now),
                _count(then),
                downloads.Cell(
                    change, _("ingen data") if None in (now, then) else format_percent(change), 1
                ),
            ]
        )
    page.tables["alderskurve"] = downloads.Table(
        "alderskurve",
        _("Strafferetlige afgørelser efter alder, hele landet, %(year)s og %(compared)s")
        % {"year": page.year, "compared": page.compared},
        columns,
        rows,
    )
    points = [
        {"alder": int(code), "aar": year, "afgoerelser": value(ALL, year, code)}
        for year in (page.year, page.compared)
        for code in YOUNG
        if value(ALL, year, code) is not None
    ]
    page.charts["alderskurve"] = Chart(
        "alderskurve",
        _("Afgørelser efter alder, 15-24 år"),
        age_curve_chart(
            points,
            description=_(
                "Linjediagram: strafferetlige afgørelser efter alder 15-24 år i hele landet, "
                "%(year)s og %(compared)s."
            )
            % {"year": page.year, "compared": page.compared},
        ),
    )
    page.source = source_line(table, read[ALL], rates=False)


def _count(value: int | None) -> downloads.Cell:
    return downloads.Cell(value, _("ingen data") if value is None else format_number(value))


def age_curve_chart(points: list[dict], *, description: str) -> dict:
    """A line per year through the single ages; the first year blue, the other grey."""
    years = list(dict.fromkeys(p["aar"] for p in points))
    encoding = {
        "x": {"field": "alder", "type": "ordinal", "title": _("Alder")},
        "y": {
            "field": "afgoerelser",
            "type": "quantitative",
            "title": _("Afgørelser"),
            "format": ",d",
        },
        "color": {
            "field": "aar",
            "type": "nominal",
            "title": None,
            "scale": {"domain": years, "range": [charts.BLUE, charts.GREY][: len(years)]},
            "legend": {"orient": "bottom"},
        },
    }
    return {
        "$schema": charts.SCHEMA,
        "description": description,
        "width": "container",
        "height": 260,
        "config": charts.config(),
        "data": {"values": points},
        "mark": {"aria": False, "type": "line", "point": True},
        "encoding": encoding
        | {
            "tooltip": [
                {"field": "aar", "title": _("År")},
                {"field": "alder", "title": _("Alder")},
                {"field": "afgoerelser", "title": _("Afgørelser"), "format": ",d"},
            ]
        },
    }


def _breakdowns(table: Table, district: PoliceDistrict) -> list[downloads.Table]:
    """The district's newest period of `table` by its age and by its sex, everything else at
    "all"."""
    found = []
    for dimension in table.dimensions:
        if dimension["role"] not in ("age", "sex"):
            continue
        series = read_series(measure_from(table, {}), district=district, by=dimension["code"])
        if not series.periods:
            continue
        newest = series.periods[-1]
        district_area = next(a for a in series.totals if a.code != COUNTRY)
        shown = [district_area, *(a for a in series.totals if a.code == COUNTRY)]
        columns = [dimension["label"], *(_area_name(a) for a in shown)]
        rows = [
            [
                downloads.Cell(label := table.value_label(dimension["code"], c) or c, label),
                *(_count(series.figure(a.code, newest, c).value) for a in shown),
            ]
            for c in series.codes
        ]
        found.append(
            downloads.Table(
                f"{table.code}-{dimension['code']}",
                _("%(table)s efter %(dimension)s, %(period)s: %(measure)s")
                % {
                    "table": table.code,
                    "dimension": dimension["label"].lower(),
                    "period": newest,
                    "measure": series.measure.label,
                },
                columns,
                rows,
            )
        )
    return found


@login_required
def youth(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    context = {
        "current_district": district,
        "district": district,
        "page": youth_page(district, request.GET),
        "format_locale": DANISH_NUMBERS,
    }
    return render(request, "statistics/youth.html", context)
