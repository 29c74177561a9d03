"""One click publishes the documents too: publishing a plan on its page queues the build of its
PDF and Word, which the worker (here django-tasks' immediate backend) stores at once."""

from django.urls import reverse

from kredsraad.publishing.models import DocumentBuild, PublishedDocument
from tests.confirming import confirm


def test_publishing_a_plan_on_its_page_builds_its_pdf_and_word(
    client, sekretariat, plan_2023, django_capture_on_commit_callbacks
):
    client.force_login(sekretariat)
    confirm(client, reverse("plans:plan_send", args=[plan_2023.pk]))
    confirm(
        client,
        reverse("plans:plan_approve", args=[plan_2023.pk]),
        {"approved_on": "2022-12-06", "reference": "Møde 4. kvartal 2022, punkt 3"},
    )

    # The build is handed to the worker when the publication commits.
    with django_capture_on_commit_callbacks(execute=True):
        published = confirm(client, reverse("plans:plan_publish", args=[plan_2023.pk]))
    response = client.get(published["Location"])

    version = plan_2023.versions.get()
    documents = PublishedDocument.objects.filter(plan_version=version, variant="public")
    assert sorted(documents.values_list("format", flat=True)) == ["docx", "pdf"]
    assert DocumentBuild.objects.get(plan_version=version).status == DocumentBuild.Status.DONE
    assert "PDF og Word bygges nu i baggrunden." in response.content.decode()


def test_a_refused_build_never_stops_the_publication(client, sekretariat, plan_2023, monkeypatch):
    from kredsraad.publishing import build

    def refuse(*args, **kwargs):
        raise build.BuildRefused("ikke klar")

    monkeypatch.setattr(build, "queue_build", refuse)
    client.force_login(sekretariat)
    confirm(client, reverse("plans:plan_send", args=[plan_2023.pk]))
    confirm(
        client,
        reverse("plans:plan_approve", args=[plan_2023.pk]),
        {"approved_on": "2022-12-06", "reference": "Møde 4. kvartal 2022, punkt 3"},
    )

    confirm(client, reverse("plans:plan_publish", args=[plan_2023.pk]))

    plan_2023.refresh_from_db()
    assert plan_2023.status == "published"
    assert not PublishedDocument.objects.exists()
