"""Municipality outlines for the map: from the reference GeoJSON file or DAWA, all or nothing."""

import datetime
import io
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from urllib.error import HTTPError, URLError

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kredsraad.demo.statistics import load_map
from kredsraad.statistics.importing import boundaries, importer
from kredsraad.statistics.importing.boundaries import (
    DAWA_URL,
    BoundaryError,
    load_boundaries_from_dawa,
    load_boundaries_from_file,
)
from kredsraad.statistics.models import Boundary, Dataset
from kredsraad.statistics.rows import STRAF11, Parsed, Row

KOMMUNER = Path(__file__).resolve().parents[3] / "shared" / "data" / "geo" / "kommuner.geojson"
needs_kommuner_file = pytest.mark.skipif(
    not KOMMUNER.is_file(), reason="../shared/data/geo has no kommuner.geojson"
)

# A clockwise square (as DAGI's file winds its rings) with more decimals than kept.
SQUARE = [
    [9.912345, 57.012345],
    [9.912345, 57.112345],
    [10.012345, 57.112345],
    [10.012345, 57.012345],
    [9.912345, 57.012345],
]


def feature(code, name="Aalborg", ring=SQUARE, key="kommunekode"):
    return {
        "type": "Feature",
        "properties": {key: code, "navn": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def geojson(*features, name=None) -> bytes:
    document = {"type": "FeatureCollection", "features": list(features)}
    if name:
        document["name"] = name
    return json.dumps(document).encode()


def write(tmp_path, content: bytes, name="kommuner.geojson") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))


def test_outline_is_stored_on_the_municipality_by_its_three_digit_code(db, tmp_path):
    path = write(tmp_path, geojson(feature("0851"), name="test"))

    line = load_boundaries_from_file(path)

    boundary = Boundary.objects.get()
    assert boundary.area.code == "851"
    assert boundary.source == "kommuner.geojson (test)"
    assert line == "Kommunegrænser indlæst fra kommuner.geojson (test): 1 område."


def test_coordinates_are_rounded_and_the_exterior_ring_turned_counter_clockwise(db, tmp_path):
    load_boundaries_from_file(write(tmp_path, geojson(feature("851"))))

    ring = Boundary.objects.get().geometry["coordinates"][0]

    assert ring == [
        [9.9123, 57.0123],
        [10.0123, 57.0123],
        [10.0123, 57.1123],
        [9.9123, 57.1123],
        [9.9123, 57.0123],
    ]
    assert signed_area(ring) > 0


def test_loading_again_replaces_the_outline(db, tmp_path):
    load_boundaries_from_file(write(tmp_path, geojson(feature("851"))))
    moved = [[x + 1, y] for x, y in SQUARE]

    load_boundaries_from_file(write(tmp_path, geojson(feature("851", ring=moved))))

    assert Boundary.objects.get().geometry["coordinates"][0][0] == [10.9123, 57.0123]


def test_unknown_codes_are_all_listed_and_nothing_is_written(db, tmp_path):
    content = geojson(feature("0851"), feature("0999", "Ingensteds"), feature("123", "Andet"))

    with pytest.raises(BoundaryError) as refused:
        load_boundaries_from_file(write(tmp_path, content))

    assert str(refused.value) == "Ukendte kommunekoder: 123, 999. Intet er indlæst."
    assert Boundary.objects.count() == 0


def test_coordinates_in_utm_are_refused_with_the_feature_named(db, tmp_path):
    utm = [[550000, 6320000], [551000, 6320000], [551000, 6321000], [550000, 6320000]]
    content = geojson(feature("851"), feature("0860", "Hjørring", ring=utm))

    with pytest.raises(BoundaryError) as refused:
        load_boundaries_from_file(write(tmp_path, content))

    assert str(refused.value).startswith(
        "feature 2 (860 Hjørring): punktet [550000, 6320000] er ikke længde- og breddegrad"
    )
    assert Boundary.objects.count() == 0


def test_a_file_that_is_no_geojson_is_refused(db, tmp_path):
    with pytest.raises(BoundaryError, match="ikke en GeoJSON FeatureCollection"):
        load_boundaries_from_file(write(tmp_path, b'{"type": "Feature"}'))
    with pytest.raises(BoundaryError, match="ikke GeoJSON"):
        load_boundaries_from_file(write(tmp_path, b"<html>Fejl</html>"))


@needs_kommuner_file
def test_reference_file_outlines_every_municipality_and_christiansoe(db):
    expected = {
        f"{f['properties']['kommunekode_int']:03d}"
        for f in json.loads(KOMMUNER.read_bytes())["features"]
    }

    load_boundaries_from_file(KOMMUNER)

    stored = set(Boundary.objects.values_list("area__code", flat=True))
    assert stored == expected
    assert len(stored) == 99
    aalborg = Boundary.objects.get(area__code="851").geometry
    polygons = (
        aalborg["coordinates"] if aalborg["type"] == "MultiPolygon" else [aalborg["coordinates"]]
    )
    points = [point for polygon in polygons for ring in polygon for point in ring]
    assert all(round(value, 4) == value for point in points for value in point)


# DAWA --------------------------------------------------------------------------------------


