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


def district_code(number: int) -> str:
    """The area code of a police district: DST's classification number after "politikreds:"."""
    return f"politikreds:{number}"


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
        put(f"{region.code % 1000:03d}", "region", region.name, region.name)
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
