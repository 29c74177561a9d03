"""`kredsraad search reindex-papers`: read the text of papers added before text was extracted.

    kredsraad search reindex-papers          # papers without text
    kredsraad search reindex-papers --all    # every paper again (after a better extractor)

The search columns themselves need no reindexing: PostgreSQL generates them on every write.
Only a paper's text comes from outside the database row (its file), so it is the one thing to
read again. A file that cannot be read keeps empty text.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kredsraad.core.progress import ProgressBar
from kredsraad.meetings.models import Paper, PaperContent
from kredsraad.search.extract import paper_text

BATCH = 50


class Command(BaseCommand):
    help = "Søgeindeksets vedligehold: »reindex-papers« læser teksten i bilag på ny."

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["reindex-papers"], help="Hvad der skal gøres.")
        parser.add_argument(
            "--all",
            dest="every",
            action="store_true",
            help="Læs alle bilag igen, også dem der allerede har tekst.",
        )

    def handle(self, *args, task, every, **options):
        if task != "reindex-papers":  # argparse refuses others; kept for clarity
            raise CommandError(f"Ukendt opgave: {task}")
        papers = Paper.objects.order_by("pk")
        if not every:
            papers = papers.filter(text="")
        ids = list(papers.values_list("pk", flat=True))
        found = 0
        with ProgressBar(len(ids), "Bilag", stream=self.stderr) as bar:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                contents = PaperContent.objects.filter(paper__in=batch).select_related("paper")
                with transaction.atomic():
                    for content in contents:
                        text = paper_text(content.paper.type, bytes(content.data))
                        if text:
                            found += 1
                        Paper.objects.filter(pk=content.paper_id).update(text=text)
                bar.advance(len(batch))
        self.stdout.write(f"{len(ids)} bilag læst, {found} med tekst.")
