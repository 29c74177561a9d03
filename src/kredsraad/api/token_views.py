"""The user's own API tokens: make one (its secret shown once) and revoke one."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kredsraad.api import auth
from kredsraad.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=100,
        help_text=gettext_lazy("Hvad nøglen bruges til, fx »Kommunens intranet«."),
    )


@login_required
def tokens(request):
    form = TokenForm()
    secret = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(
                ApiToken, pk=_number(request.POST["revoke"]), user=request.user
            )
            auth.revoke_token(token, by=request.user)
            return redirect("api_tokens")
        form = TokenForm(request.POST)
        if form.is_valid():
            _token, secret = auth.create_token(request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": auth.tokens_of(request.user),
            "title": _("API-nøgler"),
        },
    )


def _number(value: str) -> int:
    """A primary key from the form, or 0 (no token) for anything else: only ASCII digits,
    since str.isdigit() also takes "²", which int() refuses."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0
