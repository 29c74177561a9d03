"""The areas of the statistics, made from the national registry (kredsraad.councils)."""

from django.apps import apps as installed_apps

# Areas DST publishes that are no municipality of the registry.
SPECIAL = [
    ("000", "country", "Hele landet", "All Denmark"),
    ("411", "other", "Christiansø", "Christiansø"),
    ("998", "other", "Uoplyst kommune", "Unknown municipality"),
]
BORNHOLM = 12  # Bornholms Politi in DST's classification of police districts
# English names DST uses where they differ from the Danish ones.
ENGLISH = {"101": "Copenhagen"}
# The regions in English. DST's English StatBank has also written them as in Danish ("Region
# Nordjylland"), which the Danish name already matches; other English spellings seen in exports
# are in AREA_ALIASES.
REGIONS_EN = {
    "081": "Region North Jutland",
    "082": "Region Central Jutland",
    "083": "Region of Southern Denmark",
    "084": "Capital Region of Denmark",
    "085": "Region Zealand",
}
AREA_ALIASES = {
    "000": ("Denmark", "Whole country"),
    "081": ("North Denmark Region", "Region Northern Jutland"),
    "082": ("Central Denmark Region",),
    "083": ("Region Southern Denmark", "South Denmark Region"),
    "084": ("Capital Region", "Region Capital"),
    "085": ("Zealand Region",),
    "998": ("Not stated municipality", "Municipality unknown"),
}

# English labels of the main OVERTRÆD codes, written for kredsraad from DST's English StatBank
# wording as far as we know it (not fetched; `statistics fetch` replaces them with the table's
# own English texts). The first label is stored as `Offence.label_en`; all are read in files.
OFFENCES_EN = {
    "TOT": ("Nature of the offence, total", "Total", "Type of offence, total"),
    "1": ("Criminal code, total", "Penal Code, total"),
    "1000": ("Criminal code, unspecified", "Penal code, unspecified"),
    "11": ("Sexual offences, total", "Sexual offenses, total"),
    "12": ("Crimes of violence, total", "Violent crimes, total"),
    "13": ("Offences against property, total", "Property crimes, total"),
    "14": ("Other offences, total", "Other criminal code offences, total"),
    "1252": ("Common assault",),
    "1255": ("Assault causing actual bodily harm",),
    "1258": ("Particularly aggravated assault",),
    "1316": ("Burglary - business and community", "Burglary in shops, businesses etc."),
    "1320": ("Residential burglaries", "Burglary in private homes", "Residential burglary"),
    "1332": ("Shoplifting, etc.", "Shoplifting etc."),
    "1336": ("Other kinds of theft", "Other thefts"),
    "3": ("Special acts, total", "Special legislation, total"),
    "3210": ("Euphoriants Act", "Act on euphoriant substances"),
    "3410": ("The Offensive Weapons Act", "Weapons Act"),
}


def district_code(number: int) -> str:
    """The area code of a police district: DST's classification number after "politikreds:"."""
    return f"politikreds:{number}"


def english_offence_label(code: str) -> str:
    """The English label kredsraad ships for `code`, or ""."""
    return OFFENCES_EN.get(code, ("",))[0]


def load_areas(apps=installed_apps) -> None:
    """Create or update every area; safe to run again."""
    Area = apps.get_model("statistics", "Area")
    Region = apps.get_model("councils", "Region")
    Municipality = apps.get_model("councils", "Municipality")
    PoliceDistrict = apps.get_model("councils", "PoliceDistrict")

    def put(code, kind, name, name_en, **links):
        Area.objects.update_or_create(
            code=code, defaults={"kind": kind, "name": name, "name_en": name_en, **links}
        )

    for code, kind, name, name_en in SPECIAL:
        put(code, kind, name, name_en)
    # Christiansø is no municipality of the registry, but it lies in Bornholms Politi (DST's
    # district 12), so the district's sums include it.
    Area.objects.filter(code="411").update(
        district=PoliceDistrict.objects.filter(code=BORNHOLM).first()
    )
    for region in Region.objects.all():
        code = f"{region.code % 1000:03d}"
        put(code, "region", region.name, REGIONS_EN.get(code, region.name))
    for district in PoliceDistrict.objects.all():
        put(
            district_code(district.code),
            "district",
            district.name,
            district.name,
            district=district,
        )
    for municipality in Municipality.objects.all():
        code = f"{municipality.code:03d}"
        put(
            code,
            "municipality",
            municipality.name,
            ENGLISH.get(code, municipality.name),
            municipality=municipality,
            district_id=municipality.district_id,
        )
