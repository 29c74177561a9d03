"""The tables kredsraad knows before any import: their dimensions and code lists, as Danmarks
Statistik's tableinfo gives them. `statistics fetch` replaces a description with the table's own
tableinfo; a table that is neither here nor fetched is described by the header of the first file
imported into it (`Table.DescribedBy.FILE`).

Each dimension other than OMRÅDE and TID is written as in `Table.dimensions`. OVERTRÆD's code
list is the `Offence` table, so it carries no values here."""

from django.apps import apps as installed_apps

from kredsraad.statistics.rows import FOLK1A, POLICE, STRAF11

UHELDK1 = "UHELDK1"
STRAF40 = "STRAF40"

# The dimension codes whose values an Observation keeps in a column of its own.
ROLES = {"OVERTRÆD": "offence", "ALDER": "age", "KØN": "sex"}
AREA = "OMRÅDE"
TIME = "TID"


def _values(*pairs: tuple[str, str]) -> list[dict]:
    return [{"code": code, "label": label} for code, label in pairs]


def _offence(label: str = "Overtrædelsens art") -> dict:
    return {"code": "OVERTRÆD", "label": label, "role": "offence", "complete": True}


KNOWN: dict[str, dict] = {
    STRAF11: {
        "title": "Anmeldte forbrydelser efter område, overtrædelsens art og tid",
        "frequency": "quarter",
        "has_area": True,
        "small_counts": "shown",
        "dimensions": [_offence()],
    },
    FOLK1A: {
        "title": "Befolkningen den 1. i kvartalet efter område, køn, alder og civilstand",
        "frequency": "quarter",
        "has_area": True,
        "small_counts": "shown",
        "dimensions": [],
    },
    UHELDK1: {
        "title": (
            "Tilskadekomne og dræbte i færdselsuheld efter område, personskade, indblandede "
            "transportmidler, alder, køn og tid"
        ),
        "frequency": "year",
        "has_area": True,
        "small_counts": "shown",
        "dimensions": [
            {
                "code": "UHELD",
                "label": "Personskade",
                "role": "key",
                "complete": True,
                "values": _values(
                    ("0", "Personskade i alt"),
                    ("1", "Dræbte"),
                    ("2", "Alvorligt tilskadekomne"),
                    ("3", "Lettere tilskadekomne"),
                ),
            },
            {
                "code": "INDBLAND",
                "label": "Indblandede transportmidler",
                "role": "key",
                "complete": True,
                "values": _values(
                    ("11", "Almindelig personbil"),
                    ("12", "Taxi"),
                    ("13", "Køretøj 0-3.500 kg under udrykning"),
                    ("21", "Varebil 0-3.500 kg."),
                    ("31", "Lastbil over 3.500 kg."),
                    ("33", "Bus"),
                    ("41", "Motorcykel"),
                    ("45", "Knallert 45"),
                    ("50", "Knallert"),
                    ("61", "Cykel"),
                    ("71", "Fodgænger"),
                    ("99", "Andre"),
                ),
            },
            {
                "code": "ALDER",
                "label": "Alder",
                "role": "age",
                "complete": True,
                "values": _values(
                    ("9917", "0-17 år"),
                    ("1824", "18-24 år"),
                    ("2544", "25-44 år"),
                    ("4564", "45-64 år"),
                    ("6599", "65 år og derover"),
                    ("9999", "Uoplyst alder"),
                ),
            },
            {
                "code": "KØN",
                "label": "Køn",
                "role": "sex",
                "complete": True,
                "values": _values(("1", "Mænd"), ("2", "Kvinder"), ("9", "Uoplyst køn")),
            },
        ],
    },
    STRAF40: {
        "title": (
            "Strafferetlige afgørelser efter overtrædelsens art, afgørelsestype, alder, køn og tid"
        ),
        "frequency": "year",
        "has_area": False,
        "small_counts": "shown",
        "dimensions": [
            _offence(),
            {
                # Only the totals and main types are described here; the full list of decision
                # types comes with `statistics fetch STRAF40`, and a file may add to it.
                "code": "AFGØRELSE",
                "label": "Afgørelsestype",
                "role": "key",
                "complete": False,
                "values": _values(("000", "Afgørelsestype i alt")),
            },
            {
                "code": "ALDER",
                "label": "Alder",
                "role": "age",
                "complete": True,
                "values": _values(
                    ("TOT", "Alder i alt"),
                    ("UA", "Uoplyst alder"),
                    *((str(age), f"{age} år") for age in range(15, 25)),
                    ("25-29", "25-29 år"),
                    ("30-39", "30-39 år"),
                    ("40-49", "40-49 år"),
                    ("50-59", "50-59 år"),
                    ("60-69", "60-69 år"),
                    ("70-79", "70-79 år"),
                    ("80-", "80 år og derover"),
                ),
            },
            {
                "code": "KØN",
                "label": "Køn",
                "role": "sex",
                "complete": True,
                "values": _values(
                    ("TOT", "I alt"),
                    ("M", "Mænd"),
                    ("K", "Kvinder"),
                    ("VIRKSOMHEDER", "Virksomheder"),
                ),
            },
        ],
    },
    POLICE: {
        "title": "Politiets egne tal efter område, overtrædelsens art og tid",
        "frequency": "quarter",
        "has_area": True,
        # The police's figures are not public: where a district publishes them, small counts
        # are hidden.
        "small_counts": "hidden",
        "dimensions": [_offence("Politiets kategori (som overtrædelse)")],
    },
}


