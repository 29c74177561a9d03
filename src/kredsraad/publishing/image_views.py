"""The bytes of an image shown in a plan's section, for the back office and the public alike.

One address per stored file, naming its hash: the file never changes, so the address can be
cached for good. The public gets the images publicity.public_section_image allows; someone with
a role in the district also those of drafts (accounts.scoping); anyone else a 404. (A signed-in
user's answers are never stored by the browser: core.middleware.NoStoreWhenSignedInMiddleware.)
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from kredsraad.images.queries import image_files_visible_to
from kredsraad.publishing import publicity

YEAR = 365 * 24 * 60 * 60


@require_safe
def image(request, pk, sha256, extension):
    public = publicity.image_files()
    files = (
        public | image_files_visible_to(request.user) if request.user.is_authenticated else public
    )
    file = files.defer(None).filter(pk=pk, sha256=sha256).first()
    if file is None or extension != file.extension:
        raise Http404
    response = HttpResponse(bytes(file.data), content_type=file.content_type)
    response["Content-Length"] = str(file.size)
    response["X-Content-Type-Options"] = "nosniff"
    # Never a page of its own: no script could run in it anyway, but nothing should frame it.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
