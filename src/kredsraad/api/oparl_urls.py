from django.urls import path, re_path

from kredsraad.api.oparl import views

app_name = "oparl"

urlpatterns = [
    path("oparl/v1/", views.system, name="system"),
    path("oparl/v1/body", views.body_list, name="bodies"),
    path("oparl/v1/body/<slug:slug>/<str:name>", views.body_member_list, name="body_list"),
    path(
        "oparl/v1/organization/<str:key>/meeting",
        views.organization_meetings,
        name="organization_meetings",
    ),
    path("oparl/v1/file/<str:key>/download", views.file_download, name="file_download"),
    path("oparl/v1/<str:name>/<str:key>", views.detail, name="detail"),
    re_path(r"^oparl/(?P<rest>.*)$", views.unknown),
]
