"""`kredsraad statistics fetch`: any table straight from Danmarks Statistik.

    kredsraad statistics fetch STRAF11 --period 2022K1-2025K4 --dry-run
    kredsraad statistics fetch STRAF11 --area politikreds:1 --offence TOT,12,1320 --since 2016K1
    kredsraad statistics fetch FOLK1A --since 2016
    kredsraad statistics fetch UHELDK1 --select INDBLAND=71,61 --select UHELD=0 --since 2016

The table's metadata (tableinfo) says which codes exist and is stored as the table's
description with the figures (`Table`, described by tableinfo, with complete code lists); every
dimension's values are fetched unless `--select` narrows them (FOLK1A: the totals); the figures come in parts under the cell limit
(KREDSRAAD_STATBANK_MAX_CELLS), with a progress bar, and are then previewed and imported as one
all-or-nothing import, like a file (`statistics import`). STRAF11's offence codes are loaded from
the same metadata first, so a fresh database can fetch; with `--dry-run` nothing is kept.

The `statistics` command adds the subcommand with `add_fetch_arguments` and runs it with
`run_fetch`, handing over its `import_parsed`."""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.formats import number_format

from kredsraad.core.progress import ProgressBar
from kredsraad.statistics.importing import importer, statbank
from kredsraad.statistics.models import Area, Dataset
from kredsraad.statistics.periods import PeriodError, parse_period
from kredsraad.statistics.rows import FOLK1A

DISTRICT_PREFIX = "politikreds:"


def add_fetch_arguments(parser) -> None:
    parser.add_argument(
        "table",
        type=table_code,
        metavar="TABEL",
        help="Tabellens navn i Statistikbanken, fx STRAF11, FOLK1A, UHELDK1 eller STRAF40.",
    )
    parser.add_argument(
        "--area",
        action="append",
        metavar="KODER",
        help="Områdekoder, adskilt af komma: 000,081,851, eller politikreds:N for kredsens "
        "kommuner. Standard: alle (*).",
    )
    parser.add_argument(
        "--offence",
        action="append",
        metavar="KODER",
        help="Overtrædelseskoder (STRAF11), adskilt af komma: TOT,12,1320. Standard: alle (*).",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="VARIABEL=KODER",
        help="Andre variablers koder, adskilt af komma: INDBLAND=71,61 eller ALDER=*. "
        "Standard: alle værdier (for FOLK1A: i alt).",
    )
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--period", help="Perioden: 2022K1-2025K4, 2022K3 eller 2022. Standard: alle kvartaler."
    )
    period.add_argument("--since", help="Fra og med et kvartal (2007K1) eller et år (2016).")
    parser.add_argument(
        "--format",
        type=str.upper,
        choices=statbank.FORMATS,
        default="BULK",
        help="Svarets format hos Danmarks Statistik. Standard: BULK.",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Vis, hvad der ville ske, uden at gemme."
    )


def run_fetch(command: BaseCommand, options: dict[str, Any], import_parsed: Callable) -> None:
    """Fetch what `options` ask for and hand it to `import_parsed` (the `statistics` command's
    preview and import). Raises CommandError, in Danish, when DST cannot be reached or says no,
    for unknown codes and periods, and when the figures cannot be imported; then nothing is
    written, offence codes included."""
    table = options["table"]
    if table == FOLK1A and options.get("offence"):
        raise CommandError(f"{FOLK1A} har ingen overtrædelser; udelad --offence.")
    first, last = _span(options)
    areas = _areas(options.get("area"))
    offences = _codes(options.get("offence"))
    others = _selected(options.get("select"))
    bank = statbank.StatBank()
    write = command.stdout.write
    try:
        info = bank.tableinfo(table)
        for option, code in (("--offence", statbank.OFFENCE), ("--area", statbank.AREA)):
            if options.get(option[2:]) and info.variable(code) is None:
                raise CommandError(
                    f"{info.table} har ingen variabel {code.upper()}; udelad {option}."
                )
        chosen = statbank.selection(
            info, areas=areas, offences=offences, first=first, last=last, others=others
        )
        parts = statbank.chunks(chosen, time=info.time.code, limit=bank.max_cells)
        write(f"{info.table}: {info.text} (opdateret {info.updated or 'ukendt'}).")
        write(
            f"Henter {_n(statbank.cells(chosen))} celler i {_n(len(parts))} "
            f"{'del' if len(parts) == 1 else 'dele'} ({options['format']}) fra {bank.host}."
        )
        with ProgressBar(len(parts), "Henter", stream=command.stderr) as bar:
            fetched = statbank.fetch(
                bank,
                info,
                chosen,
                labels=statbank.labels_for(info, importer.labels()),
                format=options["format"],
                progress=lambda done, total: bar.advance(done - bar.done),
            )
    except statbank.StatbankError as error:
        raise CommandError(str(error)) from error
    dry_run = options["dry_run"]
    english = _english_labels(bank, info, write) if not fetched.parsed.problems else {}
    # The codes and the figures are kept together or not at all.
    with transaction.atomic():
        if info.variable(statbank.OFFENCE) is not None:
            loaded = importer.load_offence_codes(statbank.codes_of(info), english=english)
            write(
                f"Overtrædelseskoder fra {info.table}: {loaded.created} nye, "
                f"{loaded.updated} ændrede, {loaded.unchanged} uændrede."
            )
        import_parsed(
            command,
            fetched.parsed,
            dry_run=dry_run,
            source=Dataset.Source.STATBANK_API,
            file_name=fetched.file_name,
            sha256=fetched.sha256,
            fetched_at=fetched.fetched_at,
        )
        if dry_run:
            transaction.set_rollback(True)


