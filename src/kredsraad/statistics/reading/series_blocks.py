"""A plan's figure block that shows any stored series (`series`) instead of STRAF11's offences:
injured pedestrians aged 65 and over in the district's municipalities, the district and the
country, in a year against the year before, as counts or per 1,000 inhabitants.

The result has the shape of a chosen crime-figure block (`plan_figures`: paragraphs, columns,
a table per block with its rows' cells, the source line, a fingerprint), so the plan's page,
its PDF and its Word file and the comparison of a frozen version with the data today read it
without knowing where it came from. Missing figures read "ingen data", never 0. What the public
may not read is decided by `disclosure`, as for every other public figure."""

import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Area, Observation, Table
from kredsraad.statistics.periods import Period, Quarter, parse_period, year_earlier
from kredsraad.statistics.reading import block_options, disclosure, suppression
from kredsraad.statistics.reading.series import (
    COUNTRY,
    Series,
    lattice_series,
    measure_of,
    read_series,
)


def block_figures(
    district: PoliceDistrict, year: int, written: datetime.date, choices: dict
) -> dict:
    """{key: figures} for blocks whose options name a series ({key: options}); four queries a
    block, and one for its default period."""
    return {key: _figures(district, year, written, options) for key, options in choices.items()}


def _figures(district: PoliceDistrict, year: int, written: datetime.date, options: dict) -> dict:
    from kredsraad.statistics.reading.plan_figures import (
        _without_figures,
        block_cells,
        block_columns,
    )

    measure = measure_of(options["series"])
    table = measure.table
    if options.get("period"):
        period = parse_period(options["period"])
        baseline = (
            parse_period(options["baseline"]) if options.get("baseline") else year_earlier(period)
        )
    else:
        period = _newest_before(table, year, written)
        if period is None:
            return _without_figures(
                _("%(table)s har endnu ingen tal før %(year)s, så afsnittet viser ingen tal.")
                % {"table": table.code, "year": year}
            )
        baseline = year_earlier(period)
    codes = {"period": _codes(table, period), "baseline": _codes(table, baseline)}
    series = read_series(
        measure,
        district=district,
        periods=sorted({*codes["period"], *codes["baseline"]}),
    )
    chosen = options.get("areas") or [a.code for a in series.areas]
    areas = [a for a in series.areas if a.code in chosen]
    body = sum(a.kind == Area.Kind.MUNICIPALITY for a in areas)
    unit = options.get("unit", block_options.COUNT)
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    values = [_total(series, a, codes["period"]) for a in areas]
    baselines = [_total(series, a, codes["baseline"]) for a in areas]
    if all(v is None for v in values + baselines):
        return _without_figures(
            _(
                "%(table)s har ingen tal for %(period)s og %(baseline)s, så afsnittet viser ingen tal."
            )
            % {"table": table.code, "period": period.label, "baseline": baseline.label}
        )
    rows = _rows(series, areas, values, baselines, (period, baseline))
    has_rates = unit == block_options.PER_1000 or any(r["rate"] is not None for r in rows)
    for row in rows:
        row["cells"] = block_cells(row, unit, has_rates)
    name = measure.label
    block = {
        "code": options["series"],
        "name": name,
        "areas": rows,
        "body": body if body < len(rows) else 0,
        "caption": _("%(measure)s (%(table)s), %(period)s mod %(baseline)s")
        % {
            "measure": name,
            "table": table.code,
            "period": period.label,
            "baseline": baseline.label,
        },
    }
    from kredsraad.statistics.reading.plan_figures import fingerprint, in_district

    figures = {
        "figures": True,
        "choice": {k: v for k, v in options.items() if k not in ("period", "baseline")},
        "unit": unit,
        "district": in_district(district.name),
        "period": str(period),
        "period_label": period.label,
        "baseline": str(baseline),
        "baseline_label": baseline.label,
        "paragraphs": [_paragraph(block, period, baseline, unit)],
        "offences": [block],
        "columns": block_columns(
            period.label, baseline.label, unit, table.unit.capitalize(), has_rates
        ),
        "has_rates": has_rates,
        "suppress_below": below,
        "suppressed": any(r["value_hidden"] or r["baseline_hidden"] for r in rows),
        "complemented": any(
            suppression.COMPLEMENT in (r["value_hidden"], r["baseline_hidden"]) for r in rows
        ),
        **_source(table, series, has_rates),
    }
    figures["fingerprint"] = fingerprint(figures)
    return figures


