"""The public site under /offentlig/: per district by its slug, each object by its UUID."""

from django.urls import path

from kredsraad.publishing import feeds, opendata, public_views

urlpatterns = [
    path("offentlig/", public_views.index, name="public_index"),
    # Before the district's slug, which would take »soeg« for one.
    path("offentlig/soeg/", public_views.search, name="public_search"),
    path("offentlig/<slug:slug>/", public_views.district, name="public_district"),
    path("offentlig/<slug:slug>/planer/<uuid:uuid>/", public_views.plan, name="public_plan"),
    path(
        "offentlig/<slug:slug>/planer/<uuid:uuid>/version/<int:number>/",
        public_views.plan,
        name="public_plan_version",
    ),
    path(
        "offentlig/<slug:slug>/strategier/<uuid:uuid>/",
        public_views.strategy,
        name="public_strategy",
    ),
    path(
        "offentlig/<slug:slug>/strategier/<uuid:uuid>/version/<int:number>/",
        public_views.strategy,
        name="public_strategy_version",
    ),
    path(
        "offentlig/<slug:slug>/handleplaner/",
        public_views.action_plans,
        name="public_action_plans",
    ),
    path(
        "offentlig/<slug:slug>/handleplaner/<uuid:uuid>/",
        public_views.action_plan,
        name="public_action_plan",
    ),
    path("offentlig/<slug:slug>/indsatser/", public_views.initiatives, name="public_initiatives"),
    path(
        "offentlig/<slug:slug>/indsatser/<uuid:uuid>/",
        public_views.initiative,
        name="public_initiative",
    ),
    path("offentlig/<slug:slug>/moeder/", public_views.meetings, name="public_meetings"),
    path("offentlig/<slug:slug>/moeder/<uuid:uuid>/", public_views.meeting, name="public_meeting"),
    path("offentlig/<slug:slug>/moeder.ics", public_views.meetings_ics, name="public_meetings_ics"),
    path("offentlig/<slug:slug>/statistik/", public_views.statistics, name="public_statistics"),
    path("offentlig/<slug:slug>/feed.atom", feeds.district_feed, name="public_feed"),
    path("offentlig/<slug:slug>/data/", opendata.page, name="public_data"),
    path(
        "offentlig/<slug:slug>/data/<str:name>.<str:fmt>",
        opendata.download,
        name="public_data_download",
    ),
]
