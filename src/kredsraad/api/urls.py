from django.urls import include, path

# The JSON API (django-ninja, OpenAPI at /api/openapi.json) and the OParl 1.1 read API.
urlpatterns = [
    path("", include("kredsraad.api.json_urls")),
    path("", include("kredsraad.api.oparl_urls")),
]
