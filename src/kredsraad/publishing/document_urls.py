from django.urls import path

from kredsraad.publishing import document_views

urlpatterns = [
    path("dokumenter/<uuid:uuid>/", document_views.document, name="document"),
    path("dokumenter/byg/<slug:kind>/<int:pk>/", document_views.build_start, name="build_start"),
    path("dokumenter/bygning/<int:pk>/", document_views.build_status, name="build"),
    path(
        "dokumenter/statusrapport/<slug:slug>/<int:year>/",
        document_views.status_report,
        name="status_report",
    ),
]
