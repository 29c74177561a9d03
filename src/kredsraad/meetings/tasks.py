"""Work done in the background by `kredsraad db_worker` (django-tasks, database backend)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_reminder(recipient: str, subject: str, body: str) -> None:
    """Send one reminder e-mail (meetings.reminders queues it once per key and recipient). A
    failure is kept with the task's result in the database; the reminder is not tried again."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
