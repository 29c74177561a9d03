from django.urls import path

from kredsraad.search import views

app_name = "search"
urlpatterns = [
    path("soeg/", views.search, name="search"),
]
