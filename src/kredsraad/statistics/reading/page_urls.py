from django.urls import path

from kredsraad.statistics.reading import views

urlpatterns = [
    path("kreds/<slug:slug>/statistik/", views.district, name="district"),
    path(
        "kreds/<slug:slug>/statistik/<slug:table>.csv",
        views.download,
        {"export": "csv"},
        name="download_csv",
    ),
    path(
        "kreds/<slug:slug>/statistik/<slug:table>.xlsx",
        views.download,
        {"export": "xlsx"},
        name="download_xlsx",
    ),
]
