"""The search page's form: the words and the filters. A filter value that is not among the
choices (an old link, a hand-edited address) is ignored, never an error page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kredsraad.search.queries import KINDS, MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg efter"),
        required=False,
        strip=True,
        # The field says how long a search may be; a longer one is refused with a message
        # (queries.question), not cut silently by the browser.
        widget=forms.TextInput(attrs={"type": "search", "class": "form-input"}),
        help_text=_("Ord fra titler og tekster, fx »indbrud Aalborg«. Højst %(limit)d tegn.")
        % {"limit": MAX_QUERY},
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    aar = forms.ChoiceField(label=_("År"), required=False)

    def __init__(self, data, *, municipalities, themes, years):
        super().__init__(data)
        everything = [("", _("Alle"))]
        self.fields["type"].choices = everything + [(k, kind.label) for k, kind in KINDS.items()]
        self.fields["kommune"].choices = everything + [
            (str(m.code), m.name) for m in municipalities
        ]
        self.fields["tema"].choices = everything + [(t.code, t.label) for t in themes]
        self.fields["aar"].choices = everything + [(str(y), str(y)) for y in years]
        data = self.data.copy()
        for name in ("type", "kommune", "tema", "aar"):
            self.fields[name].widget.attrs["class"] = "form-select"
            # An unknown value is dropped, so the select shows »Alle« rather than an error.
            if self.value(name) is None:
                data.pop(name, None)
        self.data = data

    def value(self, name: str):
        """The field's valid value, or None when absent or not among the choices."""
        field = self.fields[name]
        raw = self.data.get(name, "")
        try:
            return field.clean(field.to_python(raw)) or None
        except forms.ValidationError:
            return None
