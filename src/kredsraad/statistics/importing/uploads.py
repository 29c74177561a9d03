"""Statistics files uploaded on the web, from preview to import.

1. `preview_upload` reads the file and previews it while the analytiker waits (a parse and a
   staged comparison: well under a second for all of the reference STRAF11). The upload becomes
   an ImportJob holding the file, its preview or its problems. A refused file keeps no content:
   it can never be imported.
2. `start_import` claims a previewed job once (previewed → queued) and queues the task.
3. `run_import`, the task's body, applies the rows the preview read (kept compressed on the job,
   `pack`), so the file is not read twice; a police export is read again only when its
   district's category mapping changed since the preview. `importer.apply` stages the rows once
   and previews them inside its transaction: if that preview differs from the one the analytiker
   saw (someone imported meanwhile, or the mapping changed), nothing is written: the job shows
   the new preview and waits for a new "Indlæs". Otherwise it writes them, all or nothing, while
   its progress goes to the job through a connection of its own, so the page that polls sees it
   before the import's transaction commits.
"""

import hashlib
import json
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

import pghistory
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics import tables
from kredsraad.statistics.importing import formats, importer, police
from kredsraad.statistics.models import (
    Area,
    Dataset,
    ImportJob,
    Offence,
    PoliceCategoryMapping,
)
from kredsraad.statistics.rows import Parsed, Problem, Row

logger = logging.getLogger(__name__)

PROBLEMS_KEPT = 100  # the first problems are kept and shown; the rest are counted
COMPARED = ("rows_read", "new", "changed", "unchanged")


def preview_upload(
    district: PoliceDistrict, *, kind: str, name: str, content: bytes, table: str | None, by
) -> ImportJob:
    """Read and preview an uploaded file and record it as an ImportJob of the district: previewed
    (with what importing it would do) or refused (with its problems). Nothing else is written."""
    parsed = read_file(kind, district, name, content, table)
    checked = None if parsed.problems else importer.preview(parsed)
    problems = parsed.problems or checked.problems
    job = ImportJob(
        kind=kind,
        district=district,
        table=parsed.table,
        file_name=name[:255],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=by,
    )
    if problems:
        _refuse(job, problems, parsed=parsed, district=district)
        job.content = b""
    else:
        job.status = ImportJob.Status.PREVIEWED
        job.preview = summary(checked, parsed) | {"mapping": mapping_of(kind, district)}
        job.notes = checked.notes
        job.content = content
        job.rows = pack(parsed)
        job.total = len(parsed.rows)
    job.save()
    return job


def read_file(
    kind: str, district: PoliceDistrict, name: str, content: bytes, table: str | None = None
) -> Parsed:
    if kind == ImportJob.Kind.POLICE:
        return police.read_export(district, name, content)
    return formats.read(name, content, labels=importer.labels(), table=table or None)


def start_import(job: ImportJob) -> bool:
    """Queue the import of a previewed job. False when it is not (or no longer) previewed: a job
    is imported once, and two clicks queue it once."""
    from kredsraad.statistics.importing.tasks import (
        import_statistics,  # the task module imports this one
    )

    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED).update(
        status=ImportJob.Status.QUEUED, done=0, error=""
    )
    if claimed:
        # After the commit, so that the worker (and the progress connection) finds the job.
        transaction.on_commit(lambda: import_statistics.enqueue(job.pk))
    return bool(claimed)


