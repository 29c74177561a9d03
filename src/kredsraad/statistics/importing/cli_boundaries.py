"""`kredsraad statistics boundaries [FIL]`: the municipalities' outlines for the statistics map.

    kredsraad statistics boundaries                      # ../shared/data/geo/kommuner.geojson, else DAWA
    kredsraad statistics boundaries kommuner.geojson
    kredsraad statistics boundaries --dawa

All or nothing: with one unknown municipality code nothing is written, and every one is listed.
The `statistics` command adds the subcommand with `add_boundaries_arguments` and runs it with
`run_boundaries`."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import CommandError

from kredsraad.statistics.importing.boundaries import (
    BoundaryError,
    load_boundaries_from_dawa,
    load_boundaries_from_file,
)


def default_file() -> Path:
    """The reference data's outlines beside the checkout: ../shared/data/geo/kommuner.geojson."""
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "geo" / "kommuner.geojson"


def add_boundaries_arguments(parser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        nargs="?",
        metavar="FIL",
        help="GeoJSON med én feature pr. kommune (»kommunekode« eller »kode« og en Polygon i "
        "WGS 84). Standard: ../shared/data/geo/kommuner.geojson, hvis den findes, ellers DAWA.",
    )
    parser.add_argument(
        "--dawa",
        action="store_true",
        help="Hent grænserne fra DAWA (api.dataforsyningen.dk) i stedet for fra en fil.",
    )


def run_boundaries(options: Mapping[str, Any], stdout: TextIO) -> None:
    """Load the outlines the parsed `options` name. Raises CommandError, in Danish."""
    path = options.get("file")
    if path is not None and options.get("dawa"):
        raise CommandError("Angiv enten en fil eller --dawa, ikke begge.")
    if path is None and not options.get("dawa") and default_file().is_file():
        path = default_file()
    try:
        line = load_boundaries_from_dawa() if path is None else load_boundaries_from_file(path)
    except BoundaryError as error:
        raise CommandError(str(error)) from error
    stdout.write(line + "\n")
