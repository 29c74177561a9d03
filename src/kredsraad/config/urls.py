from django.contrib import admin
from django.urls import include, path

from kredsraad.core.views import favicon

urlpatterns = [
    path("konto/", include("kredsraad.accounts.urls")),
    path("", include("kredsraad.councils.urls")),
    path("", include("kredsraad.plans.urls")),
    path("", include("kredsraad.images.urls")),
    path("", include("kredsraad.strategies.urls")),
    path("", include("kredsraad.initiatives.urls")),
    path("", include("kredsraad.goals.urls")),
    path("", include("kredsraad.meetings.urls")),
    path("", include("kredsraad.statistics.urls")),
    path("", include("kredsraad.publishing.urls")),
    path("", include("kredsraad.search.urls")),
    path("", include("kredsraad.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Browsers (and Chromium's PDF viewer) ask for /favicon.ico whatever the page links.
    path("favicon.ico", favicon),
]
