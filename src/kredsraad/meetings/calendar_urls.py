"""Calendar feeds and downloads (kredsraad.meetings.calendar_views)."""

from django.urls import path

from kredsraad.meetings import calendar_views

urlpatterns = [
    path("moeder/<int:pk>/kalender.ics", calendar_views.meeting_ics, name="meeting_ics"),
    path("raad/<int:pk>/kalender.ics", calendar_views.council_ics, name="council_ics"),
    path("kalender/", calendar_views.calendar_settings, name="calendar_settings"),
    path("kalender/<str:token>/moeder.ics", calendar_views.personal_ics, name="personal_ics"),
    path("kalender/<str:token>/frister.ics", calendar_views.deadlines_ics, name="deadlines_ics"),
]
