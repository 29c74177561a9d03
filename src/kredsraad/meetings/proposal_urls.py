"""Agenda proposals and the compliance page (kredsraad.meetings.proposal_views)."""

from django.urls import path

from kredsraad.meetings import proposal_views

urlpatterns = [
    path("moeder/<int:pk>/forslag/", proposal_views.proposals_page, name="proposals"),
    path(
        "moeder/<int:pk>/forslag/accepter/",
        proposal_views.proposal_accept,
        name="proposal_accept",
    ),
    path(
        "moeder/<int:pk>/forslag/afvis/", proposal_views.proposal_dismiss, name="proposal_dismiss"
    ),
    path("raad/<int:pk>/overholdelse/", proposal_views.compliance, name="compliance"),
]