def load_known_tables(apps=installed_apps) -> None:
    """Describe every known table that has no description yet; safe to run again, and never
    overwrites a description fetched from tableinfo or a decision made in the admin."""
    Table = apps.get_model("statistics", "Table")
    for code, description in KNOWN.items():
        Table.objects.get_or_create(
            code=code, defaults={**description, "described_by": "kredsraad"}
        )


DESCRIPTION_FIELDS = ("code", "title", "frequency", "has_area", "dimensions", "described_by")


def role_of(dimension: str) -> str:
    """Where an observation keeps a dimension's code: "offence", "age", "sex" or "key"."""
    return ROLES.get(dimension, "key")


def described() -> dict[str, dict]:
    """Every stored table's description by code, as the file readers take it (`Labels.tables`):
    one query, so reading a file asks the database nothing more."""
    Table = installed_apps.get_model("statistics", "Table")
    return {row["code"]: row for row in Table.objects.values(*DESCRIPTION_FIELDS, "unit")}


def built_in() -> dict[str, dict]:
    """`KNOWN` in the shape of `described`, for readers given no descriptions (tests, tools)."""
    return {
        code: {**description, "code": code, "described_by": "kredsraad"}
        for code, description in KNOWN.items()
    }


def dimensions_found(parsed) -> list[dict]:
    """The dimensions other than OMRÅDE, TID and OVERTRÆD with the codes a file's rows hold,
    labelled by the table's description, in its order: what an import's preview shows.
    ``[{"code": "INDBLAND", "label": "Indblandede transportmidler", "values": [["71",
    "Fodgænger"], …]}]``; empty for STRAF11 and FOLK1A."""
    cells = {(row.age, row.sex, row.key) for row in parsed.rows}
    if cells <= {("", "", "")}:
        return []
    description = parsed.description
    if description is None:
        Table = installed_apps.get_model("statistics", "Table")
        description = Table.objects.filter(code=parsed.table).values("dimensions").first()
    entries = (description or {}).get("dimensions") or []
    by_role = {entry.get("role"): entry["code"] for entry in entries}
    seen: dict[str, set[str]] = {}
    for age, sex, key in cells:
        if age:
            seen.setdefault(by_role.get("age", "ALDER"), set()).add(age)
        if sex:
            seen.setdefault(by_role.get("sex", "KØN"), set()).add(sex)
        for part in key.split(";") if key else ():
            code, _equals, value = part.partition("=")
            seen.setdefault(code, set()).add(value)
    found = []
    known = {entry["code"]: entry for entry in entries}
    for code in [*known, *sorted(set(seen) - set(known))]:
        if code not in seen:
            continue
        entry = known.get(code, {})
        labels = {value["code"]: value["label"] for value in entry.get("values", [])}
        ordered = [c for c in labels if c in seen[code]] + sorted(seen[code] - set(labels))
        found.append(
            {
                "code": code,
                "label": entry.get("label", code),
                "values": [[value, labels.get(value, "")] for value in ordered],
            }
        )
    return found