def _english_labels(bank: statbank.StatBank, info: statbank.TableInfo, write) -> dict[str, str]:
    """The offences' English texts from the table's English metadata, so English StatBank
    exports can be read later. Without them the import goes on with the English labels
    kredsraad ships for the main codes."""
    if info.variable(statbank.OFFENCE) is None:
        return {}
    try:
        english = bank.tableinfo(info.table, lang="en")
    except statbank.StatbankError as error:
        write(f"Engelske betegnelser kunne ikke hentes ({error}); de medfølgende bruges.")
        return {}
    return dict(statbank.codes_of(english))


def table_code(text: str) -> str:
    """A StatBank table's name, as DST writes it (upper case): "uheldk1" is UHELDK1."""
    code = text.strip().upper()
    if not code.isalnum() or len(code) > 40:
        raise CommandError(f"»{text}« er ikke navnet på en tabel i Statistikbanken, fx UHELDK1.")
    return code


def _selected(given: list[str] | None) -> dict[str, list[str]]:
    """--select INDBLAND=71,61 as {"INDBLAND": ["71", "61"]}."""
    chosen: dict[str, list[str]] = {}
    for text in given or []:
        name, equals, codes = text.partition("=")
        if not equals or not name.strip() or not codes.strip():
            raise CommandError(
                f"--select »{text}« skal skrives som VARIABEL=KODER, fx INDBLAND=71,61."
            )
        chosen.setdefault(name.strip().upper(), []).extend(_codes([codes]))
    return chosen


def _span(options) -> tuple:
    try:
        if options.get("period"):
            period = parse_period(options["period"])
            return period.first, period.last
        if options.get("since"):
            return parse_period(options["since"]).first, None
    except PeriodError as error:
        raise CommandError(str(error)) from error
    return None, None


def _codes(given: list[str] | None) -> list[str]:
    codes = [code.strip() for text in given or [] for code in text.split(",") if code.strip()]
    return [code.upper() if code.casefold() == "tot" else code for code in codes] or ["*"]


def _areas(given: list[str] | None) -> list[str]:
    """The area codes, a police district (politikreds:N) replaced by its areas."""
    codes = []
    for code in _codes(given):
        if code.isdigit() and len(code) < 3:
            code = code.zfill(3)  # "81" is DST's 081
        elif code.isdigit() and len(code) == 4 and code.startswith("0"):
            code = code[1:]  # "0851", as some registers write it, is 851
        if not code.casefold().startswith(DISTRICT_PREFIX):
            codes.append(code)
            continue
        number = code[len(DISTRICT_PREFIX) :].strip()
        # "politikreds:01" is politikreds:1, as `compare` reads it.
        wanted = f"{DISTRICT_PREFIX}{int(number)}" if number.isdigit() else code.casefold()
        district = Area.objects.filter(code=wanted, kind=Area.Kind.DISTRICT).first()
        if district is None:
            known = ", ".join(
                Area.objects.filter(kind=Area.Kind.DISTRICT).values_list("code", flat=True)[:3]
            )
            raise CommandError(
                f"Ukendt politikreds »{code}«. Skriv den som fx {known or 'politikreds:1'}."
            )
        codes += (
            Area.objects.filter(district_id=district.district_id)
            .exclude(kind=Area.Kind.DISTRICT)
            .order_by("code")
            .values_list("code", flat=True)
        )
    return codes


def _n(number: int) -> str:
    return number_format(number, force_grouping=True)
