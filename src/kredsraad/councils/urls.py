from django.urls import path

from kredsraad.councils import views

app_name = "councils"

urlpatterns = [
    path("", views.home, name="home"),
    path("kreds/<slug:slug>/", views.district, name="district"),
    path("kreds/<slug:slug>/nyt-lokalraad/", views.council_create, name="council_create"),
    path("kreds/<slug:slug>/indstillinger/", views.district_settings, name="district_settings"),
    path("maalgrupper/", views.target_groups, name="target_groups"),
    path("maalgrupper/ny/", views.target_group_edit, name="target_group_create"),
    path("maalgrupper/<slug:code>/rediger/", views.target_group_edit, name="target_group_edit"),
    path("maalgrupper/<slug:code>/slet/", views.target_group_delete, name="target_group_delete"),
    path("kreds/<slug:slug>/fora/", views.forums, name="forums"),
    path("kreds/<slug:slug>/fora/nyt/", views.forum_edit, name="forum_create"),
    path("kreds/<slug:slug>/partnere/", views.organisations, name="organisations"),
    path("kreds/<slug:slug>/partnere/ny/", views.organisation_edit, name="organisation_create"),
    path("kommune/<int:code>/", views.municipality, name="municipality"),
    path("raad/<int:pk>/", views.council, name="council"),
    path("raad/<int:pk>/rediger/", views.council_edit, name="council_edit"),
    path("raad/<int:pk>/nyt-medlem/", views.membership_add, name="membership_add"),
    path("medlemskab/<int:pk>/", views.membership, name="membership"),
    path("medlemskab/<int:pk>/rediger/", views.membership_edit, name="membership_edit"),
    path("medlemskab/<int:pk>/afslut/", views.membership_end, name="membership_end"),
    path("medlemskab/<int:pk>/person/", views.person_edit, name="person_edit"),
    path("forum/<int:pk>/", views.forum, name="forum"),
    path("forum/<int:pk>/rediger/", views.forum_edit, name="forum_edit"),
    path("organisation/<int:pk>/", views.organisation, name="organisation"),
    path("organisation/<int:pk>/rediger/", views.organisation_edit, name="organisation_edit"),
    path("historik/<slug:kind>/<int:pk>/", views.history, name="history"),
]
