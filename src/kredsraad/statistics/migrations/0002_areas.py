"""The statistics' areas, from the registry: Hele landet, the five regions, the 98
municipalities, Christiansø, Uoplyst kommune and the 12 police districts (DST publishes no
district figures; the importer sums their municipalities)."""

from django.db import migrations

from kredsraad.statistics.registry import load_areas


def forwards(apps, schema_editor):
    load_areas(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0001_initial"),
        ("councils", "0003_council_meeting_rules"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
