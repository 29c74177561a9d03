"""Denmark's regions, police districts and municipalities, and the councils every installation has.

The facts follow Danmarks Statistik's classifications: the five regions, the twelve politikredse
(codes 1-12) and the 98 municipalities with the district and region each belongs to. Christiansø
(411) is left out: the state runs it, it is no municipality and has no lokalråd. The facts live
here as plain tuples, so the data migration needs nothing outside the repository.
"""

from django.apps import apps as installed_apps

# (regionskode, name)
REGIONS = (
    (1081, "Region Nordjylland"),
    (1082, "Region Midtjylland"),
    (1083, "Region Syddanmark"),
    (1084, "Region Hovedstaden"),
    (1085, "Region Sjælland"),
)

# (Danmarks Statistik's code, official name, slug). Slugs spell æ, ø, å as ae, oe, aa.
POLICE_DISTRICTS = (
    (1, "Nordjyllands Politi", "nordjyllands-politi"),
    (2, "Østjyllands Politi", "oestjyllands-politi"),
    (3, "Midt- og Vestjyllands Politi", "midt-og-vestjyllands-politi"),
    (4, "Sydøstjyllands Politi", "sydoestjyllands-politi"),
    (5, "Syd- og Sønderjyllands Politi", "syd-og-soenderjyllands-politi"),
    (6, "Fyns Politi", "fyns-politi"),
    (7, "Sydsjællands og Lolland-Falsters Politi", "sydsjaellands-og-lolland-falsters-politi"),
    (8, "Midt- og Vestsjællands Politi", "midt-og-vestsjaellands-politi"),
    (9, "Nordsjællands Politi", "nordsjaellands-politi"),
    (10, "Københavns Vestegns Politi", "koebenhavns-vestegns-politi"),
    (11, "Københavns Politi", "koebenhavns-politi"),
    (12, "Bornholms Politi", "bornholms-politi"),
)

# (kommunekode, Danmarks Statistik's name, police district code, region code)
MUNICIPALITIES = (
    (101, "København", 11, 1084),
    (147, "Frederiksberg", 11, 1084),
    (151, "Ballerup", 10, 1084),
    (153, "Brøndby", 10, 1084),
    (155, "Dragør", 11, 1084),
    (157, "Gentofte", 9, 1084),
    (159, "Gladsaxe", 10, 1084),
    (161, "Glostrup", 10, 1084),
    (163, "Herlev", 10, 1084),
    (165, "Albertslund", 10, 1084),
    (167, "Hvidovre", 10, 1084),
    (169, "Høje-Taastrup", 10, 1084),
    (173, "Lyngby-Taarbæk", 9, 1084),
    (175, "Rødovre", 10, 1084),
    (183, "Ishøj", 10, 1084),
    (185, "Tårnby", 11, 1084),
    (187, "Vallensbæk", 10, 1084),
    (190, "Furesø", 9, 1084),
    (201, "Allerød", 9, 1084),
    (210, "Fredensborg", 9, 1084),
    (217, "Helsingør", 9, 1084),
    (219, "Hillerød", 9, 1084),
    (223, "Hørsholm", 9, 1084),
    (230, "Rudersdal", 9, 1084),
    (240, "Egedal", 9, 1084),
    (250, "Frederikssund", 9, 1084),
    (253, "Greve", 8, 1085),
    (259, "Køge", 8, 1085),
    (260, "Halsnæs", 9, 1084),
    (265, "Roskilde", 8, 1085),
    (269, "Solrød", 8, 1085),
    (270, "Gribskov", 9, 1084),
    (306, "Odsherred", 8, 1085),
    (316, "Holbæk", 8, 1085),
    (320, "Faxe", 7, 1085),
    (326, "Kalundborg", 8, 1085),
    (329, "Ringsted", 8, 1085),
    (330, "Slagelse", 7, 1085),
    (336, "Stevns", 8, 1085),
    (340, "Sorø", 7, 1085),
    (350, "Lejre", 8, 1085),
    (360, "Lolland", 7, 1085),
    (370, "Næstved", 7, 1085),
    (376, "Guldborgsund", 7, 1085),
    (390, "Vordingborg", 7, 1085),
    (400, "Bornholm", 12, 1084),
    (410, "Middelfart", 6, 1083),
    (420, "Assens", 6, 1083),
    (430, "Faaborg-Midtfyn", 6, 1083),
    (440, "Kerteminde", 6, 1083),
    (450, "Nyborg", 6, 1083),
    (461, "Odense", 6, 1083),
    (479, "Svendborg", 6, 1083),
    (480, "Nordfyns", 6, 1083),
    (482, "Langeland", 6, 1083),
    (492, "Ærø", 6, 1083),
    (510, "Haderslev", 5, 1083),
    (530, "Billund", 4, 1083),
    (540, "Sønderborg", 5, 1083),
    (550, "Tønder", 5, 1083),
    (561, "Esbjerg", 5, 1083),
    (563, "Fanø", 5, 1083),
    (573, "Varde", 5, 1083),
    (575, "Vejen", 5, 1083),
    (580, "Aabenraa", 5, 1083),
    (607, "Fredericia", 4, 1083),
    (615, "Horsens", 4, 1082),
    (621, "Kolding", 4, 1083),
    (630, "Vejle", 4, 1083),
    (657, "Herning", 3, 1082),
    (661, "Holstebro", 3, 1082),
    (665, "Lemvig", 3, 1082),
    (671, "Struer", 3, 1082),
    (706, "Syddjurs", 2, 1082),
    (707, "Norddjurs", 2, 1082),
    (710, "Favrskov", 2, 1082),
    (727, "Odder", 2, 1082),
    (730, "Randers", 2, 1082),
    (740, "Silkeborg", 3, 1082),
    (741, "Samsø", 2, 1082),
    (746, "Skanderborg", 4, 1082),
    (751, "Aarhus", 2, 1082),
    (756, "Ikast-Brande", 3, 1082),
    (760, "Ringkøbing-Skjern", 3, 1082),
    (766, "Hedensted", 4, 1082),
    (773, "Morsø", 3, 1081),
    (779, "Skive", 3, 1082),
    (787, "Thisted", 3, 1081),
    (791, "Viborg", 3, 1082),
    (810, "Brønderslev", 1, 1081),
    (813, "Frederikshavn", 1, 1081),
    (820, "Vesthimmerlands", 1, 1081),
    (825, "Læsø", 1, 1081),
    (840, "Rebild", 1, 1081),
    (846, "Mariagerfjord", 1, 1081),
    (849, "Jammerbugt", 1, 1081),
    (851, "Aalborg", 1, 1081),
    (860, "Hjørring", 1, 1081),
)


