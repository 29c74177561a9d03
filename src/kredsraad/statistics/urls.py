from django.urls import include, path

app_name = "statistics"

# Pages (district statistics, charts, map, downloads) and uploads (the analytiker's imports)
# live in their own modules.
urlpatterns = [
    path("", include("kredsraad.statistics.page_urls")),
    path("", include("kredsraad.statistics.upload_urls")),
]