def run_import(job_id: int, *, progress: Callable[[int, int], None] | None = None) -> None:
    """Import a queued job (see the module). Sets the job's status to done (with its dataset),
    refused (with the problems found now), previewed again (with a new preview, when it changed),
    or failed (with the error, which is raised again for the task's own record). `progress` is
    told of the progress too (the shell's progress bar)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    if not claimed:
        return  # already run, or never queued
    job = ImportJob.objects.select_related("district", "created_by").get(pk=job_id)
    try:
        _import(job, progress)
    except importer.ImportRefused as refused:
        _refuse(job, refused.problems)
        _finish(job)
    except Exception as error:
        job.status = ImportJob.Status.FAILED
        job.error = _(
            "Indlæsningen stoppede med en uventet fejl (%(error)s), og intet er indlæst. Prøv "
            "igen, eller kontakt en administrator."
        ) % {"error": type(error).__name__}
        _finish(job)
        raise


def _import(job: ImportJob, also: Callable[[int, int], None] | None = None) -> None:
    parsed = _parsed(job)
    if parsed.problems:
        raise importer.ImportRefused(parsed.problems)
    fresh = {}

    def unchanged(checked: importer.Preview) -> bool:
        fresh.update(summary(checked, parsed))
        return all(fresh[name] == job.preview.get(name) for name in COMPARED)

    source = Dataset.Source.POLICE if job.kind == ImportJob.Kind.POLICE else Dataset.Source.FILE
    try:
        with pghistory.context(import_job=job.pk), progress_of(job, also) as progress:
            dataset = importer.apply(
                parsed,
                source=source,
                file_name=job.file_name,
                sha256=job.sha256,
                fetched_at=job.created_at,  # the upload: the nearest we know to when it was fetched
                by=job.created_by,
                progress=progress,
                expect=unchanged,
            )
    except importer.Changed as changed:
        job.status = ImportJob.Status.PREVIEWED
        job.preview = fresh | {"stale": True, "mapping": mapping_of(job.kind, job.district)}
        job.notes = changed.preview.notes
        job.rows = pack(parsed)
        _finish(job, finished=False)
        return
    job.dataset = dataset if dataset.pk else None  # None: nothing changed, no dataset recorded
    job.status = ImportJob.Status.DONE
    job.done = job.total = len(parsed.rows)
    job.rows = b""  # applied: the file itself stays
    _finish(job)


def _parsed(job: ImportJob) -> Parsed:
    """The rows the preview read, or, for a police export whose district's mapping changed since
    (or a job from before rows were kept), the file read again."""
    if job.rows and job.preview.get("mapping") == mapping_of(job.kind, job.district):
        return unpack(bytes(job.rows))
    return read_file(job.kind, job.district, job.file_name, bytes(job.content), job.table)


def mapping_of(kind: str, district: PoliceDistrict | None) -> str:
    """A fingerprint of the category mapping a police export was read with ("" for DST)."""
    if kind != ImportJob.Kind.POLICE:
        return ""
    pairs = PoliceCategoryMapping.objects.filter(district=district).order_by("category")
    text = json.dumps(list(pairs.values_list("category", "offence_id")))
    return hashlib.sha256(text.encode()).hexdigest()


ROW_FIELDS = ("line", "area", "offence", "period", "value", "age", "sex", "key")


def pack(parsed: Parsed) -> bytes:
    """The parsed rows as compressed JSON (a few bytes a row: all of STRAF11 is a few MB)."""
    document = {
        "table": parsed.table,
        "format": parsed.format,
        "notes": parsed.notes,
        "description": parsed.description,
        "rows": [[getattr(row, name) for name in ROW_FIELDS] for row in parsed.rows],
    }
    return zlib.compress(json.dumps(document, separators=(",", ":")).encode(), 6)


def unpack(packed: bytes) -> Parsed:
    document = json.loads(zlib.decompress(packed))
    table = document["table"]
    rows = [
        Row(table, area, offence, period, value, age=age, sex=sex, key=key, line=line)
        for line, area, offence, period, value, age, sex, key in document["rows"]
    ]
    return Parsed(
        table=table,
        format=document["format"],
        rows=rows,
        notes=document["notes"],
        description=document["description"],
    )


def _finish(job: ImportJob, *, finished: bool = True) -> None:
    job.finished_at = timezone.now() if finished else None
    job.save(
        update_fields=[
            "rows",
            "status",
            "preview",
            "problems",
            "notes",
            "error",
            "dataset",
            "done",
            "total",
            "finished_at",
        ]
    )


@contextmanager
def progress_of(
    job: ImportJob, also: Callable[[int, int], None] | None = None
) -> Iterator[Callable[[int, int], None]]:
    """A progress callback for `importer.apply` that writes the job's done and total through a
    database connection of its own. apply writes in one transaction: progress saved through the
    same connection would stay invisible to the polling page until the import had committed.
    Progress is for show, so a write that fails (or waits over two seconds for a lock) is
    logged and skipped, never the import's end."""
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    table = ImportJob._meta.db_table

    def write(done: int, total: int) -> None:
        if also is not None:
            also(done, total)
        try:
            with own.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
                cursor.execute(
                    f"UPDATE {table} SET done = %s, total = %s WHERE id = %s",
                    [done, total, job.pk],
                )
        except DatabaseError:
            logger.warning("Could not write the progress of import job %s", job.pk, exc_info=True)

    try:
        yield write
    finally:
        own.close()


def summary(checked: importer.Preview, parsed: Parsed) -> dict:
    """What a job page shows of a preview, as JSON."""
    area_names = dict(Area.objects.filter(code__in=checked.areas).values_list("code", "name"))
    offence_labels = dict(
        Offence.objects.filter(code__in=checked.offences).values_list("code", "label")
    )
    periods = checked.periods
    return {
        "table": checked.table,
        "format": parsed.format,
        "rows_read": checked.rows_read,
        "missing": checked.missing,
        "ignored": checked.ignored,
        "new": checked.new,
        "changed": checked.changed,
        "unchanged": checked.unchanged,
        "areas": [[code, area_names.get(code, "")] for code in checked.areas],
        "offences": [[code, offence_labels.get(code, "")] for code in checked.offences],
        "periods": {
            "first": periods[0] if periods else "",
            "last": periods[-1] if periods else "",
            "count": len(periods),
        },
        "examples": [asdict(change) for change in checked.examples],
        "dimensions": tables.dimensions_found(parsed),  # the table's others, with their values
    }


def _refuse(
    job: ImportJob, problems: list[Problem], *, parsed: Parsed | None = None, district=None
) -> None:
    job.status = ImportJob.Status.REFUSED
    job.rows = b""  # a refused job is never imported
    job.problems = [asdict(problem) for problem in problems[:PROBLEMS_KEPT]]
    job.preview = {"problem_count": len(problems)}
    if parsed is not None:
        job.preview["format"] = parsed.format
        job.notes = parsed.notes
    if job.kind == ImportJob.Kind.POLICE:
        job.preview["unmapped"] = police.unmapped(problems, district or job.district)