def _newest_before(table: Table, year: int, written: datetime.date) -> Period | None:
    """The newest whole year (or, for a quarterly table, year to date) before the plan's year
    that had ended when it was written. One query."""
    cells = Observation.objects.filter(table=table.code, year__lt=year).order_by(
        "-year", "-quarter"
    )
    for found_year, quarter in cells.values_list("year", "quarter").distinct()[:8]:
        last = Quarter(found_year, quarter or 4)
        ends = datetime.date(found_year + (last.number == 4), last.number % 4 * 3 + 1, 1)
        if ends <= written:
            return Period(Quarter(found_year, 1), last)
    return None


def _codes(table: Table, period: Period) -> list[str]:
    """The stored periods a period covers: its years for a yearly table, else its quarters."""
    if table.quarterly:
        return period.codes()
    return [str(y) for y in range(period.first.year, period.last.year + 1)]


def _total(series: Series, area: Area, codes: list[str]) -> int | None:
    found = [series.figure(area.code, code).value for code in codes]
    return None if None in found else sum(found)


def _rows(series, areas, values, baselines, periods) -> list[dict]:
    """Each area's row as a chosen crime-figure block has it (`plan_figures._chosen_row`), with
    what the public may not read hidden as `disclosure` decides for every public output."""
    from kredsraad.statistics.reading.plan_figures import _chosen_row

    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    hidden = _hidden(series.measure, areas, values, baselines, periods)
    rows = []
    for n, area in enumerate(areas):
        populations = tuple(series.population.get((area.code, p.first.year)) for p in periods)
        rows.append(_chosen_row(area, values[n], baselines[n], hidden[n], populations, below))
    return rows


def _hidden(measure, areas, values, baselines, periods) -> list[tuple[str, str]]:
    """(value, baseline) reasons per area. A table whose source shows small counts hides
    nothing. For one that hides them, a measure naming one code in every dimension is a series
    of the disclosure lattice and asks its judge; a sum over several codes is no figure the
    lattice protects, so its counts are not published at all ("skjult")."""
    judge = disclosure.judge(measure.table.code)
    if not judge.hides:
        return [("", "")] * len(areas)
    cell = lattice_series(measure)
    if cell is None:
        return [
            tuple(suppression.COMPLEMENT if v is not None else "" for v in pair)
            for pair in zip(values, baselines, strict=True)
        ]
    period, baseline = periods
    return [
        (
            judge.hidden(area_id=area.pk, period=period, value=value, **cell),
            judge.hidden(area_id=area.pk, period=baseline, value=base, **cell),
        )
        for area, value, base in zip(areas, values, baselines, strict=True)
    ]


def _paragraph(block: dict, period: Period, baseline: Period, unit: str) -> str:
    """One sentence per total shown (the district, the country): the figure, the baseline's
    and the change, in the block's unit."""
    per_1000 = unit == block_options.PER_1000
    sentences = [_("%(measure)s:") % {"measure": block["name"]}]
    for row in block["areas"]:
        if row["kind"] == Area.Kind.MUNICIPALITY and block["body"]:
            continue
        place = _("hele landet") if row["area"] == COUNTRY else row["name"]
        if row["value"] is None and not row["value_hidden"]:
            sentences.append(
                _("For %(place)s er der ingen data for %(period)s.")
                % {"place": place, "period": period.label}
            )
            continue
        value, before, change = (
            (row["rate_text"], row["baseline_rate_text"], row["rate_change_text"])
            if per_1000 and row["rate"] is not None
            else (row["value_text"], row["baseline_text"], row["change_text"])
        )
        unit_text = _(" pr. 1.000 indbyggere") if per_1000 and row["rate"] is not None else ""
        sentences.append(
            _(
                "%(place)s: %(value)s%(unit)s i %(period)s mod %(before)s i %(baseline)s "
                "(%(change)s)."
            )
            % {
                "place": place[:1].upper() + place[1:],
                "value": value,
                "unit": unit_text,
                "period": period.label,
                "before": before,
                "baseline": baseline.label,
                "change": change,
            }
        )
    return " ".join(sentences)


def _source(table: Table, series: Series, has_rates: bool) -> dict:
    fetched = timezone.localdate(series.fetched_at) if series.fetched_at else None
    tables = [table.code, "FOLK1A"] if has_rates else [table.code]
    values = {"tables": _(" og ").join(tables)}
    if fetched:
        values["date"] = formats.date_format(fetched, "DATE_FORMAT")
    return {
        "source": _("Kilde: Danmarks Statistik, %(tables)s, hentet %(date)s") % values
        if fetched
        else _("Kilde: Danmarks Statistik, %(tables)s") % values,
        "data_date": fetched.isoformat() if fetched else None,
        "as_of": {
            "dataset": series.newest_dataset,
            "fetched_at": fetched.isoformat() if fetched else None,
        },
    }
