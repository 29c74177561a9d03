from django.urls import path

from kredsraad.images import views

app_name = "images"

# The bytes themselves are served by publishing.image_views (one address for the back office
# and the public site).
urlpatterns = [
    path("afsnit/<int:pk>/nyt-billede/", views.upload, name="upload"),
    path("billeder/<int:pk>/rediger/", views.edit, name="edit"),
    path("billeder/<int:pk>/flyt/", views.move, name="move"),
    path("billeder/<int:pk>/fjern/", views.remove, name="remove"),
]
