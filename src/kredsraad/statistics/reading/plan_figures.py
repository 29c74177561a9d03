"""The crime figures of a samarbejdsplan's crime-trend section: for a police district and a plan
year, the reported offences of the year before the plan, year to date, against the same quarters
a year earlier, in the district and the whole country and per municipality, as Danish prose, a
table per offence and a source line.

Which quarters: the plan for year Y is written in the autumn of Y-1, so it shows the newest
quarter in the data that lies before Y and had ended when the plan was written (its approval,
or today for a plan not yet approved), counted from the start of that year. For the 2023 plan
approved in December 2022 that is 2022K1-2022K3 against 2021K1-2021K3, also when the data
reaches further today, so a correction of the plan keeps its periods.

Every figure comes from `statistics.compare`; small counts are hidden as `statistics.suppression`
says, since the section is published as it stands (see `build_figures`). The result is plain
JSON: it is stored as it is in a published version and compared later with what the data gives
then (`changed_figures`)."""

import datetime
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population
from kredsraad.statistics.periods import DASH, Period, Quarter, parse_period, year_earlier
from kredsraad.statistics.reading import block_options, disclosure, suppression
from kredsraad.statistics.reading.compare import (
    TOTALS,
    CompareError,
    Comparison,
    by_municipality,
    change_percent,
    compare,
    derived_note,
    format_change,
    format_number,
    format_percent,
    format_rate,
    per_1000,
)
from kredsraad.statistics.registry import district_code
from kredsraad.statistics.rows import FOLK1A, STRAF11

COUNTRY = "000"
# The offences the section speaks of, in the order the real plans do: violence, burglary of
# homes, then all offences against the penal code. Where the data has no "1" (the demo's file
# holds TOT and seven others), TOT (penal code and special acts) gives the overall figure.
OFFENCES = ("12", "1320", "1", "TOT")
OVERALL = ("1", "TOT")
FIGURES_CACHED = 3600  # seconds; a change of the registry (rare) shows within the hour


def figures_for_plan(
    district: PoliceDistrict, year: int, *, written: datetime.date, options: dict | None = None
) -> dict:
    """The section's figures for `district`'s plan for `year`, written (approved) on `written`,
    as the block's `options` choose them (see `block_options`; {} or None is the section as it
    always was). Without figures, {"figures": False, "reason": …, "how_to_import": …} says why
    in Danish."""
    return figure_blocks(district, year, written=written, choices={0: options or {}})[0]


def figure_blocks(
    district: PoliceDistrict, year: int, *, written: datetime.date, choices: dict
) -> dict:
    """`figures_for_plan` for several blocks of one plan at once: {key: figures} for
    {key: options}. One query, and the cache, when every block was computed before; else the
    blocks not in the cache are computed together, in a fixed number of queries however many
    blocks, offences and areas they name (blocks with no options in the old way, as before).

    Every import is a new Dataset, so the newest dataset's id says which data the figures come
    from: they are kept in the cache under it (and the options, the language, the threshold and
    the date), and an import makes the next page compute them afresh. The cache only saves
    work: each app server may keep its own copy, as the key says which data each copy comes
    from. The options are stored normalised (`block_options.clean_options`), so one choice has
    one key."""
    if not choices:
        return {}
    newest = Dataset.objects.aggregate(newest=Max("pk"))["newest"]
    token = disclosure.cache_token()

    def key(options: dict) -> str:
        chosen = (
            hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:16]
            if options
            else "default"
        )
        parts = (
            "plan-figures",
            district.pk,
            year,
            written.isoformat(),
            newest,
            token,
            get_language(),
            chosen,
        )
        return ":".join(str(part) for part in parts)

    keys = {name: key(options) for name, options in choices.items()}
    found = cache.get_many(set(keys.values()))
    missing = {keys[name]: options for name, options in choices.items() if keys[name] not in found}
    if missing:
        computed = {
            k: _figures_for_plan(district, year, written) for k, o in missing.items() if not o
        }
        custom = {k: o for k, o in missing.items() if o}
        if custom:
            computed |= _custom_figures(district, year, written, custom)
        cache.set_many(computed, FIGURES_CACHED)
        found |= computed
    return {name: found[keys[name]] for name in choices}


def _figures_for_plan(district: PoliceDistrict, year: int, written: datetime.date) -> dict:
    latest = newest_quarter_before(year, written=written)
    if latest is None:
        if Observation.objects.filter(table=STRAF11).exists():
            return _without_figures(
                _(
                    "Statistikken har endnu ingen tal for et kvartal før %(year)s, så afsnittet "
                    "viser ingen tal."
                )
                % {"year": year}
            )
        return _without_figures(_("Der er endnu ikke indlæst tal fra Danmarks Statistik."))
    period = Period(Quarter(latest.year, 1), latest)
    return build_figures(district, period, year_earlier(period))


