"""What an author may choose for a crime-figure block (a crime-trend section of a plan), checked
and written in one normal form, so that the same choice always reads, caches and compares the
same.

The options are plain JSON, kept in `PlanSection.options`:

    {"offences": ["1252", "1255"],                 # OVERTRÆD codes present in STRAF11
     "areas": ["851", "860", "politikreds:1"],     # statistics Area codes
     "period": "2022K1-2022K3",                    # quarters, a year or a range of either
     "baseline": "2021K1-2021K3",                  # needs a period; default a year earlier
     "unit": "per_1000"}                           # or "count"

A block may instead show any stored series (`statistics.reading.series`): a table and a measure
in place of the offences, {"series": "UHELDK1:UHELD=*;INDBLAND=71;ALDER=6599;KØN=*",
"period": "2022", …}, read by `series_blocks`; a yearly table takes whole years.

Every key may be left out, and then the section's default holds for it: the offences and areas
of `plan_figures.OFFENCES` and the district with its municipalities and the country, the year to
date before the plan year, counts. {} is exactly the section as it was before blocks existed.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.models import Area, Offence
from kredsraad.statistics.periods import PeriodError, parse_period
from kredsraad.statistics.reading import series
from kredsraad.statistics.reading.page import offence_ids_with_data
from kredsraad.statistics.rows import STRAF11

COUNT = "count"
PER_1000 = "per_1000"
UNITS = (COUNT, PER_1000)
KEYS = ("offences", "series", "areas", "period", "baseline", "unit")
# A block is read in a fixed number of queries whatever it holds, but its table and prose grow
# with it: beyond these it is no longer a paragraph of a plan.
MAX_OFFENCES = 6
MAX_AREAS = 20


def block_choices(district: PoliceDistrict) -> tuple[list, list]:
    """The areas an author may choose for `district`'s plan, as (code, name): the district, its
    municipalities and the country; and the regions and the other districts. One query."""
    own = f"politikreds:{district.code}"
    near, far = [], []
    areas = Area.objects.filter(
        kind__in=[Area.Kind.COUNTRY, Area.Kind.REGION, Area.Kind.DISTRICT, Area.Kind.MUNICIPALITY]
    ).exclude(kind=Area.Kind.MUNICIPALITY, district__isnull=True)
    areas = areas.exclude(~Q(district=district), kind=Area.Kind.MUNICIPALITY).order_by("name")
    for area in areas:
        name = _in_district(area.name)
        if area.code == own:
            near.insert(0, (area.code, name))
        elif area.kind == Area.Kind.MUNICIPALITY:
            near.append((area.code, name))
        elif area.kind != Area.Kind.COUNTRY:
            far.append((area.code, name))
    near += [(area.code, area.name) for area in areas if area.kind == Area.Kind.COUNTRY]
    return near, far


def _in_district(name: str) -> str:
    """ "Nordjyllands Politi" → "Nordjyllands Politikreds", as plan_figures.in_district."""
    return f"{name}kreds" if name.endswith(" Politi") else name


def clean_options(district: PoliceDistrict, options: dict) -> dict:
    """`options` checked for `district`'s plan and normalised: codes as stored, periods as DST
    writes them, each list without repeats, and every key at its default left out. Raises
    ValidationError with a Danish message per field (the keys above) naming what is wrong."""
    if not isinstance(options, dict):
        raise ValidationError(_("Indstillingerne for kriminalitetstallene kan ikke læses."))
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(options) - set(KEYS))
    if unknown:
        errors["__all__"] = [_("Ukendt indstilling »%(key)s«.") % {"key": key} for key in unknown]
    cleaned = {}
    for key, clean in (
        ("offences", _offences),
        ("areas", lambda value: _areas(district, value)),
        ("unit", _unit),
    ):
        value = options.get(key)
        if value in (None, "", []):
            continue
        try:
            cleaned[key] = clean(value)
        except ValidationError as error:
            errors[key] = error.messages
    _periods(options, cleaned, errors)
    if options.get("series") not in (None, ""):
        _series(options["series"], cleaned, errors)
    if errors:
        raise ValidationError(errors)
    if cleaned.get("unit") == COUNT:
        del cleaned["unit"]
    return cleaned


def carried_options(options: dict, *, years: int) -> dict:
    """A block's choice in a plan `years` later: the same offences, areas and unit, and an
    explicit period and baseline as many years on (2022 against 2021 in the 2023 plan is 2023
    against 2022 in the 2024 plan). The automatic year to date needs no carrying."""
    carried = dict(options)
    for key in ("period", "baseline"):
        if carried.get(key):
            carried[key] = str(parse_period(carried[key]).shifted(4 * years))
    return carried


def _codes(value, *, many: str) -> list[str]:
    """A list of codes (or one text of codes separated by commas), stripped, without repeats."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(many)
    return list(dict.fromkeys(code.strip() for code in value if code.strip()))


