from django.urls import path

from kredsraad.plans import steps, views

app_name = "plans"

urlpatterns = [
    path("kreds/<slug:slug>/planer/", views.plans, name="plans"),
    path("kreds/<slug:slug>/planer/ny/", views.plan_create, name="plan_create"),
    path("kreds/<slug:slug>/opsaet/", views.district_setup, name="district_setup"),
    path("planer/<int:pk>/", views.plan, name="plan"),
    path("planer/<int:pk>/rediger/", views.plan_edit, name="plan_edit"),
    path("planer/<int:pk>/til-droeftelse/", steps.plan_send, name="plan_send"),
    path("planer/<int:pk>/tilbage-til-kladde/", views.plan_return, name="plan_return"),
    path("planer/<int:pk>/godkend/", steps.plan_approve, name="plan_approve"),
    path("planer/<int:pk>/offentliggoer/", steps.plan_publish, name="plan_publish"),
    path("planer/<int:pk>/ret/", steps.plan_correct, name="plan_correct"),
    path("planer/<int:pk>/naeste-aar/", steps.plan_roll_over, name="plan_roll_over"),
    path("planer/<int:pk>/version/<int:number>/", views.version, name="version"),
    path("planer/<int:pk>/sammenlign/", views.compare, name="compare"),
    path("planer/<int:pk>/nyt-afsnit/", views.section_create, name="section_create"),
    path("afsnit/<int:pk>/rediger/", views.section_edit, name="section_edit"),
    path("afsnit/<int:pk>/flyt/", views.section_move, name="section_move"),
    path("afsnit/<int:pk>/slet/", views.section_delete, name="section_delete"),
    path("afsnit/<int:pk>/placer/", views.section_place, name="section_place"),
    path("temaer/", views.themes, name="themes"),
    path("temaer/nyt/", views.theme_edit, name="theme_create"),
    path("temaer/<slug:code>/rediger/", views.theme_edit, name="theme_edit"),
    path("temaer/<slug:code>/slet/", views.theme_delete, name="theme_delete"),
    path("afsnit/<int:pk>/bekraeft/", views.section_confirm, name="section_confirm"),
    path("indsatsomraader/<int:pk>/bekraeft/", views.focus_area_confirm, name="focus_area_confirm"),
    path(
        "planer/<int:plan_pk>/nyt-indsatsomraade/", views.focus_area_edit, name="focus_area_create"
    ),
    path("indsatsomraader/<int:pk>/", views.focus_area, name="focus_area"),
    path("indsatsomraader/<int:pk>/rediger/", views.focus_area_edit, name="focus_area_edit"),
    path("indsatsomraader/<int:pk>/flyt/", views.focus_area_move, name="focus_area_move"),
    path("planer/<int:pk>/handleplaner/", views.action_plans, name="action_plans"),
    path(
        "planer/<int:pk>/handleplaner/<int:council_pk>/ny/",
        views.action_plan_create,
        name="action_plan_create",
    ),
    path("handleplaner/<int:pk>/", views.action_plan, name="action_plan"),
    path("handleplaner/<int:pk>/rediger/", views.action_plan_edit, name="action_plan_edit"),
    path("handleplaner/<int:pk>/vedtag/", steps.action_plan_adopt, name="action_plan_adopt"),
    path(
        "handleplaner/<int:pk>/offentliggoer/",
        steps.action_plan_publish,
        name="action_plan_publish",
    ),
    path("handleplaner/<int:pk>/genaabn/", views.action_plan_reopen, name="action_plan_reopen"),
    path("handleplaner/<int:action_plan_pk>/ny-handling/", views.item_edit, name="item_create"),
    path("handlinger/<int:pk>/rediger/", views.item_edit, name="item_edit"),
    path("handlinger/<int:pk>/slet/", views.item_delete, name="item_delete"),
    path("planer/<int:pk>/historik/", views.plan_history, name="plan_history"),
    path("handleplaner/<int:pk>/historik/", views.action_plan_history, name="action_plan_history"),
    path("planer/<int:pk>/daekning/", views.coverage_matrix, name="coverage"),
    path(
        "planer/<int:pk>/daekning/<int:focus_area_pk>/<int:code>/",
        views.coverage_cell,
        name="coverage_cell",
    ),
]
