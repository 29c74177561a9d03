from django.urls import path

from kredsraad.publishing import document_views

urlpatterns = [
    path("dokumenter/<uuid:uuid>/", document_views.document, name="document"),
]