def _offences(value) -> list[str]:
    codes = [code.upper() for code in _codes(value, many=_("Angiv overtrædelserne som koder."))]
    if len(codes) > MAX_OFFENCES:
        raise ValidationError(_("Vælg højst %(count)d overtrædelser.") % {"count": MAX_OFFENCES})
    # Present in the data, not only in the list of codes: a code without a single row would
    # print "ingen data" for ever.
    present = set(
        Offence.objects.filter(code__in=codes, pk__in=offence_ids_with_data(STRAF11)).values_list(
            "code", flat=True
        )
    )
    missing = [code for code in codes if code not in present]
    if missing:
        raise ValidationError(
            [
                _("Overtrædelseskoden %(code)s findes ikke i statistikken.") % {"code": code}
                for code in missing
            ]
        )
    return codes


def normal_area_code(text: str) -> str:
    """An area code as stored: "0851" and "851" → "851", "81" → "081", "Politikreds:1" →
    "politikreds:1"."""
    text = text.strip()
    if text.lower().startswith("politikreds:"):
        number = text.split(":", 1)[1].strip()
        return f"politikreds:{int(number)}" if number.isascii() and number.isdigit() else text
    if text.isascii() and text.isdigit():
        return text[1:] if len(text) == 4 and text.startswith("0") else text.zfill(3)
    return text


def _areas(district: PoliceDistrict, value) -> list[str]:
    codes = [normal_area_code(c) for c in _codes(value, many=_("Angiv områderne som koder."))]
    codes = list(dict.fromkeys(codes))
    if len(codes) > MAX_AREAS:
        raise ValidationError(_("Vælg højst %(count)d områder.") % {"count": MAX_AREAS})
    found = {area.code: area for area in Area.objects.filter(code__in=codes)}
    problems = []
    for code in codes:
        area = found.get(code)
        if area is None:
            problems.append(_("Områdekoden %(code)s findes ikke i statistikken.") % {"code": code})
        elif area.kind == Area.Kind.OTHER:
            problems.append(
                _(
                    "Området %(area)s kan ikke vælges; vælg en kommune, en region, en politikreds "
                    "eller hele landet."
                )
                % {"area": area.name}
            )
        elif area.kind == Area.Kind.MUNICIPALITY and area.district_id != district.pk:
            problems.append(
                _(
                    "Kommunen %(area)s (%(code)s) ligger ikke i %(district)s; vælg en af kredsens "
                    "kommuner, en region, en politikreds eller hele landet."
                )
                % {"area": area.name, "code": code, "district": _in_district(district.name)}
            )
    if problems:
        raise ValidationError(problems)
    return codes


def _unit(value) -> str:
    if value not in UNITS:
        raise ValidationError(
            _("Enheden »%(unit)s« findes ikke; vælg antal eller pr. 1.000 indbyggere.")
            % {"unit": value}
        )
    return value


def _periods(options: dict, cleaned: dict, errors: dict) -> None:
    """The period and the baseline: each readable, the baseline only with a period, as many
    quarters as the period and before it."""
    texts = {key: options.get(key) for key in ("period", "baseline")}
    read = {}
    for key, name in (("period", _("Perioden")), ("baseline", _("Sammenligningsperioden"))):
        text = texts[key]
        if text in (None, ""):
            continue
        try:
            if not isinstance(text, str):
                raise PeriodError(text)
            read[key] = parse_period(text)
        except PeriodError:
            errors[key] = [
                _("%(field)s »%(text)s« kan ikke læses; skriv fx 2022K1-2022K3 eller 2022.")
                % {"field": name, "text": str(text).strip()}
            ]
    if "baseline" in read and "period" not in read and "period" not in errors:
        errors["baseline"] = [
            _(
                "Sammenligningsperioden kræver en periode; vælg også perioden, eller lad begge stå "
                "tomme for året til dato."
            )
        ]
        return
    if "period" in read and "baseline" in read:
        period, baseline = read["period"], read["baseline"]
        if len(baseline) != len(period):
            errors["baseline"] = [
                ngettext(
                    "Sammenligningsperioden skal have lige så mange kvartaler som perioden "
                    "(%(count)d kvartal).",
                    "Sammenligningsperioden skal have lige så mange kvartaler som perioden "
                    "(%(count)d kvartaler).",
                    len(period),
                )
                % {"count": len(period)}
            ]
        elif not baseline.last < period.first:
            errors["baseline"] = [_("Sammenligningsperioden skal ligge før perioden.")]
    for key, value in read.items():
        if key not in errors:
            cleaned[key] = str(value)


def _series(value, cleaned: dict, errors: dict) -> None:
    """A stored series in place of the offences: "TABLE:measure", normalised; a yearly table
    takes whole years only."""
    try:
        cleaned["series"] = series.clean_series(value)
    except ValidationError as error:
        errors["series"] = error.messages
        return
    if cleaned.get("offences"):
        errors["offences"] = [
            _("Vælg enten overtrædelser fra STRAF11 eller en serie fra en anden tabel, ikke begge.")
        ]
    table = series.table_of(cleaned["series"])
    for key in ("period", "baseline"):
        if key in cleaned and not table.quarterly and not parse_period(cleaned[key]).whole_years:
            errors[key] = [
                _("%(table)s har kun hele år; skriv fx 2022 eller 2021-2022.")
                % {"table": table.code}
            ]
