from django.urls import path

from kredsraad.goals import views

app_name = "goals"
urlpatterns = [
    path("maal/<int:pk>/", views.goal, name="goal"),
    path("maal/<int:pk>/rediger/", views.goal_edit, name="goal_edit"),
    path("maal/<int:pk>/slet/", views.goal_delete, name="goal_delete"),
    path("maal/<int:pk>/indberet/", views.goal_report, name="goal_report"),
    path(
        "indsatsomraader/<int:pk>/nyt-maal/",
        views.goal_create_for_focus_area,
        name="goal_create_for_focus_area",
    ),
    path(
        "indsatser/<int:pk>/nyt-maal/",
        views.goal_create_for_initiative,
        name="goal_create_for_initiative",
    ),
]
