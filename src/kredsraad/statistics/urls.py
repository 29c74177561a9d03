from django.urls import include, path

app_name = "statistics"

# Pages (district statistics, charts, map, downloads) and uploads (the analytiker's imports)
# live in their own modules.
urlpatterns = [
    path("", include("kredsraad.statistics.reading.page_urls")),
    path("", include("kredsraad.statistics.importing.upload_urls")),
]
