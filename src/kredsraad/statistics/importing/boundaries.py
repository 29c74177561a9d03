"""Municipality outlines for the statistics map, from a GeoJSON file or the public DAWA API.

A feature names its municipality by `kommunekode` ("0851", as DAGI and ../shared/data/geo write
it) or `kode` (DAWA); both become DST's three-digit area code ("851"). Loading is all or nothing:
a file with one unknown code, or one geometry that is no polygon in longitude and latitude,
writes nothing and lists every problem. Coordinates are rounded to four decimals (about 11 m
north-south, 6 m east-west in Denmark) and repeated points dropped, so a district's map weighs
tens of kilobytes; rings are stored with the exterior counter-clockwise, as RFC 7946 says.

DAWA was announced to close on 1 July 2026 (Klimadatastyrelsen moves DAGI to Datafordeleren),
so the file is the first choice and DAWA the fallback.
"""

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.statistics.models import Area, Boundary

DAWA_URL = "https://api.dataforsyningen.dk/kommuner?format=geojson&srid=4326&noformat"
DAWA_SOURCE = "DAWA, api.dataforsyningen.dk (DAGI)"
DECIMALS = 4
TIMEOUT = 60  # seconds; DAWA sends the unsimplified outlines of all municipalities
# Areas that have an outline: municipalities, and Christiansø (no municipality, but on the map).
MAPPED_KINDS = (Area.Kind.MUNICIPALITY, Area.Kind.OTHER)

# (url, timeout) -> the response body. Raises OSError (URLError, HTTPError, TimeoutError).
Transport = Callable[[str, float], bytes]


class BoundaryError(ValueError):
    """Outlines that cannot be loaded, with a Danish message listing every problem."""


@dataclass(frozen=True)
class Outline:
    code: str  # DST's area code: "851"
    name: str
    geometry: dict  # GeoJSON Polygon or MultiPolygon, rounded, RFC 7946 winding


# Reading --------------------------------------------------------------------------------------


def read_geojson(content: bytes) -> list[Outline]:
    """The outlines of a GeoJSON FeatureCollection. Pure: raises BoundaryError naming each
    feature (by number, code and name) that has no municipality code or no usable polygon."""
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BoundaryError(
            _("Filen er ikke GeoJSON (UTF-8): %(error)s.") % {"error": error}
        ) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise BoundaryError(
            _("Filen er ikke en GeoJSON FeatureCollection med en feature pr. kommune.")
        )
    outlines, problems = [], []
    for number, feature in enumerate(document.get("features") or [], start=1):
        properties = (feature or {}).get("properties") or {}
        code = _area_code(properties.get("kommunekode", properties.get("kode")))
        name = str(properties.get("navn") or "").strip()
        where = _("feature %(number)d (%(code)s %(name)s)") % {
            "number": number,
            "code": code or "?",
            "name": name or "?",
        }
        if code is None:
            problems.append(
                _("%(where)s: mangler en kommunekode i »kommunekode« eller »kode«.")
                % {"where": where}
            )
            continue
        try:
            geometry = _rounded((feature or {}).get("geometry"))
        except BoundaryError as error:
            problems.append(f"{where}: {error}")
            continue
        outlines.append(Outline(code, name, geometry))
    if problems:
        raise BoundaryError(" ".join(problems))
    if not outlines:
        raise BoundaryError(_("Filen har ingen kommuner."))
    return outlines


def _area_code(value) -> str | None:
    """ "0851", "851" or 851 → "851"."""
    text = str(value).strip() if value is not None else ""
    if not text.isdigit() or not 0 < int(text) < 1000:
        return None
    return f"{int(text):03d}"


def _rounded(geometry) -> dict:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise BoundaryError(_("geometrien er ikke en Polygon eller MultiPolygon."))
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list):
        raise BoundaryError(_("geometrien har ingen koordinater."))
    kept = [polygon for polygon in (_polygon(p) for p in polygons) if polygon]
    if not kept:
        raise BoundaryError(_("geometrien har ingen flade tilbage efter afrunding."))
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _polygon(rings) -> list:
    """The polygon's rings rounded; exterior counter-clockwise, holes clockwise. A ring that
    rounding shrinks below a triangle is dropped, and with its exterior the whole polygon."""
    if not isinstance(rings, list):
        raise BoundaryError(_("geometrien har ingen koordinater."))
    kept = []
    for n, ring in enumerate(rings):
        points = _ring(ring)
        if len(points) < 4:
            if n == 0:
                return []
            continue
        exterior = n == 0
        if (_signed_area(points) > 0) != exterior:
            points.reverse()
        kept.append(points)
    return kept