def newest_quarter_before(year: int, *, written: datetime.date) -> Quarter | None:
    """The newest STRAF11 quarter before `year` that had ended by `written`. One query."""
    ended = Quarter.of(written).shifted(-1)
    last = min(ended, Quarter(year - 1, 4))
    newest = (
        Observation.objects.filter(table=STRAF11)
        .filter(Q(year__lt=last.year) | Q(year=last.year, quarter__lte=last.number))
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return Quarter(*newest) if newest else None


def build_figures(district: PoliceDistrict, period: Period, baseline: Period) -> dict:
    """The figures for `period` against `baseline`, in a fixed number of queries however many
    municipalities the district has.

    Counts below KREDSRAAD_STATISTICS_SUPPRESS_BELOW are hidden here already, not only when the
    plan is published: the plan is a public document, and its draft shows what publishing it
    would show. The raw counts stay on the statistics pages for those who may see them."""
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    district_area = Area.objects.get(code=district_code(district.code))
    country = Area.objects.get(code=COUNTRY)
    offences = {o.code: o for o in Offence.objects.filter(code__in=OFFENCES)}
    # What the public may read is the source's and the whole lattice's decision (disclosure).
    judge = disclosure.judge(STRAF11)
    blocks = []
    for code in OFFENCES:
        if code not in offences or (code in OVERALL and any(b["code"] in OVERALL for b in blocks)):
            continue
        try:
            breakdown = by_municipality(district_area, offences[code], period, baseline)
            national = compare(country, offences[code], period, baseline)
        except CompareError:
            continue  # no figures for the offence in these quarters
        blocks.append(_offence_block(code, offences[code], breakdown, national, judge, below))
    if not blocks:
        return _without_figures(
            _(
                "Statistikken har ingen tal for %(period)s og %(baseline)s, så afsnittet viser "
                "ingen tal."
            )
            % {"period": period.label, "baseline": baseline.label}
        )
    rows = [row for block in blocks for row in _rows(block)]
    has_rates = any(row["rate"] is not None for row in rows)
    place = in_district(district_area.name)
    figures = {
        "figures": True,
        "district": place,
        "period": str(period),
        "period_label": period.label,
        "baseline": str(baseline),
        "baseline_label": baseline.label,
        "paragraphs": [_paragraph(block, period, baseline, place, below) for block in blocks],
        "offences": blocks,
        "has_rates": has_rates,
        "suppress_below": below,
        "suppressed": any(row["value_hidden"] or row["baseline_hidden"] for row in rows),
        "complemented": any(
            suppression.COMPLEMENT in (row["value_hidden"], row["baseline_hidden"]) for row in rows
        ),
        **_source(period, baseline, district_area, blocks, has_rates=has_rates),
    }
    figures["fingerprint"] = fingerprint(figures)
    return figures


def in_district(name: str) -> str:
    """The district as prose names it: "Nordjyllands Politi" → "Nordjyllands Politikreds"."""
    # The registry names each district after its police ("… Politi"); a sentence speaks of
    # the area, the politikreds.
    return f"{name}kreds" if name.endswith(" Politi") else name


# One offence ----------------------------------------------------------------------------------


def _offence_block(
    code: str, offence: Offence, breakdown, national: Comparison, judge, below: int
) -> dict:
    return {
        "code": code,
        "name": offence_name(code, offence),
        "municipalities": [_row(c, *judge.hidden_in(c), below) for c in breakdown.rows],
        "district": _row(breakdown.total, *judge.hidden_in(breakdown.total), below),
        "country": _row(national, *judge.hidden_in(national), below),
    }


def _row(comparison: Comparison, value_hidden: str, baseline_hidden: str, below: int) -> dict:
    """One area's figures; a hidden count is None, and so is what is worked out from it. A
    figure not in the data (Hele landet without a row) is None too and reads "ingen data"."""
    change = comparison.change_percent
    if not suppression.change_is_shown(value_hidden, baseline_hidden):
        change = None
    rate = comparison.rate if suppression.rate_is_shown(value_hidden) else None
    known = comparison.value is not None and comparison.baseline_value is not None
    return {
        "area": comparison.area.code,
        "name": _named(comparison.area.name, comparison.derived),
        "derived": comparison.derived,
        "value": None if value_hidden else comparison.value,
        "value_hidden": value_hidden,
        "value_text": _count_text(comparison.value, value_hidden, below),
        "baseline": None if baseline_hidden else comparison.baseline_value,
        "baseline_hidden": baseline_hidden,
        "baseline_text": _count_text(comparison.baseline_value, baseline_hidden, below),
        "change": None if change is None else float(change),
        "change_text": format_change(change) if known else _("ingen data"),
        "rate": None if rate is None else float(rate),
        "rate_text": format_rate(rate) if comparison.value is not None else _("ingen data"),
    }


def _named(name: str, derived: bool) -> str:
    """ "Hele landet (beregnet)" for a total summed from the municipalities."""
    return _("%(area)s (beregnet)") % {"area": name} if derived else name


def _count_text(value: int | None, hidden: str, below: int) -> str:
    if hidden:
        return suppression.hidden_text(hidden, below=below)
    return _("ingen data") if value is None else format_number(value)


def _rows(block: dict) -> list[dict]:
    if "areas" in block:  # a block the author chose: its areas in the table's order
        return block["areas"]
    return [*block["municipalities"], block["district"], block["country"]]


# DST's types of violence by the section of the penal code they count. DST's labels ("Simpel
# vold") leave the section out; the plans quote it ("vold efter §§ 244-245").
PENAL_CODE_SECTIONS = {"1252": "244", "1255": "245"}
_SECTION_IN_LABEL = re.compile(r"\s*\(?§\s*(\d+[a-z]?)\)?\s*$")


def offence_name(code: str, offence: Offence | None = None) -> str:
    """The offence as a table caption or a notice names it: "Voldsforbrydelser", "Simpel vold
    (straffelovens § 244)"."""
    names = {
        "12": _("Voldsforbrydelser"),
        "1320": _("Indbrud i beboelser"),
        "1": _("Straffelovsovertrædelser i alt"),
        "TOT": _("Forbrydelser i alt (straffelov og særlove)"),
    }
    if code in names:
        return names[code]
    if offence is None:
        return code
    label = offence.label.strip()
    section = PENAL_CODE_SECTIONS.get(code)
    if found := _SECTION_IN_LABEL.search(label):  # "Simpel vold §244", as some exports have it
        label, section = label[: found.start()], found[1]
    if section:
        return _("%(offence)s (straffelovens § %(section)s)") % {
            "offence": label,
            "section": section,
        }
    return label


def _counted(code: str, count, text: str, name: str = "") -> str:
    """ "1.958 voldsforbrydelser", "1 indbrud i beboelser", "under 5 voldsforbrydelser"."""
    if code == "12":
        words = ngettext("%(count)s voldsforbrydelse", "%(count)s voldsforbrydelser", count)
    elif code == "1320":
        words = ngettext("%(count)s indbrud i beboelser", "%(count)s indbrud i beboelser", count)
    elif code == "1":
        words = ngettext(
            "%(count)s overtrædelse af straffeloven",
            "%(count)s overtrædelser af straffeloven",
            count,
        )
    elif code == "TOT":
        words = ngettext(
            "%(count)s forbrydelse (straffelov og særlove)",
            "%(count)s forbrydelser (straffelov og særlove)",
            count,
        )
    else:
        # Any other offence by its name: "412 tilfælde af simpel vold (straffelovens § 244)".
        words = ngettext(
            "%(count)s tilfælde af %(offence)s", "%(count)s tilfælde af %(offence)s", count
        )
        return words % {"count": text, "offence": _in_sentence(name or code)}
    return words % {"count": text}


def _in_sentence(name: str) -> str:
    """A label as a sentence carries it: "Simpel vold" → "simpel vold" (an acronym stays)."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


# Blocks chosen by the author ------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """One block's choice, its periods resolved."""

    options: dict
    period: Period
    baseline: Period

    @property
    def unit(self) -> str:
        return self.options.get("unit", block_options.COUNT)

    @property
    def choice(self) -> dict:
        """What the block shows besides its quarters, as a frozen version keeps it."""
        return {k: v for k, v in self.options.items() if k not in ("period", "baseline")}


def _custom_figures(
    district: PoliceDistrict, year: int, written: datetime.date, choices: dict
) -> dict:
    """{key: figures} for blocks with options ({key: options}), read together: eight queries
    however many blocks, offences and areas.

    Unlike the default section, a chosen offence or area without figures stays, as "ingen data":
    the author asked for it, and leaving it out would read as nothing happened. An area has no
    data for an offence when the table holds no row at all for the two (a file without Hele
    landet, as the detailed STRAF11 export in ../shared/data is); an area with rows but none in
    a quarter had 0 there, as DST's BULK format leaves zero cells out."""
    results, blocks = {}, {}
    latest = None
    # A block naming any stored series (UHELDK1 …) is read by series_blocks, in this shape.
    named = {key: options for key, options in choices.items() if options.get("series")}
    if named:
        from kredsraad.statistics.reading.series_blocks import block_figures

        results |= block_figures(district, year, written, named)
    for key, options in choices.items():
        if key in named:
            continue
        if options.get("period"):
            period = parse_period(options["period"])
            baseline = (
                parse_period(options["baseline"])
                if options.get("baseline")
                else year_earlier(period)
            )
            blocks[key] = _Block(options, period, baseline)
            continue
        if latest is None:
            latest = newest_quarter_before(year, written=written) or False
        if latest is False:
            results[key] = _figures_for_plan(district, year, written)  # says why there are none
            continue
        period = Period(Quarter(latest.year, 1), latest)
        blocks[key] = _Block(options, period, year_earlier(period))
    if blocks:
        data = _Data.read(district, list(blocks.values()))
        results |= {key: _block_figures(block, data) for key, block in blocks.items()}
    return results


@dataclass
class _Data:
    """Everything the blocks need, read in one query each."""

    district: PoliceDistrict
    district_area: Area
    areas: dict  # code → Area, in Danish order of names
    offences: dict  # code → Offence
    present: set  # (offence id, period) in the table, in any area
    covered: set  # (offence id, area id) with any row in the table
    cells: dict  # (offence id, area id, period) → (value, dataset id)
    population: dict  # (area id, year) → (value, dataset id)
    fetched: dict  # dataset id → fetched_at
    derived: set = frozenset()  # (offence id, area id, period) of the derived cells

    @functools.cached_property
    def judge(self) -> disclosure.Judge:
        """What the public may read of STRAF11, asked once for all the blocks."""
        return disclosure.judge(STRAF11)

    @classmethod
    def read(cls, district: PoliceDistrict, blocks: list[_Block]) -> "_Data":
        own = district_code(district.code)
        area_codes = {code for b in blocks for code in b.options.get("areas", [])}
        areas = {
            area.code: area
            for area in Area.objects.filter(
                Q(code__in=[*area_codes, own, COUNTRY])
                | Q(kind=Area.Kind.MUNICIPALITY, district=district)
            ).order_by("name")
        }
        offence_codes = {code for b in blocks for code in b.options.get("offences", OFFENCES)}
        offences = {o.code: o for o in Offence.objects.filter(code__in=offence_codes)}
        periods = {code for b in blocks for code in b.period.codes() + b.baseline.codes()}
        years = {q.year for b in blocks for q in (b.period.first, b.baseline.first)}
        first = min(int(code[:4]) for code in periods)
        last = max(int(code[:4]) for code in periods)
        rows = Observation.objects.filter(
            table=STRAF11,
            offence__in=list(offences.values()),
            age="",
            sex="",
            year__range=(first, last),
            period__in=sorted(periods),
        ).order_by()
        present = set(rows.values_list("offence_id", "period").distinct())
        chosen = list(areas.values())
        cells, derived = {}, set()
        for offence, area, period, value, dataset, summed in rows.filter(
            area__in=chosen
        ).values_list("offence_id", "area_id", "period", "value", "dataset_id", "derived"):
            cells[offence, area, period] = (value, dataset)
            if summed:
                derived.add((offence, area, period))
        covered = set(
            Observation.objects.filter(
                table=STRAF11, offence__in=list(offences.values()), area__in=chosen
            )
            .order_by()
            .values_list("offence_id", "area_id")
            .distinct()
        )
        population = {
            (area, year): (value, dataset)
            for area, year, value, dataset in Population.objects.filter(
                area__in=chosen, year__in=years
            ).values_list("area_id", "year", "value", "dataset_id")
        }
        used = {dataset for _, dataset in [*cells.values(), *population.values()]}
        fetched = dict(Dataset.objects.filter(pk__in=used).values_list("pk", "fetched_at"))
        return cls(
            district,
            areas[own],
            areas,
            offences,
            present,
            covered,
            cells,
            population,
            fetched,
            derived,
        )


def _block_figures(block: _Block, data: _Data) -> dict:
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    period, baseline = block.period, block.baseline
    municipalities = [
        a.code
        for a in data.areas.values()
        if a.kind == Area.Kind.MUNICIPALITY and a.district_id == data.district.pk
    ]
    chosen = block.options.get("areas") or [
        data.district_area.code,
        *municipalities,
        COUNTRY,
    ]
    # The table: the district's municipalities (in Danish order) above the totals.
    body = [code for code in municipalities if code in chosen]
    foot = [code for code in chosen if code not in body and code != COUNTRY]
    foot.sort(key=lambda code: code != data.district_area.code)  # the district first
    if COUNTRY in chosen:
        foot.append(COUNTRY)
    order = body + foot
    with_total = data.district_area.code in chosen
    offences = []
    for code in block.options.get("offences") or _default_offences(data, period, baseline):
        offence = data.offences[code]
        offences.append(_chosen_block(offence, order, len(body), with_total, block, data, below))
    rows = [row for b in offences for row in b["areas"]]
    if not any(row["value"] is not None or row["value_hidden"] for row in rows):
        return _without_figures(
            _(
                "Statistikken har ingen tal for %(period)s og %(baseline)s, så afsnittet viser "
                "ingen tal."
            )
            % {"period": period.label, "baseline": baseline.label}
        )
    has_rates = block.unit == block_options.PER_1000 or any(row["rate"] is not None for row in rows)
    for b in offences:
        b["caption"] = _caption(b, block, bool(body))
        for row in b["areas"]:
            row["cells"] = block_cells(row, block.unit, has_rates)
    told = [code for code in chosen if code != COUNTRY and not (with_total and code in body)]
    if with_total:  # the district speaks for its municipalities, which the table shows
        told.sort(key=lambda code: code != data.district_area.code)
    figures = {
        "figures": True,
        "choice": block.choice,
        "unit": block.unit,
        "district": in_district(data.district_area.name),
        "period": str(period),
        "period_label": period.label,
        "baseline": str(baseline),
        "baseline_label": baseline.label,
        "paragraphs": [
            _chosen_paragraph(b, told, COUNTRY in chosen, block, below) for b in offences
        ],
        "offences": offences,
        "columns": _columns(block, has_rates),
        "has_rates": has_rates,
        "suppress_below": below,
        "suppressed": any(row["value_hidden"] or row["baseline_hidden"] for row in rows),
        "complemented": any(
            suppression.COMPLEMENT in (row["value_hidden"], row["baseline_hidden"]) for row in rows
        ),
        **_chosen_source(offences, order, block, data, has_rates=has_rates),
    }
    figures["fingerprint"] = fingerprint(figures)
    return figures


def _default_offences(data: _Data, period: Period, baseline: Period) -> list[str]:
    """The section's own offences that have figures for both periods, one overall figure."""
    codes = []
    for code in OFFENCES:
        offence = data.offences.get(code)
        if offence is None or not _has_quarters(data, offence, period, baseline):
            continue
        if code in OVERALL and any(c in OVERALL for c in codes):
            continue
        codes.append(code)
    return codes


def _has_quarters(data: _Data, offence: Offence, *periods: Period) -> bool:
    return all((offence.pk, q) in data.present for p in periods for q in p.codes())


def _chosen_block(
    offence: Offence, order: list[str], body: int, with_total: bool, block: _Block, data, below
) -> dict:
    period, baseline = block.period, block.baseline
    areas = [data.areas[code] for code in order]

    def total(area: Area, p: Period) -> int | None:
        if not _has_quarters(data, offence, p) or (offence.pk, area.pk) not in data.covered:
            return None
        cells = [data.cells.get((offence.pk, area.pk, q)) for q in p.codes()]
        if area.kind in TOTALS and None in cells:
            return None  # DST's own total, never a 0 left out: "ingen data"
        return sum(cell[0] for cell in cells if cell is not None)

    def derived(area: Area) -> bool:
        quarters = period.codes() + baseline.codes()
        return area.kind in TOTALS and any(
            (offence.pk, area.pk, q) in data.derived for q in quarters
        )

    values = [total(area, period) for area in areas]
    baselines = [total(area, baseline) for area in areas]
    # What the public may read is the source's and the whole lattice's decision (disclosure).
    judge = data.judge
    rows = []
    for n, area in enumerate(areas):
        hidden = tuple(
            judge.hidden(offence_id=offence.pk, area_id=area.pk, period=p, value=count)
            for p, count in ((period, values[n]), (baseline, baselines[n]))
        )
        populations = (
            data.population.get((area.pk, period.first.year), (None, None))[0],
            data.population.get((area.pk, baseline.first.year), (None, None))[0],
        )
        row = _chosen_row(area, values[n], baselines[n], hidden, populations, below)
        if derived(area) and not _no_data(row):
            row.update(
                name=_named(row["name"], True), derived=True, derived_note=derived_note(row["name"])
            )
        rows.append(row)
    return {
        "code": offence.code,
        "name": offence_name(offence.code, offence),
        "areas": rows,
        "body": body,
    }


def _chosen_row(
    area: Area, value, baseline, hidden: tuple[str, str], populations: tuple, below: int
) -> dict:
    """One area's figures; None for a figure that is hidden or not in the data."""
    no_data = _("ingen data")
    value_hidden, baseline_hidden = hidden

    def text(count, why):
        if count is None:
            return no_data
        return _count_text(count, why, below)

    def rate(count, why, population):
        if count is None or why or population is None:
            return None
        return per_1000(count, population)

    def rate_text(count, why, population, figure):
        if count is None or (population is None and not why):
            return no_data
        return format_rate(figure)

    shown = value is not None and baseline is not None
    change = (
        change_percent(value, baseline)
        if shown and suppression.change_is_shown(value_hidden, baseline_hidden)
        else None
    )
    rates = (
        rate(value, value_hidden, populations[0]),
        rate(baseline, baseline_hidden, populations[1]),
    )
    rate_change = (rates[0] - rates[1]) * 100 / rates[1] if None not in rates and rates[1] else None
    if rate_change is not None:
        rate_change = rate_change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return {
        "area": area.code,
        "name": in_district(area.name) if area.kind == Area.Kind.DISTRICT else area.name,
        "kind": area.kind,
        "value": None if value_hidden else value,
        "value_hidden": value_hidden,
        "value_text": text(value, value_hidden),
        "baseline": None if baseline_hidden else baseline,
        "baseline_hidden": baseline_hidden,
        "baseline_text": text(baseline, baseline_hidden),
        "change": None if change is None else float(change),
        "change_text": format_change(change) if shown else no_data,
        "rate": None if rates[0] is None else float(rates[0]),
        "rate_text": rate_text(value, value_hidden, populations[0], rates[0]),
        "baseline_rate": None if rates[1] is None else float(rates[1]),
        "baseline_rate_text": rate_text(baseline, baseline_hidden, populations[1], rates[1]),
        "rate_change": None if rate_change is None else float(rate_change),
        "rate_change_text": format_change(rate_change)
        if None not in rates
        else (no_data if not shown or None in populations else DASH),
    }


def _columns(block: _Block, has_rates: bool) -> list[str]:
    return block_columns(
        block.period.label, block.baseline.label, block.unit, _("Anmeldelser"), has_rates
    )


def block_columns(
    period: str, baseline: str, unit: str, counted: str, has_rates: bool
) -> list[str]:
    """A chosen block's column headings; `counted` names what the counts count."""
    if unit == block_options.PER_1000:
        return [
            _("Område"),
            _("Pr. 1.000 indbyggere, %(period)s") % {"period": period},
            _("Pr. 1.000 indbyggere, %(period)s") % {"period": baseline},
            _("Ændring"),
            _("%(unit)s, %(period)s") % {"unit": counted, "period": period},
        ]
    columns = [_("Område"), period, baseline, _("Ændring")]
    if has_rates:
        columns.append(_("Pr. 1.000 indbyggere, %(period)s") % {"period": period})
    return columns


def block_cells(row: dict, unit: str, has_rates: bool) -> list[str]:
    if unit == block_options.PER_1000:
        return [
            row["rate_text"],
            row["baseline_rate_text"],
            row["rate_change_text"],
            row["value_text"],
        ]
    cells = [row["value_text"], row["baseline_text"], row["change_text"]]
    return [*cells, row["rate_text"]] if has_rates else cells


def _caption(offence: dict, block: _Block, by_municipality: bool) -> str:
    values = {
        "offence": offence["name"],
        "period": block.period.label,
        "baseline": block.baseline.label,
    }
    if block.unit == block_options.PER_1000:
        return _("%(offence)s pr. 1.000 indbyggere, %(period)s mod %(baseline)s") % values
    if by_municipality:
        return _("%(offence)s pr. kommune, %(period)s mod %(baseline)s") % values
    return _("%(offence)s, %(period)s mod %(baseline)s") % values


def _chosen_paragraph(
    offence: dict, told: list[str], national: bool, block: _Block, below: int
) -> str:
    """One sentence for each area the prose speaks of, then the country's change."""
    rows = {row["area"]: row for row in offence["areas"]}
    per_1000 = block.unit == block_options.PER_1000
    sentences = []
    for n, code in enumerate(told or ([COUNTRY] if national else [])):
        row = rows[code]
        place = _("hele landet") if code == COUNTRY else row["name"]
        if _missing(row):
            sentence = _("Der er ingen data for %(offence)s i %(place)s for %(period)s.") % {
                "offence": _in_sentence(offence["name"]),
                "place": place,
                "period": block.period.label,
            }
            sentences.append(sentence)
            continue
        figure = _unit_figures(row, per_1000)
        if figure["value"] is not None and per_1000:
            counted = _("%(counted)s pr. 1.000 indbyggere") % {
                "counted": _counted(offence["code"], 2, row["rate_text"], offence["name"])
            }
        else:
            count = below if row["value_hidden"] else row["value"]
            # A count hidden so that a small one cannot be worked out has no number to give.
            shown = (
                _("et skjult antal")
                if row["value_hidden"] == suppression.COMPLEMENT
                else row["value_text"]
            )
            counted = _counted(offence["code"], count, shown, offence["name"])
        change = development(figure, block.baseline)
        values = {"during": during(block.period), "counted": counted, "place": place}
        if n == 0:
            text = (
                _("%(during)s blev der anmeldt %(counted)s i %(place)s, %(change)s.")
                if change
                else _("%(during)s blev der anmeldt %(counted)s i %(place)s.")
            )
        else:
            text = (
                _("I %(place)s blev der anmeldt %(counted)s, %(change)s.")
                if change
                else _("I %(place)s blev der anmeldt %(counted)s.")
            )
        sentences.append(text % (values | {"change": change}))
    if national and told:
        country = rows[COUNTRY]
        if _missing(country):
            sentences.append(_("For hele landet er der ingen data."))
        elif line := national_development(_unit_figures(country, per_1000)):
            sentences.append(line)
    # Every total the block shows summed from the municipalities says so, once.
    sentences += [row["derived_note"] for row in offence["areas"] if row.get("derived")]
    return " ".join(sentences)


def _missing(row: dict) -> bool:
    """No figure in the data (not one that is hidden)."""
    return row["value"] is None and not row["value_hidden"]


def _no_data(row: dict) -> bool:
    """No figure in the data for the period or the baseline."""
    return _missing(row) or (row["baseline"] is None and not row["baseline_hidden"])


def _unit_figures(row: dict, per_1000: bool) -> dict:
    """The row's figures in the block's unit, as `development` reads them; a rate that cannot
    be shown gives way to the counts."""
    if per_1000 and row["rate"] is not None and row["baseline_rate"] is not None:
        return {
            "value": row["rate"],
            "baseline": row["baseline_rate"],
            "change": row["rate_change"],
            "change_text": row["rate_change_text"],
        }
    return row


def _chosen_source(
    offences: list[dict], order: list[str], block: _Block, data: _Data, *, has_rates: bool
) -> dict:
    """The source line from the newest fetch of the rows behind the block's figures."""
    ids = {data.areas[code].pk for code in order}
    codes = set(block.period.codes() + block.baseline.codes())
    chosen = {data.offences[o["code"]].pk for o in offences}
    used = {
        dataset
        for (offence, area, period), (_value, dataset) in data.cells.items()
        if offence in chosen and area in ids and period in codes
    }
    if has_rates:
        years = {block.period.first.year, block.baseline.first.year}
        used |= {
            dataset
            for (area, year), (_value, dataset) in data.population.items()
            if area in ids and year in years
        }
    newest = max((data.fetched[pk] for pk in used), default=None)
    return _source_text(newest, max(used, default=None), has_rates=has_rates)


# Prose ----------------------------------------------------------------------------------------


def during(period: Period) -> str:
    """How a sentence opens on the period: "I de første tre kvartaler af 2022"."""
    year = period.first.year
    if period.first.number != 1 or period.last.year != year:
        return _("I perioden %(period)s") % {"period": period.label}
    openings = {
        1: _("I første kvartal af %(year)s"),
        2: _("I første halvår af %(year)s"),
        3: _("I de første tre kvartaler af %(year)s"),
        4: _("I hele %(year)s"),
    }
    return openings[len(period)] % {"year": year}


def _then(baseline: Period) -> str:
    """ "i samme periode af 2021", or "i 2021" for a whole year."""
    if baseline.whole_years and baseline.first.year == baseline.last.year:
        return _("i %(year)s") % {"year": baseline.first.year}
    if baseline.first.number == 1 and baseline.first.year == baseline.last.year:
        return _("i samme periode af %(year)s") % {"year": baseline.first.year}
    return _("i %(period)s") % {"period": baseline.label}


def development(row: dict, baseline: Period) -> str:
    """The change as the district sentence words it: "73,1 % flere end i samme periode af
    2021", "3,2 % færre end …", "lige så mange som …"; "" when it cannot be told."""
    then = _then(baseline)
    if row["value"] is None or row["baseline"] is None:
        return ""
    if row["value"] == row["baseline"]:
        return _("lige så mange som %(then)s") % {"then": then}
    if row["change"] is None:
        return _("mod ingen %(then)s") % {"then": then}
    if row["value"] > row["baseline"]:
        return _("%(change)s flere end %(then)s") % {
            "change": format_percent(row["change"]),
            "then": then,
        }
    return _("%(change)s færre end %(then)s") % {
        "change": format_percent(-row["change"]),
        "then": then,
    }


def national_development(row: dict) -> str:
    """ "På landsplan var stigningen 20,8 %." (or the fall, or unchanged)."""
    if row["value"] is None or row["baseline"] is None or row["change"] is None:
        return ""
    if row["value"] == row["baseline"]:
        return _("På landsplan var antallet uændret.")
    if row["value"] > row["baseline"]:
        return _("På landsplan var stigningen %(change)s.") % {
            "change": format_percent(row["change"])
        }
    return _("På landsplan var faldet %(change)s.") % {"change": format_percent(-row["change"])}


def _paragraph(block: dict, period: Period, baseline: Period, place: str, below: int) -> str:
    row = block["district"]
    count = below if row["value_hidden"] else row["value"]
    values = {
        "during": during(period),
        "counted": _counted(block["code"], count, row["value_text"]),
        "place": place,
    }
    change = development(row, baseline)
    if change:
        sentence = _("%(during)s blev der anmeldt %(counted)s i %(place)s, %(change)s.") % (
            values | {"change": change}
        )
    else:
        sentence = _("%(during)s blev der anmeldt %(counted)s i %(place)s.") % values
    country = block["country"]
    if _no_data(country):
        return f"{sentence} " + _("For hele landet er der ingen data.")
    national = national_development(country)
    if national and country.get("derived"):
        national += " " + derived_note(_("Hele landet"))
    return f"{sentence} {national}" if national else sentence


# Source ---------------------------------------------------------------------------------------


def _source(
    period: Period, baseline: Period, district_area: Area, blocks: list[dict], *, has_rates: bool
) -> dict:
    """The source line, from the newest fetch of the rows behind the figures. One query."""
    codes = period.codes() + baseline.codes()
    areas = Area.objects.filter(Q(district_id=district_area.district_id) | Q(code=COUNTRY))
    counts = Observation.objects.filter(
        table=STRAF11,
        offence__code__in=[b["code"] for b in blocks],
        period__in=codes,
        area__in=areas,
    ).values("dataset")
    used = Q(pk__in=counts)
    if has_rates:
        years = {period.first.year, baseline.first.year}
        used |= Q(
            pk__in=Population.objects.filter(area__in=areas, year__in=years).values("dataset")
        )
    newest = Dataset.objects.filter(used).aggregate(fetched=Max("fetched_at"), last=Max("pk"))
    return _source_text(newest["fetched"], newest["last"], has_rates=has_rates)


def _source_text(fetched_at: datetime.datetime | None, last: int | None, *, has_rates) -> dict:
    """The source line and the data's date, from the newest fetch and dataset behind them."""
    fetched = timezone.localdate(fetched_at) if fetched_at else None
    tables = [STRAF11, FOLK1A] if has_rates else [STRAF11]
    values = {
        "tables": _(" og ").join(tables),
        "date": formats.date_format(fetched, "DATE_FORMAT") if fetched else "",
    }
    return {
        "source": _("Kilde: Danmarks Statistik, %(tables)s, hentet %(date)s") % values
        if fetched
        else _("Kilde: Danmarks Statistik, %(tables)s") % values,
        "data_date": fetched.isoformat() if fetched else None,
        "as_of": {
            "dataset": last,
            "fetched_at": fetched.isoformat() if fetched else None,
        },
    }


def _without_figures(reason: str) -> dict:
    how = _(
        "En analytiker indlæser STRAF11 (anmeldte forbrydelser) og FOLK1A (folketal) med "
        "»kredsraad statistics import FIL« og »kredsraad statistics import FIL --table "
        "FOLK1A«. Derefter vises tallene her af sig selv, indtil planen offentliggøres."
    )
    return {"figures": False, "reason": reason, "how_to_import": how}


# Frozen against now --------------------------------------------------------------------------


def fingerprint(figures: dict) -> str:
    """A short hash of the published numbers (hidden ones as hidden) and their quarters: the
    same fingerprint means the same figures."""
    keys = ("area", "value", "value_hidden", "baseline", "baseline_hidden", "rate")
    if "choice" in figures:  # a chosen block may show the baseline's rate too
        keys += ("baseline_rate",)
    numbers = [
        figures["period"],
        figures["baseline"],
        *(
            [block["code"], *(row.get(key) for key in keys)]
            for block in figures["offences"]
            for row in _rows(block)
        ),
    ]
    return hashlib.sha256(json.dumps(numbers).encode()).hexdigest()[:16]


def figures_now(district: PoliceDistrict, frozen: dict) -> dict:
    """What the data gives today for the quarters (and the offences, areas and unit) `frozen`
    shows."""
    if "choice" in frozen:
        options = frozen["choice"] | {"period": frozen["period"], "baseline": frozen["baseline"]}
        # The year and date only matter for an automatic period, and this one is explicit.
        return _custom_figures(district, 0, datetime.date.min, {"now": options})["now"]
    return build_figures(district, parse_period(frozen["period"]), parse_period(frozen["baseline"]))


def same_choice(frozen: dict, live: dict) -> bool:
    """Whether `live` shows the quarters, offences, areas and unit `frozen` shows, so that its
    figures tell what publishing now would change."""
    return (live.get("period"), live.get("baseline"), live.get("choice")) == (
        frozen.get("period"),
        frozen.get("baseline"),
        frozen.get("choice"),
    )


def changed_figures(frozen: dict, now: dict) -> list[str]:
    """What publishing `now` would change in `frozen`, one line a figure: "Voldsforbrydelser,
    Nordjyllands Politikreds: 1.958 → 1.972". Both are `build_figures` results for the same
    quarters (or without figures)."""
    if not frozen.get("figures"):
        if not now.get("figures"):
            return []
        return [
            _(
                "Den offentliggjorte version har ingen tal fra statistikken; nu findes tal for "
                "%(period)s."
            )
            % {"period": now["period_label"]}
        ]
    if not now.get("figures"):
        return [_("Statistikken har ikke længere tallene, som den offentliggjorte version viser.")]
    if frozen.get("fingerprint") == now["fingerprint"]:
        return []
    current = {block["code"]: block for block in now["offences"]}
    lines = []
    for block in frozen["offences"]:
        new_block = current.pop(block["code"], None)
        if new_block is None:
            lines.append(
                _("%(offence)s: statistikken har ikke længere tallene.")
                % {"offence": block["name"]}
            )
            continue
        new_rows = {row["area"]: row for row in _rows(new_block)}
        for old in _rows(block):
            new = new_rows.get(old["area"])
            if new is not None:
                where = f"{block['name']}, {_place(old, frozen)}"
                lines += _row_changes(where, old, new, frozen["baseline_label"])
    lines += [
        _("%(offence)s: nye tal (%(place)s: %(value)s).")
        % {
            "offence": block["name"],
            "place": _place(_headline(block), now),
            "value": _headline(block)["value_text"],
        }
        for block in current.values()
    ]
    return lines


def _headline(block: dict) -> dict:
    """The row a notice quotes: the district's, or a chosen block's first area's."""
    return block["district"] if "district" in block else block["areas"][0]


def _row_changes(where: str, old: dict, new: dict, baseline_label: str) -> list[str]:
    def differs(*keys):
        return any(old[key] != new[key] for key in keys)

    lines = []
    if differs("value", "value_hidden"):
        lines.append(
            _("%(where)s: %(old)s → %(new)s")
            % {"where": where, "old": old["value_text"], "new": new["value_text"]}
        )
    if differs("baseline", "baseline_hidden"):
        lines.append(
            _("%(where)s, %(period)s: %(old)s → %(new)s")
            % {
                "where": where,
                "period": baseline_label,
                "old": old["baseline_text"],
                "new": new["baseline_text"],
            }
        )
    # A rate follows its count; on its own it changes when the population was revised.
    if differs("rate") and not differs("value", "value_hidden"):
        lines.append(
            _("%(where)s, pr. 1.000 indbyggere: %(old)s → %(new)s")
            % {"where": where, "old": old["rate_text"], "new": new["rate_text"]}
        )
    return lines


def _place(row: dict, figures: dict) -> str:
    """The district as the prose names it, any other area by its name."""
    if "choice" in figures:  # a chosen block's rows carry the names as the prose has them
        return row["name"]
    return figures["district"] if row["area"].startswith("politikreds:") else row["name"]
