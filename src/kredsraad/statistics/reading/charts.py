"""Vega-Lite specifications of the statistics charts, as plain dicts.

The browser draws them with vega-embed (static/statistics/charts.js); vl-convert can render the
same dicts to SVG or PNG for a document, which is why the font is one WeasyPrint also has and
numbers are formatted through `config.locale` (Danish: 1.234,5) rather than by the page. Data
is always inline (`values`), never a URL: the map's outlines included, so a spec renders
offline and `allowed_base_urls=[]` can forbid every fetch.

Each spec has a `description`, which Vega puts on the chart as its accessible name; the marks
and axes themselves are hidden from assistive technology, because the table beside every chart
holds the same figures.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "DejaVu Sans"
# d3-format's locale for Danish numbers; the page passes the same to vega-embed.
DANISH_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]}
# Det Fælles Designsystem's blue, and a darker red and a grey that keep 3:1 against white.
BLUE = "#004993"
RED = "#b51d09"
GREY = "#707070"
LIGHT_GREY = "#d9d9d9"


def config() -> dict:
    return {
        "font": FONT,
        "locale": {"number": DANISH_NUMBERS},
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1a1a1a"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12},
        "title": {"fontSize": 14, "anchor": "start"},
        "aria": False,  # the table beside the chart is the accessible version (marks too)
    }


def _spec(description: str, width, height: int, **parts) -> dict:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": width,
        "height": height,
        "config": config(),
        **parts,
    }


def _number(value: int | Decimal | None) -> float | int | None:
    if value is None:
        return None
    return value if isinstance(value, int) else float(value)


# Quarters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterPoint:
    quarter: str  # "2025K1"
    value: int | None
    in_period: bool
    outlier: bool


def series_chart(
    points: Sequence[QuarterPoint], *, description: str, width="container", height: int = 260
) -> dict:
    """The count per quarter as a line with a point per quarter; the chosen period's quarters
    are filled, unusual quarters drawn as red triangles (shape and colour, not colour alone)."""
    period, other, unusual = _("Valgt periode"), _("Øvrige kvartaler"), _("Usædvanligt kvartal")
    values = [
        {
            "kvartal": p.quarter,
            "antal": p.value,
            "markering": unusual if p.outlier else period if p.in_period else other,
        }
        for p in points
        if p.value is not None  # "ingen data" is no point, never a 0
    ]
    x = {
        "field": "kvartal",
        "type": "ordinal",
        "sort": None,
        "title": _("Kvartal"),
        "axis": {"labelAngle": -45, "labelOverlap": "parity"},
    }
    y = {"field": "antal", "type": "quantitative", "title": _("Anmeldelser"), "format": ",d"}
    return _spec(
        description,
        width,
        height,
        data={"values": values},
        layer=[
            {"mark": {"aria": False, "type": "line", "color": BLUE}, "encoding": {"x": x, "y": y}},
            {
                "mark": {"aria": False, "type": "point", "filled": True, "size": 60},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": {
                        "field": "markering",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": [period, other, unusual], "range": [BLUE, GREY, RED]},
                        "legend": {"orient": "bottom"},
                    },
                    "shape": {
                        "field": "markering",
                        "type": "nominal",
                        "scale": {
                            "domain": [period, other, unusual],
                            "range": ["circle", "circle", "triangle-up"],
                        },
                    },
                    "tooltip": [
                        {"field": "kvartal", "title": _("Kvartal")},
                        {"field": "antal", "title": _("Anmeldelser"), "format": ",d"},
                    ],
                },
            },
        ],
    )


# Years ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearPoint:
    year: str  # "2024", or the quarters of a year not whole in the data: "1.-3. kvartal 2025"
    area: str
    value: int | Decimal | None
    complete: bool


def years_chart(
    points: Sequence[YearPoint],
    measure: "Measure",
    *,
    description: str,
    width="container",
    height: int = 260,
) -> dict:
    """A line per area through its whole years. A year with fewer quarters in the data is a
    point of its own, off the line and drawn as a diamond, so its smaller count does not read as
    a fall. The first area is blue, the second grey. Points without a figure are left out."""
    whole, part = _("Helt år"), _("Ikke et helt år")
    areas = list(dict.fromkeys(p.area for p in points))
    values = [
        {
            "aar": p.year,
            "omraade": p.area,
            "vaerdi": _number(p.value),
            "helt": p.complete,
            "markering": whole if p.complete else part,
        }
        for p in points
        if p.value is not None
    ]
    x = {
        "field": "aar",
        "type": "ordinal",
        "sort": None,
        "title": _("År"),
        "axis": {"labelAngle": -45, "labelLimit": 160},
    }
    y = {
        "field": "vaerdi",
        "type": "quantitative",
        "title": measure.title,
        "format": measure.format,
    }
    color = {
        "field": "omraade",
        "type": "nominal",
        "title": None,
        "scale": {"domain": areas, "range": [BLUE, GREY][: len(areas)]},
        "legend": {"orient": "bottom"},
    }
    return _spec(
        description,
        width,
        height,
        data={"values": values},
        layer=[
            {
                "transform": [{"filter": {"field": "helt", "equal": True}}],
                "mark": {"aria": False, "type": "line"},
                "encoding": {"x": x, "y": y, "color": color},
            },
            {
                "mark": {"aria": False, "type": "point", "filled": True, "size": 60},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": color,
                    "shape": {
                        "field": "markering",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": [whole, part], "range": ["circle", "diamond"]},
                        # Explained only when a year is not whole.
                        "legend": {"orient": "bottom"}
                        if any(not v["helt"] for v in values)
                        else None,
                    },
                    "tooltip": [
                        {"field": "omraade", "title": _("Område")},
                        {"field": "aar", "title": _("År")},
                        {"field": "vaerdi", "title": measure.title, "format": measure.format},
                    ],
                },
            },
        ],
    )


# Municipalities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """What a municipality chart shows: its field title and number format."""

    key: str  # "rate", "count" or "change"
    title: str
    format: str  # d3-format
    diverging: bool = False  # a change: red above 0, blue below


@dataclass(frozen=True)
class AreaValue:
    code: str
    name: str
    value: int | Decimal | None


def bars_chart(
    rows: Sequence[AreaValue],
    measure: Measure,
    *,
    description: str,
    reference: AreaValue | None = None,
    width="container",
) -> dict:
    """A bar per municipality, the largest first; `reference` (the district) as a dashed line.
    Municipalities without a figure (no population for a rate, no baseline for a change) are
    left out of the chart; the table says why."""
    values = [{"kommune": r.name, "vaerdi": _number(r.value)} for r in rows if r.value is not None]
    x = {
        "field": "vaerdi",
        "type": "quantitative",
        "title": measure.title,
        "format": measure.format,
    }
    layers = [
        {
            "mark": {"aria": False, "type": "bar", "color": BLUE},
            "encoding": {
                "y": {"field": "kommune", "type": "nominal", "sort": "-x", "title": None},
                "x": x,
                "tooltip": [
                    {"field": "kommune", "title": _("Kommune")},
                    {"field": "vaerdi", "title": measure.title, "format": measure.format},
                ],
            },
        }
    ]
    if reference is not None and reference.value is not None:
        layers.append(
            {
                "data": {"values": [{"navn": reference.name, "vaerdi": _number(reference.value)}]},
                "mark": {
                    "aria": False,
                    "type": "rule",
                    "color": RED,
                    "strokeDash": [6, 4],
                    "strokeWidth": 2,
                },
                "encoding": {
                    "x": {"field": "vaerdi", "type": "quantitative"},
                    "tooltip": [
                        {"field": "navn", "title": _("Politikreds")},
                        {"field": "vaerdi", "title": measure.title, "format": measure.format},
                    ],
                },
            }
        )
    return _spec(
        description, width, max(22 * len(values), 60), data={"values": values}, layer=layers
    )


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    geometry: dict  # GeoJSON Polygon or MultiPolygon (RFC 7946 winding)
    value: int | Decimal | None


def map_chart(
    areas: Sequence[MapArea],
    measure: Measure,
    *,
    description: str,
    width: int = 420,
    height: int = 420,
) -> dict:
    """A choropleth of the areas, their outlines inline as GeoJSON features. Areas without a
    figure are drawn grey. A change is coloured on a diverging scale around 0 (red for more
    reports), anything else on a sequential one."""
    features = [
        {
            "type": "Feature",
            "properties": {"kode": a.code, "navn": a.name, "vaerdi": _number(a.value)},
            "geometry": for_vega(a.geometry),
        }
        for a in areas
    ]
    scale = (
        {"scheme": "redblue", "reverse": True, "domainMid": 0}
        if measure.diverging
        else {"scheme": "blues"}
    )
    data = {"values": {"type": "FeatureCollection", "features": features}}
    data["format"] = {"type": "json", "property": "features"}
    return _spec(
        description,
        width,
        height,
        data=data,
        projection={"type": "mercator"},
        layer=[
            {"mark": {"aria": False, "type": "geoshape", "fill": LIGHT_GREY, "stroke": "#ffffff"}},
            {
                "transform": [{"filter": "isValid(datum.properties.vaerdi)"}],
                "mark": {"aria": False, "type": "geoshape", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {
                    "color": {
                        "field": "properties.vaerdi",
                        "type": "quantitative",
                        "title": measure.title,
                        "scale": scale,
                        "legend": {"format": measure.format, "orient": "bottom"},
                    },
                    "tooltip": [
                        {"field": "properties.navn", "title": _("Kommune")},
                        {
                            "field": "properties.vaerdi",
                            "title": measure.title,
                            "format": measure.format,
                        },
                    ],
                },
            },
        ],
    )


def for_vega(geometry: dict) -> dict:
    """The geometry with its rings wound as d3-geo (and so Vega) reads them: exterior clockwise.
    Stored outlines follow RFC 7946 (exterior counter-clockwise), which d3-geo would draw as the
    whole globe with the municipality cut out."""
    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": _reversed_rings(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [_reversed_rings(polygon) for polygon in geometry["coordinates"]],
        }
    return geometry


def _reversed_rings(polygon: list) -> list:
    return [list(reversed(ring)) for ring in polygon]
