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
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population
from kredsraad.statistics.periods import DASH, Period, Quarter, parse_period, year_earlier
from kredsraad.statistics.reading import suppression
from kredsraad.statistics.reading.compare import (
    CompareError,
    Comparison,
    by_municipality,
    compare,
    format_number,
    format_percent,
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


def figures_for_plan(district: PoliceDistrict, year: int, *, written: datetime.date) -> dict:
    """The section's figures for `district`'s plan for `year`, written (approved) on `written`.
    Without figures, {"figures": False, "reason": …, "how_to_import": …} says why in Danish.

    Every import is a new Dataset, so the newest dataset's id says which data the figures come
    from: they are kept in the cache under it (and the language, the threshold and the date),
    and an import makes the next page compute them afresh. The cache only saves work: each app
    server may keep its own copy, as the key says which data each copy comes from."""
    newest = Dataset.objects.aggregate(newest=Max("pk"))["newest"]
    key = ":".join(
        str(part)
        for part in (
            "plan-figures",
            district.pk,
            year,
            written.isoformat(),
            newest,
            settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW,
            get_language(),
        )
    )
    return cache.get_or_set(key, lambda: _figures_for_plan(district, year, written), FIGURES_CACHED)


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
    blocks = []
    for code in OFFENCES:
        if code not in offences or (code in OVERALL and any(b["code"] in OVERALL for b in blocks)):
            continue
        try:
            breakdown = by_municipality(district_area, offences[code], period, baseline)
            national = compare(country, offences[code], period, baseline)
        except CompareError:
            continue  # no figures for the offence in these quarters
        blocks.append(_offence_block(code, offences[code], breakdown, national, below))
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
    code: str, offence: Offence, breakdown, national: Comparison, below: int
) -> dict:
    municipalities = breakdown.rows
    hide_value = suppression.hidden_in_column([c.value for c in municipalities], below=below)
    hide_baseline = suppression.hidden_in_column(
        [c.baseline_value for c in municipalities], below=below
    )
    return {
        "code": code,
        "name": offence_name(code, offence),
        "municipalities": [
            _row(c, hide_value.get(n, ""), hide_baseline.get(n, ""), below)
            for n, c in enumerate(municipalities)
        ],
        "district": _row(breakdown.total, *_own(breakdown.total, below), below),
        "country": _row(national, *_own(national, below), below),
    }


def _own(comparison: Comparison, below: int) -> tuple[str, str]:
    """A single figure (district, country) is hidden only when it is small itself."""
    return tuple(
        suppression.SMALL if suppression.is_small(value, below=below) else ""
        for value in (comparison.value, comparison.baseline_value)
    )


def _row(comparison: Comparison, value_hidden: str, baseline_hidden: str, below: int) -> dict:
    """One area's figures; a hidden count is None, and so is what is worked out from it."""
    change = comparison.change_percent
    if not suppression.change_is_shown(value_hidden, baseline_hidden):
        change = None
    rate = comparison.rate if suppression.rate_is_shown(value_hidden) else None
    return {
        "area": comparison.area.code,
        "name": comparison.area.name,
        "value": None if value_hidden else comparison.value,
        "value_hidden": value_hidden,
        "value_text": _count_text(comparison.value, value_hidden, below),
        "baseline": None if baseline_hidden else comparison.baseline_value,
        "baseline_hidden": baseline_hidden,
        "baseline_text": _count_text(comparison.baseline_value, baseline_hidden, below),
        "change": None if change is None else float(change),
        "change_text": format_percent(change),
        "rate": None if rate is None else float(rate),
        "rate_text": DASH if rate is None else format_number(rate, 2),
    }


def _count_text(value: int, hidden: str, below: int) -> str:
    return suppression.hidden_text(hidden, below=below) if hidden else format_number(value)


def _rows(block: dict) -> list[dict]:
    return [*block["municipalities"], block["district"], block["country"]]


def offence_name(code: str, offence: Offence | None = None) -> str:
    """The offence as a table caption or a notice names it."""
    names = {
        "12": _("Voldsforbrydelser"),
        "1320": _("Indbrud i beboelser"),
        "1": _("Straffelovsovertrædelser i alt"),
        "TOT": _("Forbrydelser i alt (straffelov og særlove)"),
    }
    return names.get(code) or (offence.label if offence else code)


def _counted(code: str, count: int, text: str) -> str:
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
    else:
        words = ngettext(
            "%(count)s forbrydelse (straffelov og særlove)",
            "%(count)s forbrydelser (straffelov og særlove)",
            count,
        )
    return words % {"count": text}


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
        return _("%(change)s flere end %(then)s") % {"change": row["change_text"], "then": then}
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
        return _("På landsplan var stigningen %(change)s.") % {"change": row["change_text"]}
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
    national = national_development(block["country"])
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
    fetched = timezone.localdate(newest["fetched"]) if newest["fetched"] else None
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
            "dataset": newest["last"],
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
    numbers = [
        figures["period"],
        figures["baseline"],
        *(
            [block["code"], *(row[key] for key in keys)]
            for block in figures["offences"]
            for row in _rows(block)
        ),
    ]
    return hashlib.sha256(json.dumps(numbers).encode()).hexdigest()[:16]


def figures_now(district: PoliceDistrict, frozen: dict) -> dict:
    """What the data gives today for the quarters `frozen` shows."""
    return build_figures(district, parse_period(frozen["period"]), parse_period(frozen["baseline"]))


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
            "place": now["district"],
            "value": block["district"]["value_text"],
        }
        for block in current.values()
    ]
    return lines


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
    return figures["district"] if row["area"].startswith("politikreds:") else row["name"]
