"""A large import never keeps the statistics pages waiting: while an import of all of the
reference STRAF11 holds its transaction open after writing every cell, the district's statistics
page, loaded through another connection that gives up on any lock after two seconds, answers
with the figures from before the import."""

import threading
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kredsraad.councils.registry import load_registry
from kredsraad.statistics.importing import formats, importer
from kredsraad.statistics.models import Dataset, Observation
from kredsraad.statistics.registry import load_areas
from kredsraad.statistics.tables import load_known_tables

DST = Path(__file__).resolve().parents[3] / "shared" / "data" / "dst"
STRAF11_FILE = DST / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
CODES_FILE = DST / "straf11_offence_codes_2022.csv"
WAIT = 300  # seconds: only a broken import or page gets near this on a loaded machine


@pytest.fixture(autouse=True)
def _registry(transactional_db):
    """This test commits for real, so the database is emptied after it: the registry, areas and
    table descriptions the migrations loaded are put back first."""
    load_registry()
    load_areas()
    load_known_tables()


def parsed_straf11(*, plus: int = 0):
    parsed = formats.read(STRAF11_FILE.name, STRAF11_FILE.read_bytes(), labels=importer.labels())
    parsed.rows = [
        type(row)(row.table, row.area, row.offence, row.period, row.value + plus, line=row.line)
        for row in parsed.rows
    ]
    return parsed


def apply(parsed, **kwargs) -> Dataset:
    return importer.apply(parsed, source=Dataset.Source.FILE, fetched_at=timezone.now(), **kwargs)


def aalborg_violence() -> int:
    return Observation.objects.get(area__code="851", offence__code="12", period="2022K2").value


@pytest.mark.skipif(not STRAF11_FILE.is_file(), reason="../shared/data is missing")
@pytest.mark.django_db(transaction=True)
def test_statistics_page_answers_while_a_large_import_holds_its_transaction(client, analytiker):
    importer.load_offence_codes(importer.read_offence_codes(CODES_FILE.read_bytes()))
    apply(parsed_straf11())
    before = aalborg_violence()
    revised = parsed_straf11(plus=1)  # every cell changes: 33,920 updated rows
    written, release = threading.Event(), threading.Event()
    failures = []

    def hold(done: int, total: int) -> None:
        if done == total * 3 // 4:  # every cell is written; the district sums come next
            written.set()
            release.wait(WAIT)

    def run_import() -> None:
        try:
            apply(revised, progress=hold)
        except Exception as error:  # reported by the test below, not lost in the thread
            failures.append(error)
            written.set()
        finally:
            connection.close()

    importing = threading.Thread(target=run_import)
    importing.start()
    try:
        assert written.wait(WAIT)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        client.force_login(analytiker)

        response = client.get(reverse("statistics:district", args=["nordjyllands-politi"]))
        during = aalborg_violence()
    finally:
        release.set()
        importing.join(WAIT)

    assert failures == []
    assert response.status_code == 200
    assert during == before
    assert aalborg_violence() == before + 1
