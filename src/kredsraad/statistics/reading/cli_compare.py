"""`kredsraad statistics compare`: an area's count in a period against another period, and
against a second area, as a Danish table or as JSON.

    kredsraad statistics compare --area politikreds:1 --offence 12 --period 2022K1-2022K3 \\
        --against 000
    kredsraad statistics compare --area 851 --offence 1320 --period 2022 --baseline 2019 \\
        --format json

The `statistics` command adds the subcommand with `add_compare_arguments` and runs it with
`run_compare`."""

import json
from collections.abc import Mapping
from typing import Any, TextIO

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from kredsraad.statistics.periods import PeriodError
from kredsraad.statistics.reading import compare as comparisons
from kredsraad.statistics.reading.compare import (
    CompareError,
    Comparison,
    format_change,
    format_number,
    format_rate,
)
from kredsraad.statistics.rows import STRAF11


def add_compare_arguments(parser) -> None:
    parser.add_argument(
        "--area",
        required=True,
        help="Områdekode fra Danmarks Statistik (000, 081, 851) eller politikreds:N.",
    )
    parser.add_argument(
        "--offence", required=True, help="Overtrædelseskode fra Danmarks Statistik (TOT, 12)."
    )
    parser.add_argument(
        "--period", required=True, help="Periode: 2022K3, 2022K1-2022K3 eller 2022."
    )
    parser.add_argument(
        "--baseline",
        help="Perioden, der sammenlignes med. Standard: samme periode året før.",
    )
    parser.add_argument("--against", help="Et område at stille ved siden af, fx 000.")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--table", default=STRAF11, help="Tabellen. Standard: STRAF11.")


def run_compare(options: Mapping[str, Any], stdout: TextIO, stderr: TextIO | None = None) -> None:
    """Write the comparison the parsed `options` ask for. Raises CommandError, in Danish, for an
    unknown area or offence, a bad period or quarters without data, and when none of the figures
    asked for is in the data (a total whose municipalities are missing); the JSON is written
    first then, with `null` for each missing figure. A figure that is "ingen data" beside others
    that are shown is explained on `stderr` (or below the table) and exits 0."""
    try:
        area = comparisons.area_by_code(options["area"])
        against = comparisons.area_by_code(options["against"]) if options.get("against") else None
        offence = comparisons.offence_by_code(options["offence"])
        result = comparisons.compare(
            area,
            offence,
            options["period"],
            options.get("baseline") or None,
            table=options.get("table") or STRAF11,
            against=against,
        )
    except (CompareError, PeriodError) as error:
        raise CommandError(str(error)) from error
    if options.get("format") == "json":
        stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(as_table(result))
    compared = [result] + ([result.against] if result.against else [])
    missing = [c.note for c in compared if c.value is None or c.baseline_value is None]
    # Nothing at all to show is a failure; one missing figure beside others is not.
    if all(c.value is None and c.baseline_value is None for c in compared):
        raise CommandError(" ".join(missing))
    if missing and options.get("format") == "json" and stderr is not None:
        stderr.write(" ".join(missing) + "\n")


def as_table(result: Comparison) -> str:
    """The comparison as aligned plain text, with the population it divides by."""
    header = [
        "Område",
        str(result.period),
        str(result.baseline),
        "Ændring",
        f"Pr. 1.000 {result.period}",
        f"Pr. 1.000 {result.baseline}",
    ]
    rows = [_row(result)] + ([_row(result.against)] if result.against else [])
    widths = [max(len(line[n]) for line in [header, *rows]) for n in range(len(header))]

    def line(cells):
        first, *rest = cells
        return "  ".join(
            [first.ljust(widths[0])]
            + [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
        ).rstrip()

    notes = [note for c in [result, result.against] if c is not None and (note := c.note)]
    lines = [
        f"{result.offence.code} {result.offence.label}, {result.table}",
        f"{result.period.label} mod {result.baseline.label}",
        "",
        line(header),
        *(line(row) for row in rows),
        "",
        f"Pr. 1.000 indbyggere: folketallet 1. januar {result.period.first.year} og "
        f"{result.baseline.first.year} (FOLK1A).",
        *notes,
    ]
    return "\n".join(lines) + "\n"


def _row(result: Comparison) -> list[str]:
    missing = result.value is None or result.baseline_value is None
    return [
        result.area.name + (" " + _("(beregnet)") if result.derived else ""),
        _count(result.value),
        _count(result.baseline_value),
        _no_data() if missing else format_change(result.change_percent),
        _no_data() if result.value is None else format_rate(result.rate),
        _no_data() if result.baseline_value is None else format_rate(result.baseline_rate),
    ]


def _count(value: int | None) -> str:
    return _no_data() if value is None else format_number(value)


def _no_data() -> str:
    return _("ingen data")
