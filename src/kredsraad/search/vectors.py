"""The search index's column: a stored, generated tsvector on each searchable model.

PostgreSQL computes the column from the row's own text on every insert and update, in the same
statement, so the index is current the moment a write commits (no job, no signal, no second
table to keep in step). The Danish text-search configuration stems words, so »indbrud« finds
»indbruddene«. Weights rank a hit in a title (A) above one in a body (B) or a detail (C).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Value

CONFIG = "danish"
COLUMN = "search_vector"


def vector(*parts: tuple):
    """The expression for the fields in `parts`, each (field name or expression, weight)."""
    expression = None
    for field, weight in parts:
        part = SearchVector(field, config=CONFIG, weight=weight)
        expression = part if expression is None else expression + part
    return expression


def search_vector_field(*parts: tuple) -> models.GeneratedField:
    """A stored generated column over `parts`; give it a GIN index in the model's Meta."""
    return models.GeneratedField(
        expression=vector(*parts),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


class FileName(Func):
    """A file name with its separators as spaces: the parser reads »scannet-referat.pdf« as one
    file-name token, so neither »scannet« nor »referat« would find it."""

    function = "translate"
    output_field = models.TextField()

    def __init__(self, field: str):
        super().__init__(F(field), Value("-_."), Value("   "))


class JsonStrings(Func):
    """Every string value in a frozen JSON document (a published version's content), stemmed.
    jsonb_to_tsvector with a constant configuration is immutable, so it may feed a generated
    column."""

    template = "setweight(jsonb_to_tsvector('danish'::regconfig, %(expressions)s, '[\"string\"]'::jsonb), 'B')"
    output_field = SearchVectorField()


class JsonTitle(Func):
    """The document's own title (content->>'title'), weighted as a title."""

    template = "setweight(to_tsvector('danish'::regconfig, COALESCE((%(expressions)s ->> 'title'), '')), 'A')"
    output_field = SearchVectorField()


class Concat(Func):
    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = SearchVectorField()


def json_search_vector_field(field: str = "content") -> models.GeneratedField:
    """A stored generated column over a frozen JSON document: its title (A), all its text (B)."""
    return models.GeneratedField(
        expression=Concat(JsonTitle(F(field)), JsonStrings(F(field))),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


def gin(model_name: str) -> GinIndex:
    """The GIN index that makes a match on the column fast."""
    return GinIndex(fields=[COLUMN], name=f"{model_name}_fts")
