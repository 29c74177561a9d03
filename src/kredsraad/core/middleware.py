from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the user chose English with the header's language button (a cookie).

    A browser's Accept-Language is ignored: officials on English-language machines still work
    in Danish, and the documents they produce are Danish.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RefuseNulMiddleware:
    """Refuses a request whose path or any parameter holds a NUL character, before any view.

    PostgreSQL refuses NUL in text, so such a value reaching a query or a save was a 500 on
    whichever view first used it. No real input holds one. Pages answer 400 with a short Danish
    page; the JSON API and OParl answer 422 in their own error shape, since that is what they
    declare for a parameter they cannot use.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _nul_in(request)
        if where is None:
            return self.get_response(request)
        if len(where) == 2:
            message = _("Feltet »%(name)s« indeholder et ugyldigt tegn (NUL).") % {"name": where[1]}
        elif where == ("path",):
            message = _("Adressen indeholder et ugyldigt tegn (NUL).")
        else:
            message = _("Forespørgslen indeholder et ugyldigt tegn (NUL).")
        if request.path_info.startswith("/api/"):
            errors = [{"loc": list(where), "msg": message, "type": "nul_character"}]
            return JsonResponse({"detail": message, "errors": errors}, status=422)
        if request.path_info.startswith("/oparl/"):
            response = JsonResponse(
                {"error": message}, status=422, json_dumps_params={"ensure_ascii": False}
            )
            response["Access-Control-Allow-Origin"] = "*"
            return response
        return render(request, "400.html", {"message": message}, status=400)


def _nul_in(request) -> tuple[str, ...] | None:
    """Where the first NUL is, as the API names places: ("path",), ("query", name),
    ("body", name); None when there is none."""
    if NUL in request.path_info:
        return ("path",)
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return ("query", name)
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in FORM_TYPES:
        for name, values in request.POST.lists():
            if NUL in name or any(NUL in value for value in values):
                return ("body", name)
        for name, upload in request.FILES.items():
            if NUL in (upload.name or ""):
                return ("body", name)
    if content_type.endswith("json") and b"\\u0000" in request.body:
        return ("body",)
    return None


NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NoStoreWhenSignedInMiddleware:
    """Tells browsers and proxies not to keep any answer given to a signed-in user (a session or
    an API token), so a shared computer's cache or back button cannot show it to the next person.

    Anonymous pages are left as they are: the public site stays cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = _signed_in(request)
        response = self.get_response(request)
        # The view may have signed the user in (the login form) or out.
        if signed_in or _signed_in(request):
            add_never_cache_headers(response)
        return response


def _signed_in(request) -> bool:
    return "Authorization" in request.headers or request.user.is_authenticated
