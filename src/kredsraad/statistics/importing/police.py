"""The police's own export: each district's mapping of the police's categories to offence codes,
and reading an export with it.

A mapping is written as lines "kategori;kode" ("Vold mod person;1252"), pasted on the web or
loaded from a file by `kredsraad statistics police-mapping`. A list is checked whole and saved
all or nothing: one bad line, and nothing changes. Categories are matched as the export's reader
matches them, without regard to case and repeated spaces, so "Vold  mod person" is the same
category as "vold mod person".

An export is read with the district's mapping (`formats.read_police`) and may hold the district's
own municipalities only: another district's figures, a region or the whole country is refused.
Its figures go to the table "police" (`formats.POLICE`), apart from Danmarks Statistik's
STRAF11, and the importer adds them up to the district as it does for STRAF11."""

import csv
import datetime
import io
from dataclasses import dataclass

import pghistory
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from kredsraad.core.actors import attributed
from kredsraad.core.history import event_models_tracking
from kredsraad.core.history_sources import source_of
from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.importing import formats, importer
from kredsraad.statistics.models import Area, Offence, PoliceCategoryMapping
from kredsraad.statistics.rows import Parsed, Problem

CATEGORY_MAX = PoliceCategoryMapping._meta.get_field("category").max_length
LINE_MAX = 1_000  # a category and a code; far below the csv module's own field limit
HEADER = {"kategori", "category", "politiets kategori"}


class MappingRefused(Exception):
    """The mapping text has problems, so nothing was saved. `problems` lists every one."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            _("Listen har %(count)d fejl, så intet er gemt.") % {"count": len(problems)}
        )
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    line: int
    category: str
    code: str


@dataclass(frozen=True)
class MappingSaved:
    created: int
    updated: int
    unchanged: int
    removed: int


def key(category: str) -> str:
    """A category as the export's reader compares it."""
    return " ".join(category.split()).casefold()


# The mapping ------------------------------------------------------------------------------------


def read_mapping(text: str) -> list[Entry]:
    """The entries of a mapping text, one "kategori;kode" a line (a tab also separates; a first
    line "kategori;kode" is a header; blank lines are passed over). Raises MappingRefused listing
    every bad line: no separator, an empty category or code, a category too long, an unknown
    offence code, a category twice with different codes. The same line twice is harmless."""
    known = set(Offence.objects.values_list("code", flat=True))
    entries: dict[str, Entry] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        if len(raw) > LINE_MAX:
            problems.append(
                Problem(
                    number,
                    "",
                    raw.strip()[:80],
                    _(
                        "Linje %(line)d er længere end %(max)d tegn; en linje er en kategori og "
                        "en kode."
                    )
                    % {"line": number, "max": LINE_MAX},
                )
            )
            continue
        fields = next(csv.reader(io.StringIO(raw), delimiter=";" if ";" in raw else "\t"))
        if number == 1 and key(fields[0]) in HEADER:
            continue
        if len(fields) != 2:
            problems.append(
                Problem(
                    number,
                    "",
                    raw.strip(),
                    _(
                        "Linje %(line)d skal have en kategori og en kode adskilt af semikolon, "
                        "fx »Vold mod person;1252«, men lyder »%(text)s«."
                    )
                    % {"line": number, "text": raw.strip()},
                )
            )
            continue
        category = " ".join(fields[0].split())
        code = fields[1].strip()
        code = "TOT" if code.casefold() == "tot" else code
        where = {"line": number, "category": category, "code": code, "max": CATEGORY_MAX}
        if not category:
            problems.append(
                Problem(number, _("kategori"), "", _("Linje %(line)d har ingen kategori.") % where)
            )
        elif len(category) > CATEGORY_MAX:
            problems.append(
                Problem(
                    number,
                    _("kategori"),
                    category,
                    _("Linje %(line)d: kategorien er længere end %(max)d tegn.") % where,
                )
            )
        if not code:
            problems.append(
                Problem(
                    number,
                    _("kode"),
                    "",
                    _("Linje %(line)d: »%(category)s« har ingen overtrædelseskode.") % where,
                )
            )
        elif code not in known:
            problems.append(
                Problem(
                    number,
                    _("kode"),
                    code,
                    _(
                        "Linje %(line)d: ukendt overtrædelseskode »%(code)s«. Brug Danmarks "
                        "Statistiks koder, fx 1252 (simpel vold) eller 1320 (indbrud i beboelser)."
                    )
                    % where,
                )
            )
        if not category or not code:
            continue
        earlier = entries.get(key(category))
        if earlier is None:
            entries[key(category)] = Entry(number, category, code)
        elif earlier.code != code:
            problems.append(
                Problem(
                    number,
                    _("kategori"),
                    category,
                    _(
                        "Linje %(line)d: kategorien »%(category)s« står også i linje %(earlier)d, "
                        "men med koden %(earlier_code)s i stedet for %(code)s."
                    )
                    % (where | {"earlier": earlier.line, "earlier_code": earlier.code}),
                )
            )
    if problems:
        raise MappingRefused(problems)
    return list(entries.values())


