"""The JSON API: one NinjaAPI with a router per resource, its OpenAPI document at
/api/openapi.json and a Danish docs page at /api/docs/ (api.docs_view).

Every successful GET carries a strong ETag made from the bytes sent, so If-None-Match answers
304 exactly when nothing the client would see has changed, whoever the reader is. An operation
may set an ETag of its own first (an initiative's version, which If-Match checks on writes):
the body's hash is then added to it, so the tag still changes with the body.
"""

import hashlib

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from kredsraad.api.auth import TokenRequired, token_or_anonymous

BEARER = "BearerAuth"


class _Document(OpenAPISchema):
    """The OpenAPI document, saying who may call what: a read answers anyone, with or without
    a token (`[{}, {BearerAuth: []}]`); a write requires the token (`[{BearerAuth: []}]`)."""

    def operation_security(self, operation):
        if not operation.auth_callbacks:
            return None
        self.securitySchemes[BEARER] = token_or_anonymous.openapi_security_schema
        if any(isinstance(auth, TokenRequired) for auth in operation.auth_callbacks):
            return [{BEARER: []}]
        return [{}, {BEARER: []}]


class KredsraadApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return _Document(self, path_prefix)

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        patch_vary_headers(response, ["Authorization"])
        if request.method != "GET" or response.status_code != 200:
            return response
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        own = response.get("ETag", "").strip('"')
        etag = f'"{own}.{digest}"' if own else f'"{digest}"'
        response["ETag"] = etag
        if _matches(request.headers.get("If-None-Match", ""), etag):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            patch_vary_headers(not_modified, ["Authorization"])
            return not_modified
        return response


def _matches(header: str, etag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110 § 13.1.2): W/ is ignored; * matches anything."""
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
    return "*" in tags or etag in tags


api = KredsraadApi(
    title="kredsraad API",
    version="1",
    description=(
        "Kredsråd og lokalråd: registret, samarbejdsplaner, handleplaner, indsatser, møder og "
        "kriminalitetsstatistik. Uden nøgle ses det, der er offentliggjort; med en personlig "
        "API-nøgle (Authorization: Bearer <nøgle>) ses det, brugeren selv kan se."
    ),
    urls_namespace="api",
    docs_url=None,
    auth=token_or_anonymous,
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc) or _("Findes ikke, eller du har ikke adgang.")
    return api.create_response(request, {"detail": message}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="kredsraad"'
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Only plain parts of pydantic's errors: its `ctx` may hold exception objects.
    errors = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": _message(request, error),
            "type": str(error.get("type", "")),
        }
        for error in exc.errors
    ]
    named = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors)
    detail = _("Ugyldig forespørgsel (%(errors)s).") % {"errors": named}
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _message(request: HttpRequest, error: dict) -> str:
    """Pydantic's message, but in Danish and naming the value where it is a query parameter
    that does not fit its pattern, the refusal a reader most needs explained. (Ninja drops the
    value from the error, so it is read from the query again.)"""
    loc = error.get("loc", ())
    if error.get("type") == "string_pattern_mismatch" and len(loc) == 2 and loc[0] == "query":
        return _("»%(value)s« har ikke den form, dokumentationen beskriver (%(pattern)s).") % {
            "value": request.GET.get(str(loc[1]), "")[:40],
            "pattern": error.get("ctx", {}).get("pattern", ""),
        }
    if error.get("type") == "extra_forbidden":
        return _("Feltet findes ikke i API'et.")
    return str(error.get("msg", ""))


def _register():
    from kredsraad.api.routers import (
        initiatives,
        meetings,
        plans,
        registry,
        statistics,
        strategies,
    )

    api.add_router("/", registry.router)
    api.add_router("/", plans.router)
    api.add_router("/", strategies.router)
    api.add_router("/", initiatives.router)
    api.add_router("/", meetings.router)
    api.add_router("/statistics/", statistics.router)


_register()
