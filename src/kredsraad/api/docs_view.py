"""The API's docs page, drawn on the server from the same OpenAPI document that clients read,
so it cannot drift from it. (Ninja's own Swagger page loads scripts from a CDN and runs inline
script, which the site's Content-Security-Policy refuses.)"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from kredsraad.api.json_api import api

METHODS = ("get", "post", "put", "patch", "delete")
STATUS_TEXT = {
    "200": _("OK"),
    "201": _("Oprettet"),
    "304": _("Uændret siden din ETag (If-None-Match)"),
    "400": _("Kroppen kan ikke læses som JSON"),
    "401": _("Nøglen mangler, er forkert eller tilbagekaldt"),
    "403": _("Du kan se posten, men ikke gøre dette"),
    "404": _("Findes ikke, eller du har ikke adgang"),
    "412": _("Posten er ændret siden din If-Match"),
    "422": _("Ugyldige parametre eller data"),
    "428": _("If-Match mangler"),
}


def _type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(part) for part in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    if kind == "array":
        return f"{_type(schema.get('items', {}))}[]"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def _limits(schema: dict) -> str:
    parts = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", _("højst tegn:"))):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    if "pattern" in schema:
        parts.append(schema["pattern"])
    if "default" in schema and schema["default"] is not None:
        parts.append(_("standard %(value)s") % {"value": schema["default"]})
    return ", ".join(parts)


def operations(document: dict) -> list[dict]:
    """Every path and method with its parameters, body and response codes, in document order."""
    found = []
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                {
                    "anchor": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    # Reads list the empty alternative `{}`: they answer without a token.
                    "needs_token": {} not in operation.get("security", [{}]),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _type(p.get("schema", {})),
                            "limits": _limits(p.get("schema", {})),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _type(body["schema"]) if body else "",
                    "responses": [
                        {
                            "code": code,
                            "text": STATUS_TEXT.get(code, response.get("description", "")),
                            "schema": _type(
                                response.get("content", {})
                                .get("application/json", {})
                                .get("schema", {})
                            ),
                        }
                        for code, response in sorted(operation["responses"].items())
                    ],
                }
            )
    return found


def docs(request):
    document = api.get_openapi_schema(path_prefix="/api")
    schemas = document.get("components", {}).get("schemas", {})
    return render(
        request,
        "api/docs.html",
        {
            "info": document["info"],
            "operations": operations(document),
            "schemas": [
                {
                    "name": name,
                    "fields": [
                        {
                            "name": field,
                            "type": _type(spec),
                            "required": field in schema.get("required", []),
                            "description": spec.get("description", ""),
                        }
                        for field, spec in schema.get("properties", {}).items()
                    ],
                }
                for name, schema in sorted(schemas.items())
            ],
        },
    )