@attributed
def save_mapping(
    district: PoliceDistrict, entries: list[Entry], *, replace: bool = False, by
) -> MappingSaved:
    """Add the entries to the district's mapping, or change the code of a category it has (its
    spelling follows the entry). With `replace`, categories not among the entries are removed.
    One transaction: all or nothing. The history names `by` (None: a command without a user)."""
    offences = dict(
        Offence.objects.filter(code__in={e.code for e in entries}).values_list("code", "pk")
    )
    created = updated = unchanged = removed = 0
    with transaction.atomic():
        existing = {
            key(m.category): m
            for m in PoliceCategoryMapping.objects.select_for_update().filter(district=district)
        }
        for entry in entries:
            mapping = existing.pop(key(entry.category), None)
            offence = offences[entry.code]
            if mapping is None:
                PoliceCategoryMapping.objects.create(
                    district=district, category=entry.category, offence_id=offence
                )
                created += 1
            elif (mapping.category, mapping.offence_id) == (entry.category, offence):
                unchanged += 1
            else:
                mapping.category, mapping.offence_id = entry.category, offence
                mapping.save(update_fields=["category", "offence"])
                updated += 1
        if replace and existing:
            for mapping in sorted(existing.values(), key=lambda m: key(m.category)):
                _remove(mapping)
            removed = len(existing)
    return MappingSaved(created, updated, unchanged, removed)


@attributed
def remove_mapping(mapping: PoliceCategoryMapping, *, by) -> None:
    """Forget one category: an export that still holds it is refused until it is mapped again."""
    with transaction.atomic():
        _remove(mapping)


def _remove(mapping: PoliceCategoryMapping) -> None:
    # The model's history has no delete trigger: the removal is written as an event of its own,
    # with the row as it was, so the mapping page can say who removed which category.
    pghistory.create_event(mapping, label="removed")
    mapping.delete()


# The mapping's history ------------------------------------------------------------------------------

HISTORY_SHOWN = 50


@dataclass(frozen=True)
class MappingChange:
    at: datetime.datetime
    user: object | None  # None: a command without a user, or the demo
    source: str  # what it was part of, in Danish (core.history_sources), or ""
    text: str  # the change as a Danish sentence


def mapping_history(district: PoliceDistrict) -> list[MappingChange]:
    """The district's mapping changes, newest first (at most HISTORY_SHOWN): each category added,
    given another code, spelled otherwise or removed, with who did it and when. Three queries
    whatever the number of changes: the events, their offences and their users."""
    (event_model,) = event_models_tracking(PoliceCategoryMapping)
    events = list(
        event_model.objects.filter(district_id=district.pk)
        .select_related("pgh_context")
        .order_by("pgh_created_at", "pgh_id")
    )
    offences = {
        o.pk: f"{o.code} {o.label}"
        for o in Offence.objects.filter(pk__in={event.offence_id for event in events})
    }
    users = get_user_model().objects.in_bulk(
        {event.pgh_context.metadata.get("user") for event in events if event.pgh_context} - {None}
    )
    changes, previous = [], {}
    for event in events:
        before = previous.get(event.pgh_obj_id)
        previous[event.pgh_obj_id] = event
        text = _describe(event, before, offences)
        if not text:
            continue
        metadata = event.pgh_context.metadata if event.pgh_context else {}
        changes.append(
            MappingChange(
                at=event.pgh_created_at,
                user=users.get(metadata.get("user")),
                source=source_of(url=metadata.get("url"), command=metadata.get("command")),
                text=text,
            )
        )
    return changes[::-1][:HISTORY_SHOWN]