def test_dawa_outlines_are_loaded_through_the_transport(db):
    asked = []

    def transport(url, timeout):
        asked.append((url, timeout))
        return geojson(feature("0851", key="kode"), feature("0860", "Hjørring", key="kode"))

    line = load_boundaries_from_dawa(transport=transport, timeout=5)

    assert asked == [(DAWA_URL, 5)]
    assert "format=geojson" in DAWA_URL and "srid=4326" in DAWA_URL
    assert sorted(Boundary.objects.values_list("area__code", flat=True)) == ["851", "860"]
    assert line == f"Kommunegrænser indlæst fra {boundaries.DAWA_SOURCE}: 2 områder."


def test_unreachable_dawa_is_told_in_danish_and_nothing_is_written(db):
    def transport(url, timeout):
        raise URLError("Name or service not known")

    with pytest.raises(BoundaryError) as refused:
        load_boundaries_from_dawa(transport=transport)

    assert str(refused.value).startswith(
        f"Kan ikke hente kommunegrænser fra DAWA ({DAWA_URL}): Name or service not known."
    )
    assert "kredsraad statistics boundaries FIL" in str(refused.value)
    assert Boundary.objects.count() == 0


def test_dawa_answering_with_an_error_is_told_in_danish(db):
    def transport(url, timeout):
        raise HTTPError(url, 503, "Service Unavailable", {}, io.BytesIO())

    with pytest.raises(BoundaryError, match="DAWA svarede 503"):
        load_boundaries_from_dawa(transport=transport)


def test_dawa_timing_out_is_told_in_danish(db):
    def transport(url, timeout):
        raise TimeoutError("timed out")

    with pytest.raises(BoundaryError, match=r"Kan ikke hente kommunegrænser fra DAWA .*timed out"):
        load_boundaries_from_dawa(transport=transport)


# The command -------------------------------------------------------------------------------


def test_analyst_loads_outlines_from_a_file_with_the_command(db, tmp_path):
    out = io.StringIO()

    call_command(
        "statistics", "boundaries", str(write(tmp_path, geojson(feature("851")))), stdout=out
    )

    assert out.getvalue() == "Kommunegrænser indlæst fra kommuner.geojson: 1 område.\n"
    assert Boundary.objects.count() == 1


def test_command_stops_in_danish_on_unknown_codes(db, tmp_path):
    path = write(tmp_path, geojson(feature("851"), feature("999", "Ingensteds")))

    with pytest.raises(CommandError, match=r"Ukendt kommunekode: 999\. Intet er indlæst\."):
        call_command("statistics", "boundaries", str(path))

    assert Boundary.objects.count() == 0


@needs_kommuner_file
def test_command_without_a_file_reads_the_reference_file(db):
    out = io.StringIO()

    call_command("statistics", "boundaries", stdout=out)

    assert out.getvalue().startswith("Kommunegrænser indlæst fra kommuner.geojson")
    assert Boundary.objects.count() == 99


# The demo: the file, else DAWA, else no map -------------------------------------------------------


def closed_port() -> int:
    """A localhost port nothing listens on: bound, then let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_dawa():
    """A small HTTP server on localhost answering as DAWA does, with Aalborg's outline."""

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self):
            body = geojson(feature("851", key="kode"))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/kommuner?format=geojson"
    server.shutdown()
    server.server_close()


def test_demo_without_the_file_loads_the_outlines_from_dawa(db, settings, tmp_path, local_dawa):
    settings.KREDSRAAD_DAWA_URL = local_dawa

    line = load_map(tmp_path)

    assert line == "Kommunegrænser indlæst fra DAWA, api.dataforsyningen.dk (DAGI): 1 område."
    assert Boundary.objects.get().area.code == "851"


def test_demo_goes_on_without_a_map_when_dawa_cannot_be_reached(
    db, settings, tmp_path, client, sekretariat
):
    url = f"http://127.0.0.1:{closed_port()}/kommuner"
    settings.KREDSRAAD_DAWA_URL = url
    importer.load_offence_codes([("TOT", "Overtrædelsens art i alt"), ("1", "Straffelov i alt")])
    periods = ["2023K1", "2023K2", "2024K1", "2024K2"]
    rows = [
        Row(STRAF11, code, "1", period, 10, line=n)
        for n, (code, period) in enumerate([(c, p) for c in ("851", "860") for p in periods], 2)
    ]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC),
    )

    line = load_map(tmp_path, timeout=2)
    client.force_login(sekretariat)
    response = client.get(reverse("statistics:district", args=["nordjyllands-politi"]))

    assert line.startswith(
        f"Kortet over kommunerne vises ikke: Kan ikke hente kommunegrænser fra DAWA ({url}):"
    )
    assert "\n" not in line
    assert not Boundary.objects.exists()
    page = response.context["page"]
    assert page.ready
    assert "kort" not in page.charts
    assert len(page.tables["kommuner"].rows) == 10
    assert "kredsraad statistics boundaries" in response.content.decode()


def test_demo_with_outlines_loaded_before_asks_nothing(db, settings, tmp_path, local_dawa):
    settings.KREDSRAAD_DAWA_URL = local_dawa
    load_map(tmp_path)
    settings.KREDSRAAD_DAWA_URL = f"http://127.0.0.1:{closed_port()}/kommuner"

    assert load_map(tmp_path) is None
