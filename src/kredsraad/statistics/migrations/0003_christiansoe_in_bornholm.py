"""Christiansø (411) belongs to Bornholms Politi, so the district's sums include it."""

from django.db import migrations

from kredsraad.statistics.registry import load_areas


def forwards(apps, schema_editor):
    load_areas(apps)


class Migration(migrations.Migration):
    dependencies = [("statistics", "0002_areas")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
