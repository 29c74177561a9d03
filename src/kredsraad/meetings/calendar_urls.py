"""Calendar feeds and downloads (kredsraad.meetings.calendar_views)."""

urlpatterns = []
