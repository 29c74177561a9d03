from django.urls import path

from kredsraad.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("kreds/<slug:slug>/indsatser/", views.initiatives, name="initiatives"),
    path("kreds/<slug:slug>/indsatser/ny/", views.initiative_create, name="initiative_create"),
    path("kreds/<slug:slug>/indsatser/import/", views.import_initiatives, name="import"),
    path("kreds/<slug:slug>/indsatser/<slug:name>.<slug:fmt>", views.export, name="export"),
    path("indsatser/<int:pk>/", views.initiative, name="initiative"),
    path("indsatser/<int:pk>/rediger/", views.initiative_edit, name="initiative_edit"),
    path("indsatser/<int:pk>/status/", views.initiative_status, name="initiative_status"),
    path("indsatser/<int:pk>/historik/", views.initiative_history, name="initiative_history"),
    path("indsatser/<int:pk>/ny-milepael/", views.milestone_create, name="milestone_create"),
    path(
        "indsatser/<int:pk>/statusopdatering/",
        views.status_update_create,
        name="status_update_create",
    ),
    path("milepaele/<int:pk>/rediger/", views.milestone_edit, name="milestone_edit"),
    path("milepaele/<int:pk>/naaet/", views.milestone_done, name="milestone_done"),
    path("mine-opdateringer/", views.my_updates, name="my_updates"),
    path("kreds/<slug:slug>/overblik/", views.dashboard, name="dashboard"),
]
