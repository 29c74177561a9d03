from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from kredsraad.accounts.actions import ask_for_password_reset, choose_notices
from kredsraad.accounts.forms import LoginForm, NoticesForm


class LoginView(auth_views.LoginView):
    """E-mail and password. Single sign-on (OIDC/SAML) is added as another authentication
    backend plus its own login route; no view here needs to change."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["idle_logout"] = self.request.session.pop("idle_logout", False)
        return context


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {"installation_name": settings.KREDSRAAD_SITE_NAME}

    def form_valid(self, form):
        # Throttled or not, the visitor is sent to the same neutral page.
        address = get_client_ip_address(self.request)
        if ask_for_password_reset(form.cleaned_data["email"], address=address):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def notices(request):
    """The user chooses which e-mail notices they receive."""
    user = request.user
    form = NoticesForm(
        request.POST or None,
        initial={
            "agenda": user.notify_agenda,
            "minutes": user.notify_minutes,
            "reminders": user.notify_reminders,
        },
    )
    if request.method == "POST" and form.is_valid():
        choose_notices(user, by=user, **form.cleaned_data)
        messages.success(request, _("Dine valg af beskeder er gemt."))
        return redirect("accounts:notices")
    return render(request, "accounts/notices.html", {"form": form})


@login_required
def status(request):
    """A fixed "ok" for a signed-in user: the benchmark's yardstick (docs/design.md, Benchmarking
    at national scale). It passes the same middleware, session and authentication as every page
    and does nothing else, so a page's requests per second divided by this view's, measured in
    the same run, is what the page itself costs, whatever the machine and its load."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