# The two municipalities whose official name is not "<name> Kommune".
OFFICIAL_NAMES = {
    101: "Københavns Kommune",
    400: "Bornholms Regionskommune",
}


def municipality_title(code: int, name: str) -> str:
    """The municipality's official name: "Læsø Kommune", "Københavns Kommune"."""
    return OFFICIAL_NAMES.get(code, f"{name} Kommune")


def district_council_name(district_name: str) -> str:
    return f"Kredsrådet for {district_name}"


def local_council_name(code: int, name: str) -> str:
    return f"Lokalrådet i {municipality_title(code, name)}"


def ensure(model, lookup: dict, values: dict | None = None, *, initial: dict | None = None):
    """The row matching `lookup`, created with `values` and `initial` if missing.

    An existing row gets `values` (not `initial`, which users may since have edited) and one
    more `version`, but only if something differs: a second run writes nothing and leaves no
    history. Works with historical models too. Returns (row, created_or_changed).
    """
    values = values or {}
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        return model._default_manager.create(**lookup, **values, **(initial or {})), True
    changed = {name: value for name, value in values.items() if _differs(row, name, value)}
    if not changed:
        return row, False
    for name, value in changed.items():
        setattr(row, name, value)
    if hasattr(row, "version"):
        row.version += 1
    row.save()
    return row, True


def _differs(row, name: str, value) -> bool:
    # Compare foreign keys by id so that no related row is fetched.
    field = row._meta.get_field(name)
    if field.is_relation and name == field.attname:  # given as an id ("district_id")
        return getattr(row, name) != value
    if field.is_relation:
        return getattr(row, field.attname) != (value.pk if value is not None else None)
    return getattr(row, name) != value


def load_registry(apps=installed_apps) -> None:
    """Create or correct the regions, districts and municipalities, and give every district its
    kredsråd and every municipality its lokalråd. Safe to run again.

    `apps` is the migration's app registry (historical models) or, by default, the live one.
    Council names are set only when a council is created; users may rename councils.
    """
    Region = apps.get_model("councils", "Region")
    PoliceDistrict = apps.get_model("councils", "PoliceDistrict")
    Municipality = apps.get_model("councils", "Municipality")
    Council = apps.get_model("councils", "Council")

    regions = {code: ensure(Region, {"code": code}, {"name": name})[0] for code, name in REGIONS}
    districts = {}
    for code, name, slug in POLICE_DISTRICTS:
        districts[code], _ = ensure(PoliceDistrict, {"code": code}, {"name": name, "slug": slug})
        ensure(
            Council,
            {"kind": "district", "district": districts[code]},
            initial={"name": district_council_name(name)},
        )
    for code, name, district_code, region_code in MUNICIPALITIES:
        district = districts[district_code]
        municipality, _ = ensure(
            Municipality,
            {"code": code},
            {"name": name, "district": district, "region": regions[region_code]},
        )
        ensure(
            Council,
            {"municipality": municipality},
            {"kind": "local", "district": district},
            initial={"name": local_council_name(code, name)},
        )
