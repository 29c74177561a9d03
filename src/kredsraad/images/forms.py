from django import forms
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import VersionedFormMixin
from kredsraad.core.text import TextLimit
from kredsraad.images.models import ALT_TEXT, CAPTION, SectionImage
from kredsraad.images.uploads import MAX_BYTES, too_large

ALT_TEXT_MISSING = _("Skriv en alternativ tekst, der beskriver billedet.")
ALT_TEXT_HELP = _(
    "Beskriv billedets indhold for den, der ikke kan se det, fx hvem der refererer til hvem i "
    "et organisationsdiagram. Højst 500 tegn."
)


class UploadForm(forms.Form):
    """The file is only received here; what it is (and whether it is an image) is decided by
    its content in images.actions.add_section_image."""

    file = forms.FileField(
        label=_("Billede"),
        help_text=_("PNG, JPEG eller SVG, højst 5 MB og 6.000 x 6.000 pixel."),
        error_messages={"required": _("Vælg en billedfil."), "empty": _("Filen er tom.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/svg+xml"}),
    )
    alt_text = forms.CharField(
        label=_("Alternativ tekst"),
        help_text=ALT_TEXT_HELP,
        error_messages={"required": ALT_TEXT_MISSING},
        validators=[TextLimit(ALT_TEXT, _("Alternativ tekst"))],
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ALT_TEXT}),
    )
    caption = forms.CharField(
        label=_("Billedtekst"),
        required=False,
        validators=[TextLimit(CAPTION, _("Billedtekst"))],
        widget=forms.TextInput(attrs={"maxlength": CAPTION}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise too_large(upload.size)
        return upload


class SectionImageForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SectionImage
        fields = ["alt_text", "caption"]
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"alt_text": ALT_TEXT_HELP}
        error_messages = {"alt_text": {"required": ALT_TEXT_MISSING}}
