"""`kredsraad documents build`: builds and stores, prints each file's SHA-256, the seconds
with --timing, and refuses unknown ids without building anything."""

import io
import re
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from kredsraad.publishing import build as building
from kredsraad.publishing.models import PublishedDocument


def _fake(document):
    return document.title.encode()


@pytest.fixture(autouse=True)
def fast_renderers():
    with mock.patch.object(building, "RENDERERS", {"pdf": _fake, "docx": _fake}):
        yield


def test_build_plan_prints_the_files_sha256_and_timing(published_2023):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "documents", "build", "plan", str(published_2023.pk), "--timing", stdout=out, stderr=err
    )

    documents = PublishedDocument.objects.order_by("format")
    assert [d.format for d in documents] == ["docx", "pdf"]
    for document in documents:
        assert document.sha256 in out.getvalue()
    assert re.search(r"timing plan \d+: \d+\.\d{3} s", out.getvalue())
    # The PDF's time apart from the Word file's, for make bench.
    assert re.search(r"^timing plan \d+ pdf: \d+\.\d{3} s$", out.getvalue(), re.MULTILINE)
    assert re.search(r"^timing plan \d+ docx: \d+\.\d{3} s$", out.getvalue(), re.MULTILINE)
    assert "2/2 (100%)" in err.getvalue()


def test_unknown_id_builds_nothing(published_2023):
    with pytest.raises(CommandError, match="Der er ingen samarbejdsplan med id 999999"):
        call_command("documents", "build", "plan", str(published_2023.pk), "999999")

    assert PublishedDocument.objects.count() == 0


def test_status_report_needs_slug_and_year(nordjylland):
    with pytest.raises(CommandError, match="SLUG:ÅR"):
        call_command("documents", "build", "status-report", nordjylland.slug)


def test_failed_build_says_why_and_stores_nothing(published_2023):
    err = io.StringIO()

    with (
        mock.patch.object(building, "RENDERERS", {"pdf": _broken, "docx": _broken}),
        pytest.raises(CommandError, match="Bygningen fejlede"),
    ):
        call_command("documents", "build", "plan", str(published_2023.pk), stderr=err)

    assert "papiret er væk" in err.getvalue()
    assert PublishedDocument.objects.count() == 0


def _broken(document):
    raise RuntimeError("papiret er væk")
