"""The choices on a district's statistics page: a GET form, so every view can be linked to and
works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kredsraad.statistics.periods import parse_quarter

RATE, COUNT, CHANGE = "pr-1000", "antal", "aendring"
MEASURES = [
    (RATE, _("Pr. 1.000 indbyggere")),
    (COUNT, _("Antal anmeldelser")),
    (CHANGE, _("Ændring i procent")),
]
MOST_QUARTERS = 4
DST, POLICE = "dst", "politi"
SOURCES = [
    (DST, _("Danmarks Statistik (STRAF11)")),
    (POLICE, _("Politiets egne tal")),
]


class SourceForm(forms.Form):
    """Which figures the page shows, offered when the district has imported the police's own
    export. A form of its own: switching source starts from that source's defaults, since the
    offences and quarters of one need not exist in the other."""

    kilde = forms.ChoiceField(label=_("Kilde"), choices=SOURCES, widget=forms.RadioSelect)


class StatisticsForm(forms.Form):
    overtraedelse = forms.ChoiceField(label=_("Overtrædelse"))
    fra = forms.ChoiceField(label=_("Fra kvartal"))
    til = forms.ChoiceField(
        label=_("Til kvartal"),
        help_text=_("Højst fire kvartaler. De sammenlignes med de samme kvartaler året før."),
    )
    visning = forms.ChoiceField(
        label=_("Kommunerne vises som"), choices=MEASURES, widget=forms.RadioSelect
    )

    def __init__(
        self,
        data,
        *,
        offences: list[tuple[str, str]],
        quarters: list[str],
        sources: bool = False,
    ):
        super().__init__(data)
        if sources:  # keeps the source chosen above when the figures are chosen again
            self.fields["kilde"] = forms.ChoiceField(choices=SOURCES, widget=forms.HiddenInput)
        self.fields["overtraedelse"].choices = offences
        # Newest first: the quarters people usually want are at the top.
        choices = [(quarter, quarter) for quarter in reversed(quarters)]
        self.fields["fra"].choices = choices
        self.fields["til"].choices = choices

    def clean(self):
        data = super().clean()
        if self.errors or "fra" not in data or "til" not in data:
            return data
        first, last = parse_quarter(data["fra"]), parse_quarter(data["til"])
        if last < first:
            self.add_error(
                "til",
                _("Til-kvartalet %(last)s ligger før fra-kvartalet %(first)s.")
                % {"last": last, "first": first},
            )
        elif first.until(last) > MOST_QUARTERS:
            self.add_error(
                "til",
                _(
                    "Vælg højst fire kvartaler (%(first)s–%(last)s er flere), så perioden ikke "  # noqa: RUF001
                    "overlapper de samme kvartaler året før."
                )
                % {"first": first, "last": last},
            )
        return data
