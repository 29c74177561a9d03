from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built concurrently: on a national installation the table holds millions of cells, and
    # imports should not wait for the index.
    atomic = False

    dependencies = [
        ("statistics", "0008_importjob_rows"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="observation",
            index=models.Index(fields=["table", "year", "quarter"], name="observation_newest"),
        ),
    ]
