from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("E-mail eller adgangskode er forkert."),
        "inactive": _("Brugeren er deaktiveret."),
    }


CHECKBOX = forms.CheckboxInput(attrs={"class": "form-checkbox"})


class NoticesForm(forms.Form):
    """The user's own choice of e-mail notices."""

    agenda = forms.BooleanField(
        label=_("Når en dagsorden, jeg er inviteret til, udsendes eller ændres"),
        required=False,
        widget=CHECKBOX,
    )
    minutes = forms.BooleanField(
        label=_("Når referatet af et møde, jeg var inviteret til, er godkendt"),
        required=False,
        widget=CHECKBOX,
    )
    reminders = forms.BooleanField(
        label=_("Påmindelser om kommende møder og frister"), required=False, widget=CHECKBOX
    )
