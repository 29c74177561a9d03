"""The documents: download of a published file, and the builds that make them."""

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from kredsraad.publishing.models import DocumentContent
from kredsraad.publishing.queries import documents_visible_to


@require_safe
def document(request, uuid):
    """The stored bytes, exactly as published; the ETag is their SHA-256, so a cache keeps them
    for good. Anything the visitor may not see is a 404."""
    doc = get_object_or_404(documents_visible_to(request.user), uuid=uuid)
    etag = f'"{doc.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    stored = get_object_or_404(DocumentContent, document=doc)
    response = HttpResponse(bytes(stored.data), content_type=doc.content_type)
    response["Content-Disposition"] = content_disposition_header(False, doc.file_name)
    response["Content-Length"] = str(doc.size)
    response["ETag"] = etag
    response["Cache-Control"] = (
        "private, max-age=3600" if doc.variant != "public" else "max-age=3600"
    )
    return response
