"""`kredsraad send-reminders`: queue the reminder e-mails that are due and not yet sent.

    kredsraad send-reminders              # once, as cron or a systemd timer runs it
    kredsraad send-reminders --dry-run    # show what would go, record and queue nothing
    kredsraad send-reminders --every 300  # again and again, beside the worker (make run)

The e-mails themselves are sent by `kredsraad db_worker`. Which reminders are due, and why each
goes only once, is described in kredsraad.meetings.reminders.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kredsraad.meetings import reminders


class Command(BaseCommand):
    help = (
        "Sætter de påmindelser i kø, der er aktuelle og ikke sendt før: møder, frister, "
        "manglende statusopdateringer og referater, der venter på godkendelse."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vis, hvad der ville blive sendt, uden at gemme eller sætte noget i kø.",
        )
        parser.add_argument(
            "--every",
            type=int,
            metavar="SEKUNDER",
            help="Gentag med så mange sekunders mellemrum, til processen stoppes (til udvikling).",
        )

    def handle(self, *args, dry_run, every, **options):
        while True:
            self._run(dry_run=dry_run, quiet_when_none=bool(every))
            if not every:
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return
            close_old_connections()  # one kept through the pause may have gone stale

    def _run(self, *, dry_run: bool, quiet_when_none: bool) -> None:
        if dry_run:
            pending = reminders.unsent(reminders.due_reminders())
            for reminder in pending:
                self.stdout.write(f"Ville sende til {reminder.recipient}: {reminder.subject}")
            self.stdout.write(
                f"Prøvekørsel: {len(pending)} påmindelse(r) ville blive sendt. Intet er gemt."
            )
            return
        queued = reminders.queue_due_reminders()
        for reminder in queued:
            self.stdout.write(f"Sendes til {reminder.recipient}: {reminder.subject}")
        if queued or not quiet_when_none:
            self.stdout.write(self.style.SUCCESS(f"{len(queued)} påmindelse(r) sat i kø."))
