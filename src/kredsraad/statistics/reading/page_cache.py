"""The statistics pages' figures, kept once computed until the data under them changes.

A district's statistics page, its table pages and their downloads are the same for everyone who
may see the district (Danmarks Statistik's figures, or the district's own police figures, shown
in full to its members): what they show depends only on the district, the choices in the query,
the language and the stored statistics. So the view checks who may see the district first (out
of scope is still a 404, before the cache is asked), then looks the figures up under a key made
of exactly those, and computes and renders them only when the key is new.

The stored statistics enter the key as `data_token()`: one query reading the newest import
(every import that writes anything keeps a Dataset, a new one with a new id), the tables'
descriptions, the boundaries, and a digest of the offence codes' and areas' names. Any change
to those gives a new key on every app server at once, with no message between them: the next
request computes afresh and the old entries fall out of the per-process cache unread. The
timeout only bounds memory; it never decides freshness. The token is read before the figures,
so an import committing in between can only put newer figures under the older key (which no
request asks for once the import is visible), never older figures under the newer one."""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

KEPT = 60 * 60  # seconds; a key that is still asked for is computed again after that

DATA_TOKEN = """
    SELECT (SELECT max(id) FROM statistics_dataset),
           (SELECT max(updated_at) FROM statistics_table),
           (SELECT count(*) FROM statistics_boundary),
           (SELECT max(loaded_at) FROM statistics_boundary),
           (SELECT md5(string_agg(concat_ws('|', id, code, label, label_en, parent_id), ','
                                  ORDER BY id)) FROM statistics_offence),
           (SELECT md5(string_agg(concat_ws('|', id, code, name, kind, district_id), ','
                                  ORDER BY id)) FROM statistics_area)
"""


def data_token() -> str:
    """Changes whenever anything a statistics page reads changes (see the module). One query."""
    with connection.cursor() as cursor:
        cursor.execute(DATA_TOKEN)
        return "|".join(str(part) for part in cursor.fetchone())


def page_key(kind: str, district_pk: int, query, *, only: Iterable[str] | None = None) -> str:
    """The cache key of one page's figures: `kind` ("district", "download:kommuner.csv" …), the
    district, the query's choices (only the names in `only`, when given, so that an unrelated
    parameter does not make a new entry), the language and the data token."""
    names = sorted(set(query.keys()) if only is None else set(only))
    choices = [(name, query.getlist(name)) for name in names if name in query]
    parts = (get_language(), choices, data_token())
    # Hashed: the names' digests alone are longer than a cache key may portably be.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"statistics-page:{kind}:{district_pk}:{digest}"


def kept(key: str, compute: Callable[[], object]):
    """The value kept under `key`, computed (and kept) when there is none. A value of None is
    not kept: it means "nothing to keep" (an error answer the caller makes every time)."""
    found = cache.get(key)
    if found is None:
        found = compute()
        if found is not None:
            cache.set(key, found, KEPT)
    return found
