"""Work done in the background by `kredsraad db_worker` (django-tasks, database backend)."""

from django_tasks import task

from kredsraad.publishing import build


@task()
def build_documents(build_id: int) -> None:
    """Build and store a requested document's PDF and Word files (publishing.build.run_build).
    The build records how it went; an unexpected error is also kept with the task's result."""
    build.run_build(build_id)
