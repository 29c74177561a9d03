from django.urls import include, path

from kredsraad.meetings import views

app_name = "meetings"

urlpatterns = [
    path("kreds/<slug:slug>/moeder/", views.district_meetings, name="district_meetings"),
    path("raad/<int:pk>/moeder/", views.meetings, name="meetings"),
    path("raad/<int:pk>/moeder/nyt/", views.meeting_create, name="meeting_create"),
    path("moeder/<int:pk>/", views.meeting, name="meeting"),
    path("moeder/<int:pk>/rediger/", views.meeting_edit, name="meeting_edit"),
    path("moeder/<int:pk>/send-dagsorden/", views.send_agenda, name="send_agenda"),
    path("moeder/<int:pk>/afholdt/", views.mark_held, name="mark_held"),
    path("moeder/<int:pk>/aflys/", views.cancel, name="cancel"),
    path("moeder/<int:pk>/nyt-punkt/", views.item_create, name="item_create"),
    path("moeder/<int:pk>/gaest/", views.guest_add, name="guest_add"),
    path("moeder/<int:pk>/afbud/", views.absence, name="absence"),
    path("moeder/<int:pk>/afbud/traek-tilbage/", views.absence_withdraw, name="absence_withdraw"),
    path(
        "moeder/<int:pk>/deltagere/<int:participant_pk>/afbud/",
        views.absence,
        name="absence_for",
    ),
    path(
        "moeder/<int:pk>/deltagere/<int:participant_pk>/afbud/traek-tilbage/",
        views.absence_withdraw,
        name="absence_withdraw_for",
    ),
    path("moeder/<int:pk>/historik/", views.meeting_history, name="meeting_history"),
    path("punkter/<int:pk>/", views.item, name="item"),
    path("punkter/<int:pk>/rediger/", views.item_edit, name="item_edit"),
    path("punkter/<int:pk>/flyt/", views.item_move, name="item_move"),
    path("punkter/<int:pk>/slet/", views.item_delete, name="item_delete"),
    path("punkter/<int:pk>/beslutning/", views.decision, name="decision"),
    path("punkter/<int:pk>/bilag/", views.paper_upload, name="paper_upload"),
    path("bilag/<uuid:uuid>/", views.paper, name="paper"),
    path("punkter/<int:pk>/aktionspunkt/", views.action_item_create, name="action_item_create"),
    path("aktionspunkter/<int:pk>/udfoert/", views.action_item_done, name="action_item_done"),
    path("moeder/<int:pk>/referat/", views.minutes, name="minutes"),
    path("moeder/<int:pk>/referat/godkend/", views.minutes_approve, name="minutes_approve"),
    path("", include("kredsraad.meetings.proposal_urls")),
    path("", include("kredsraad.meetings.calendar_urls")),
]
