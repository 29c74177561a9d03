"""Work done in the background by `kredsraad db_worker` (django-tasks, database backend)."""

from django_tasks import task

from kredsraad.statistics.importing import uploads


@task()
def import_statistics(job_id: int) -> None:
    """Import an uploaded statistics file that the analytiker previewed and started
    (statistics.uploads.run_import). The job records how it went; an unexpected error is also
    kept with the task's result."""
    uploads.run_import(job_id)
