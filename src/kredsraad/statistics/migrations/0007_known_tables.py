from django.db import migrations


def describe(apps, schema_editor):
    from kredsraad.statistics.tables import load_known_tables

    load_known_tables(apps)


class Migration(migrations.Migration):
    dependencies = [("statistics", "0006_any_table")]

    operations = [migrations.RunPython(describe, migrations.RunPython.noop)]
