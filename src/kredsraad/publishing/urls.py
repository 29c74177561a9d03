from django.urls import include, path

app_name = "publishing"

# The documents (PDF and Word, built in the background) and the public site for anonymous
# visitors live in their own modules.
urlpatterns = [
    path("", include("kredsraad.publishing.document_urls")),
    path("", include("kredsraad.publishing.public_urls")),
]
