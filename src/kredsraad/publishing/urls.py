from django.urls import include, path, re_path

from kredsraad.publishing import image_views

app_name = "publishing"

# The documents (PDF and Word, built in the background) and the public site for anonymous
# visitors live in their own modules.
urlpatterns = [
    path("", include("kredsraad.publishing.document_urls")),
    # An image of a plan's section, by its immutable address (publishing.image_views).
    re_path(
        r"^billeder/(?P<pk>[0-9]{1,18})/(?P<sha256>[0-9a-f]{64})\.(?P<extension>png|jpg)$",
        image_views.image,
        name="image",
    ),
    path("", include("kredsraad.publishing.public_urls")),
]