def _describe(event, before, offences: dict) -> str:
    where = {
        "category": event.category,
        "code": offences.get(event.offence_id, event.offence_id),
    }
    if event.pgh_label == "removed":
        return _("»%(category)s« fjernet (talt som %(code)s).") % where
    if event.pgh_label == "insert" or before is None:
        return _("»%(category)s« tilføjet og tælles som %(code)s.") % where
    sentences = []
    if before.category != event.category:
        sentences.append(
            _("»%(old)s« staves nu »%(category)s«.") % (where | {"old": before.category})
        )
    if before.offence_id != event.offence_id:
        old = offences.get(before.offence_id, before.offence_id)
        sentences.append(
            _("»%(category)s« tælles nu som %(code)s i stedet for %(old)s.")
            % (where | {"old": old})
        )
    return " ".join(sentences)


def mapping_of(district: PoliceDistrict) -> dict[str, str]:
    """Category → offence code, as `formats.read_police` takes it."""
    return dict(
        PoliceCategoryMapping.objects.filter(district=district).values_list(
            "category", "offence__code"
        )
    )


def as_text(district: PoliceDistrict) -> str:
    """The district's mapping as "kategori;kode" lines, ready to edit and save again."""
    return as_lines(
        PoliceCategoryMapping.objects.filter(district=district)
        .order_by("category")
        .values_list("category", "offence__code")
    )


def as_lines(pairs) -> str:
    """(category, code) pairs as the lines `read_mapping` reads, under a header."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["kategori", "kode"])
    writer.writerows(pairs)
    return out.getvalue()


# The export -------------------------------------------------------------------------------------


def read_export(district: PoliceDistrict, name: str, content: bytes) -> Parsed:
    """The rows of a police export with the district's mapping, or its problems (then no rows):
    those of the reader (every unmapped category among them) and every area that is no
    municipality of the district, named with its first line."""
    parsed = formats.read_police(
        name, content, mapping=mapping_of(district), areas=importer.labels()
    )
    if parsed.problems:
        return parsed
    own = set(
        Area.objects.filter(district=district)
        .exclude(kind=Area.Kind.DISTRICT)
        .values_list("code", flat=True)
    )
    names = dict(Area.objects.values_list("code", "name"))
    outside: dict[str, int] = {}
    for row in parsed.rows:
        if row.area not in own:
            outside[row.area] = min(row.line, outside.get(row.area, row.line))
    for code, line in sorted(outside.items(), key=lambda found: found[1]):
        area = f"{names[code]} ({code})" if code in names else code
        parsed.problems.append(
            Problem(
                line,
                _("kommune"),
                code,
                _(
                    "%(area)s (første gang i linje %(line)d) er ikke en kommune i %(district)s. "
                    "Politiets eksport må kun have kredsens egne kommuner."
                )
                % {"area": area, "line": line, "district": district.name},
            )
        )
    if parsed.problems:
        parsed.rows = []
    return parsed


def unmapped(problems, district: PoliceDistrict) -> list[str]:
    """The categories among an export's problems that the district's mapping lacks, in the order
    of the file."""
    mapped = {key(category) for category in mapping_of(district)}
    found = []
    for problem in problems:
        if (
            key(problem.column) in formats.POLICE_COLUMNS["category"]
            and problem.value
            and key(problem.value) not in mapped
            and problem.value not in found
        ):
            found.append(problem.value)
    return found
