"""The analytiker's forms: a statistics file to upload, and the police's categories."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kredsraad.core import spreadsheets
from kredsraad.statistics.importing import police
from kredsraad.statistics.models import ImportJob, Offence, Table
from kredsraad.statistics.rows import POLICE


def max_bytes() -> int:
    return settings.KREDSRAAD_STATISTICS_MAX_BYTES


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Hvad er det for en fil?"),
        choices=[
            (ImportJob.Kind.DST, _("Tal fra Danmarks Statistik (CSV, BULK eller Excel)")),
            (ImportJob.Kind.POLICE, _("Politiets eksport (kommune, kategori, periode, antal)")),
        ],
        initial=ImportJob.Kind.DST,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "CSV eller Excel-regneark (.xlsx). Formatet og tegnsættet findes ud fra indholdet, "
            "ikke filnavnet."
        ),
        allow_empty_file=True,  # an empty file gets the reader's own message
    )
    table = forms.ChoiceField(
        label=_("Tabel"),
        required=False,
        help_text=_(
            "Kun for Danmarks Statistik, når filen ikke selv viser det (med en titel som "
            "»UHELDK1: …« eller med kolonnerne). Filens dimensioner tjekkes mod tabellens."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every table kredsraad has a description of (built in, fetched or from a file) but
        # the police's own figures, which have their own kind of file.
        self.fields["table"].choices = [("", _("Find den ud fra filen"))] + [
            (code, f"{code}: {title}")
            for code, title in Table.objects.exclude(code=POLICE).values_list("code", "title")
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("Filen fylder %(size)s; en statistikfil må højst fylde %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())}
            )
        return upload


class MappingListForm(forms.Form):
    """Many categories at once, pasted or as a file; read by `police.read_mapping`."""

    text = forms.CharField(
        label=_("Kategorier og koder"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Én kategori pr. linje: politiets kategori, semikolon og Danmarks Statistiks "
            "overtrædelseskode, fx »Vold mod person;1252«."
        ),
    )
    file = forms.FileField(
        label=_("Eller en fil med de samme linjer"),
        required=False,
        help_text=_("CSV (semikolonsepareret) eller en tekstfil. Erstatter feltet ovenfor."),
    )
    replace = forms.BooleanField(
        label=_("Fjern de kategorier, der ikke står i listen"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > 1024 * 1024:
                self.add_error(
                    "file", _("Filen er større end 1 MB; en liste over kategorier er meget mindre.")
                )
                return cleaned
            cleaned["text"] = spreadsheets.decode(upload.read())[0]
        if not (cleaned.get("text") or "").strip() and not cleaned.get("replace"):
            raise forms.ValidationError(_("Skriv mindst én linje, eller vælg en fil."))
        return cleaned


class OffenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, offence):
        return f"{offence.code} {offence.label}"


class MappingEntryForm(forms.Form):
    """One category."""

    category = forms.CharField(
        label=_("Politiets kategori"),
        max_length=police.CATEGORY_MAX,
        help_text=_("Som den står i politiets eksport, fx »Vold mod person«."),
    )
    offence = OffenceChoiceField(
        label=_("Overtrædelseskode"),
        queryset=Offence.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("Vælg kode"),
    )

    def clean_category(self):
        return " ".join(self.cleaned_data["category"].split())
