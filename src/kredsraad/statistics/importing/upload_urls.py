from django.urls import path

from kredsraad.statistics.importing import upload_views

urlpatterns = [
    path("kreds/<slug:slug>/statistik/indlaes/", upload_views.upload, name="upload"),
    path(
        "kreds/<slug:slug>/statistik/indlaesninger/<int:pk>/",
        upload_views.import_job,
        name="import_job",
    ),
    path(
        "kreds/<slug:slug>/statistik/indlaesninger/<int:pk>/indlaes/",
        upload_views.import_start,
        name="import_start",
    ),
    path(
        "kreds/<slug:slug>/statistik/datasaet/<int:pk>/rettelser/",
        upload_views.dataset_revisions,
        name="dataset_revisions",
    ),
    path(
        "kreds/<slug:slug>/statistik/politiets-kategorier/",
        upload_views.police_mapping,
        name="police_mapping",
    ),
    path(
        "kreds/<slug:slug>/statistik/politiets-kategorier/<int:pk>/fjern/",
        upload_views.police_mapping_remove,
        name="police_mapping_remove",
    ),
]
