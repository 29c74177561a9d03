from django.urls import path

from kredsraad.api import docs_view, token_views
from kredsraad.api.json_api import api

# The JSON API under /api/ (OpenAPI at /api/openapi.json), its Danish docs page, and the
# personal tokens in the user's account pages.
urlpatterns = [
    path("api/docs/", docs_view.docs, name="api_docs"),
    path("api/", api.urls),
    path("konto/api-noegler/", token_views.tokens, name="api_tokens"),
]