def _ring(ring) -> list[list[float]]:
    points = []
    for point in ring if isinstance(ring, list) else []:
        try:
            lon, lat = float(point[0]), float(point[1])
        except (TypeError, ValueError, IndexError) as error:
            raise BoundaryError(
                _("punktet %(point)s er ikke et talpar.") % {"point": json.dumps(point)}
            ) from error
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise BoundaryError(
                _(
                    "punktet %(point)s er ikke længde- og breddegrad (WGS 84). Hent "
                    "grænserne med srid=4326, eller omregn dem fra fx UTM (25832)."
                )
                % {"point": json.dumps(point[:2])}
            )
        rounded = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not points or points[-1] != rounded:
            points.append(rounded)
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def _signed_area(points: list[list[float]]) -> float:
    """Twice the ring's area in degrees², positive when counter-clockwise (shoelace)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(points))


# Loading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    count: int
    source: str


def load_boundaries(outlines: list[Outline], *, source: str) -> Loaded:
    """Store every outline on its area, replacing an earlier one; all or nothing. Raises
    BoundaryError listing every code that is no municipality (or Christiansø) of the registry.
    Areas the outlines do not mention keep what they had."""
    areas = dict(Area.objects.filter(kind__in=MAPPED_KINDS).values_list("code", "pk"))
    unknown = sorted({o.code for o in outlines if o.code not in areas})
    if unknown:
        raise BoundaryError(
            ngettext(
                "Ukendt kommunekode: %(codes)s. Intet er indlæst.",
                "Ukendte kommunekoder: %(codes)s. Intet er indlæst.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown)}
        )
    twice = sorted(code for code, n in Counter(o.code for o in outlines).items() if n > 1)
    if twice:
        raise BoundaryError(
            _("Flere features har samme kommunekode: %(codes)s. Intet er indlæst.")
            % {"codes": ", ".join(twice)}
        )
    with transaction.atomic():
        Boundary.objects.bulk_create(
            [Boundary(area_id=areas[o.code], geometry=o.geometry, source=source) for o in outlines],
            update_conflicts=True,
            unique_fields=["area"],
            update_fields=["geometry", "source", "loaded_at"],
        )
    return Loaded(len(outlines), source)


def load_boundaries_from_file(path: Path | str) -> str:
    """Load the outlines in the GeoJSON file at `path`. Returns a Danish line saying what was
    loaded; raises BoundaryError (nothing written) when the file cannot be read or loaded."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise BoundaryError(
            _("Kan ikke læse %(path)s: %(error)s.") % {"path": path, "error": error.strerror}
        ) from error
    loaded = load_boundaries(read_geojson(content), source=_file_source(path, content))
    return _loaded_line(loaded)


def _file_source(path: Path, content: bytes) -> str:
    """The file's name, and the name the FeatureCollection gives itself, if any."""
    try:
        name = json.loads(content.decode("utf-8-sig")).get("name")
    except (ValueError, AttributeError):
        name = None
    return f"{path.name} ({name})" if isinstance(name, str) and name else path.name


# DAWA ----------------------------------------------------------------------------------------


def fetch_dawa(*, transport: Transport | None = None, timeout: float = TIMEOUT) -> bytes:
    """The GeoJSON of every municipality from DAWA (`KREDSRAAD_DAWA_URL`). Raises
    BoundaryError, in Danish, when DAWA cannot be reached or answers with an error."""
    url = getattr(settings, "KREDSRAAD_DAWA_URL", DAWA_URL)
    try:
        return (transport or _urlopen)(url, timeout)
    except HTTPError as error:
        raise BoundaryError(
            _(
                "DAWA svarede %(status)s på %(url)s. Hent kommunegrænserne som GeoJSON-fil, og "
                "indlæs dem med »kredsraad statistics boundaries FIL«."
            )
            % {"status": error.code, "url": url}
        ) from error
    except (OSError, ValueError) as error:  # URLError, TimeoutError, a refused connection
        reason = getattr(error, "reason", None) or error
        raise BoundaryError(
            _(
                "Kan ikke hente kommunegrænser fra DAWA (%(url)s): %(reason)s. Hent dem som "
                "GeoJSON-fil, og indlæs dem med »kredsraad statistics boundaries FIL«."
            )
            % {"url": url, "reason": reason}
        ) from error


def load_boundaries_from_dawa(
    *, transport: Transport | None = None, timeout: float = TIMEOUT
) -> str:
    """Fetch every municipality's outline from DAWA and load it (see `load_boundaries`).
    Returns a Danish line; raises BoundaryError with nothing written."""
    content = fetch_dawa(transport=transport, timeout=timeout)
    return _loaded_line(load_boundaries(read_geojson(content), source=DAWA_SOURCE))


def _urlopen(url: str, timeout: float) -> bytes:
    request = Request(url, headers={"Accept": "application/geo+json, application/json"})
    with urlopen(request, timeout=timeout) as response:
        return response.read()


def _loaded_line(loaded: Loaded) -> str:
    return ngettext(
        "Kommunegrænser indlæst fra %(source)s: %(count)d område.",
        "Kommunegrænser indlæst fra %(source)s: %(count)d områder.",
        loaded.count,
    ) % {"count": loaded.count, "source": loaded.source}
