from django import forms
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import DateInput, VersionedFormMixin
from kredsraad.core.text import TEXT, TextLimit
from kredsraad.strategies.models import Strategy


class StrategyForm(VersionedFormMixin, forms.ModelForm):
    """The period's rules (order, at most ten years, the tied plans) are the action's, so the
    API and the command line meet them too; the form only reads the values."""

    class Meta:
        model = Strategy
        fields = ["title", "first_year", "last_year", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "last_year": _("Højst ti år fra det første år, fx 2023 til 2026."),
            "body": _(
                "Markdown: **fed**, *kursiv*, punktlister med -, links som [tekst](https://…)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_year", "last_year"):
            self.fields[name].widget.attrs.update(inputmode="numeric")
        if not self.instance.pk:
            del self.fields["version"]

    def _post_clean(self):
        # The model's constraints are checked by the action, which names the field in Danish;
        # Django's own check would say it again in its words.
        pass


class ApprovalForm(forms.Form):
    approved_on = forms.DateField(
        label=_("Godkendt den"),
        widget=DateInput,
        error_messages={
            "required": _("Angiv datoen for kredsrådets godkendelse."),
            "invalid": _("Angiv godkendelsesdatoen som en gyldig dato, fx 06.12.2022."),
        },
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=300,
        error_messages={
            "required": _("Angiv en reference til godkendelsen, fx mødet og punktet."),
        },
        help_text=_("Fx mødet og punktet, hvor kredsrådet godkendte strategien."),
    )


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("Ændringsnote"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[TextLimit(TEXT)],
        help_text=_("Kræves ved en rettelse: hvad er ændret, og hvorfor."),
    )


class PlanStrategyForm(forms.Form):
    """The strategy a yearly plan belongs to: those of its district whose period holds the
    plan's year, or none."""

    strategy = forms.ModelChoiceField(
        label=_("Strategi"),
        queryset=Strategy.objects.none(),
        required=False,
        empty_label=_("Ingen strategi"),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["strategy"]
        field.queryset = Strategy.objects.filter(district=plan.district_id)
        field.initial = plan.strategy_id
        # Offered: the strategies whose period holds the plan's year. Any of the district's is
        # accepted here, so the action explains why one outside the period is refused.
        field.choices = [("", field.empty_label)] + [
            (s.pk, f"{s.title} ({s.period_label})")
            for s in field.queryset.filter(first_year__lte=plan.year, last_year__gte=plan.year)
        ]
