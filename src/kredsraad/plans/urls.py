from django.urls import path

from kredsraad.plans import views

app_name = "plans"

urlpatterns = [
    path("kreds/<slug:slug>/planer/", views.plans, name="plans"),
    path("kreds/<slug:slug>/planer/ny/", views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan, name="plan"),
    path("planer/<int:pk>/rediger/", views.plan_edit, name="plan_edit"),
    path("planer/<int:pk>/til-droeftelse/", views.plan_send, name="plan_send"),
    path("planer/<int:pk>/tilbage-til-kladde/", views.plan_return, name="plan_return"),
    path("planer/<int:pk>/godkend/", views.plan_approve, name="plan_approve"),
    path("planer/<int:pk>/offentliggoer/", views.plan_publish, name="plan_publish"),
    path("planer/<int:pk>/ret/", views.plan_correct, name="plan_correct"),
    path("planer/<int:pk>/naeste-aar/", views.plan_roll_over, name="plan_roll_over"),
    path("planer/<int:pk>/version/<int:number>/", views.version, name="version"),
    path("planer/<int:pk>/sammenlign/", views.compare, name="compare"),
    path("planer/<int:pk>/nyt-afsnit/", views.section_create, name="section_create"),
    path("afsnit/<int:pk>/rediger/", views.section_edit, name="section_edit"),
    path("afsnit/<int:pk>/flyt/", views.section_move, name="section_move"),
    path("afsnit/<int:pk>/slet/", views.section_delete, name="section_delete"),
    path(
        "planer/<int:plan_pk>/nyt-indsatsomraade/", views.focus_area_edit, name="focus_area_create"
    ),
    path("indsatsomraader/<int:pk>/", views.focus_area, name="focus_area"),
    path("indsatsomraader/<int:pk>/rediger/", views.focus_area_edit, name="focus_area_edit"),
    path("indsatsomraader/<int:pk>/flyt/", views.focus_area_move, name="focus_area_move"),
]
