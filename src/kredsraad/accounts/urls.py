from django.contrib.auth import views as auth_views
from django.urls import path

from kredsraad.accounts import views

app_name = "accounts"

urlpatterns = [
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("beskeder/", views.notices, name="notices"),
    path("status/", views.status, name="status"),
    path("glemt-adgangskode/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glemt-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "nulstil/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nulstil/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
