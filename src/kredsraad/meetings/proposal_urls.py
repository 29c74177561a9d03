"""Agenda proposals and the compliance page (kredsraad.meetings.proposal_views)."""

urlpatterns = []
