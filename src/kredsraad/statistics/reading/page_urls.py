from django.urls import path

from kredsraad.statistics.reading import table_views, views

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
    # Any stored table (UHELDK1, STRAF40 …) and the youth page: statistics.reading.table_views.
    path("kreds/<slug:slug>/statistik/tabeller/", table_views.table, name="tables"),
    path(
        "kreds/<slug:slug>/statistik/tabeller/<slug:name>.csv",
        table_views.table_download,
        {"export": "csv"},
        name="table_csv",
    ),
    path(
        "kreds/<slug:slug>/statistik/tabeller/<slug:name>.xlsx",
        table_views.table_download,
        {"export": "xlsx"},
        name="table_xlsx",
    ),
    path("kreds/<slug:slug>/statistik/unge/", table_views.youth, name="youth"),
]
