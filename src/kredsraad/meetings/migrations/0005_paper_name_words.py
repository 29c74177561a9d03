# A paper's file name is searched by its words: "scannet-referat.pdf" is found by "referat".
# PostgreSQL cannot change a generated column's expression, so the column is made anew.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import kredsraad.search.vectors
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0004_search_vector_and_paper_text'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='paper', name='paper_fts'),
        migrations.RemoveField(model_name='paper', name='search_vector'),
        migrations.AddField(
            model_name='paper',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(kredsraad.search.vectors.FileName('name'), config='danish', weight='A'), '||', django.contrib.postgres.search.SearchVector('text', config='danish', weight='B'), django.contrib.postgres.search.SearchConfig('danish')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='paper',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='paper_fts'),
        ),
    ]
