from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import DateInput, VersionedFormMixin
from kredsraad.core.text import TEXT, TextLimit
from kredsraad.councils.models import Forum, Organisation
from kredsraad.plans.models import (
    ActionPlan,
    ActionPlanItem,
    CooperationPlan,
    FocusArea,
    PlanSection,
    Theme,
)
from kredsraad.statistics.reading.block_options import block_choices, clean_options
from kredsraad.statistics.reading.page import offence_choices, offences_with_data


class NewPlanForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1


class PlanForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = CooperationPlan
        fields = ["title", "action_plans_due"]
        widgets = {"action_plans_due": DateInput}


class SectionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "body": _(
                "Markdown: **fed**, *kursiv*, punktlister med -, links som [tekst](https://…)."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]


class FocusAreaForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["title", "body", "themes", "responsible"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: CooperationPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Organisation.objects.filter(
            Q(district=plan.district_id) | Q(district__isnull=True)
        )
        # Retired themes are offered only to the focus area that already has them.
        current = self.instance.themes.all() if self.instance.pk else Theme.objects.none()
        self.fields["themes"].queryset = Theme.objects.filter(Q(retired=False) | Q(pk__in=current))
        if not self.instance.pk:
            del self.fields["version"]


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
        help_text=_("Fx mødet og punktet, hvor kredsrådet godkendte planen."),
    )


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("Ændringsnote"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT}),
        validators=[TextLimit(TEXT, _("Ændringsnote"))],
        help_text=_("Kræves ved en rettelse: hvad er ændret i forhold til den forrige version?"),
    )


class ActionPlanForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}


class ActionPlanItemForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ActionPlanItem
        fields = [
            "title",
            "description",
            "focus_area",
            "responsible",
            "partners",
            "forums",
            "starts",
            "ends",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.CheckboxSelectMultiple,
            "forums": forms.CheckboxSelectMultiple,
            "starts": DateInput,
            "ends": DateInput,
        }

    def __init__(self, *args, action_plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        district = action_plan.plan.district_id
        organisations = Organisation.objects.filter(Q(district=district) | Q(district__isnull=True))
        self.fields["focus_area"].queryset = action_plan.plan.focus_areas.all()
        self.fields["focus_area"].empty_label = _("Lokalt behov (intet indsatsområde)")
        self.fields["responsible"].queryset = organisations
        self.fields["partners"].queryset = organisations
        self.fields["forums"].queryset = Forum.objects.filter(district=district)
        if not self.instance.pk:
            del self.fields["version"]


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Vedtaget af lokalrådet den"),
        widget=DateInput,
        error_messages={
            "required": _("Angiv datoen for lokalrådets vedtagelse."),
            "invalid": _("Angiv vedtagelsesdatoen som en gyldig dato, fx 25.01.2023."),
        },
    )


class DistrictSetupForm(NewPlanForm):
    """The year of the empty plan a district setup creates; this year unless chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].label = _("År for samarbejdsplanen")
        self.fields["year"].initial = timezone.localdate().year
        wrong = _("Angiv et år mellem 2000 og 2100.")
        self.fields["year"].error_messages.update(
            {"required": wrong, "invalid": wrong, "min_value": wrong, "max_value": wrong}
        )


class _Codes(forms.MultipleChoiceField):
    """Codes offered as check boxes; any code posted is taken, so that a code not offered gets
    the statistics' own Danish message (block_options), as it does from every other way in."""

    def valid_value(self, value):
        return True


class _Choice(forms.ChoiceField):
    """One choice offered as radio buttons; what is posted is checked by block_options."""

    def valid_value(self, value):
        return True


class CrimeTrendSectionForm(SectionForm):
    """A crime-trend section's title and text, and its figure block: which offences, areas,
    periods and unit (PlanSection.options, checked by statistics' block_options). Empty
    choices are the section's defaults. The choice reaches the action as `figure_options`."""

    offences = _Codes(
        label=_("Overtrædelser"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Intet valgt: voldsforbrydelser, indbrud i beboelser og straffelovsovertrædelser i alt."
        ),
    )
    areas = _Codes(
        label=_("Politikredsen, dens kommuner og hele landet"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Intet valgt her eller herunder: politikredsen, dens kommuner og hele landet."),
    )
    other_areas = _Codes(
        label=_("Regioner og andre politikredse"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    period = forms.CharField(
        label=_("Periode"),
        required=False,
        max_length=40,
        help_text=_(
            "Fx 2022K1-2022K3 eller 2022. Tom: året til dato før planens år, som kendt da "
            "planen blev skrevet."
        ),
    )
    baseline = forms.CharField(
        label=_("Sammenlignes med"),
        required=False,
        max_length=40,
        help_text=_("Fx 2021K1-2021K3. Tom: samme kvartaler året før."),
    )
    series = forms.CharField(
        label=_("Serie fra en anden tabel"),
        required=False,
        max_length=300,
        help_text=_(
            "I stedet for overtrædelserne: en tabel og et mål, fx "
            "UHELDK1:INDBLAND=71;ALDER=6599 (tilskadekomne fodgængere på 65 år og derover). "
            "Siden »Tal fra alle tabeller« viser målet, du har valgt, sådan. En tabel med hele "
            "år tager perioder som 2022."
        ),
    )
    unit = _Choice(
        label=_("Enhed"),
        required=False,  # not posted (an older form, the API's way): counts
        choices=[("count", _("Antal anmeldelser")), ("per_1000", _("Pr. 1.000 indbyggere"))],
        initial="count",
        widget=forms.RadioSelect,
    )

    OPTION_FIELDS = ("offences", "series", "areas", "other_areas", "period", "baseline", "unit")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        district_areas, others = block_choices(plan.district)
        self.fields["offences"].choices = offence_choices(offences_with_data())
        self.fields["areas"].choices = district_areas
        self.fields["other_areas"].choices = others
        options = self.instance.options or {}
        near = {code for code, _label in district_areas}
        chosen = options.get("areas", [])
        self.initial |= {
            "offences": options.get("offences", []),
            "areas": [code for code in chosen if code in near],
            "other_areas": [code for code in chosen if code not in near],
            "period": options.get("period", ""),
            "baseline": options.get("baseline", ""),
            "unit": options.get("unit", "count"),
            "series": options.get("series", ""),
        }
        self.figure_options = dict(options)

    def clean(self):
        cleaned = super().clean()
        chosen = {
            "offences": cleaned.get("offences") or [],
            "areas": [*(cleaned.get("areas") or []), *(cleaned.get("other_areas") or [])],
            "period": cleaned.get("period", ""),
            "baseline": cleaned.get("baseline", ""),
            "unit": cleaned.get("unit") or "count",
            "series": cleaned.get("series", ""),
        }
        try:
            self.figure_options = clean_options(self.instance.plan.district, chosen)
        except ValidationError as error:
            self.add_error(None, error)  # each message on its field: the keys are field names
        # The choice is one value, PlanSection.options, not a field each: a concurrent edit
        # merges the title and text (core.concurrency), and the choice posted is kept.
        for name in self.OPTION_FIELDS:
            cleaned.pop(name, None)
        return cleaned


class ThemeForm(VersionedFormMixin, forms.ModelForm):
    """A theme as the administrator keeps it; its code is made from the label once
    (councils.actions.new_code) and never changes."""

    class Meta:
        model = Theme
        fields = ["label", "position", "retired"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
            del self.fields["retired"]


class NewSectionForm(SectionForm):
    """A new section: text, or one of the generated kinds, which the plan can place anywhere."""

    kind = forms.ChoiceField(
        label=_("Type"),
        choices=PlanSection.Kind.choices,
        initial=PlanSection.Kind.TEXT,
        help_text=_(
            "Et genereret afsnit udfyldes af data (råd, tal, indsatsområder, handleplaner, fora)."
        ),
    )

    class Meta(SectionForm.Meta):
        fields = ["title", "kind", "body"]


class PlaceSectionForm(forms.Form):
    """Where the section goes: at the top level, or under another section of the plan."""

    parent = forms.ModelChoiceField(
        label=_("Placér under"),
        queryset=PlanSection.objects.none(),
        required=False,
        empty_label=_("Øverste niveau"),
        help_text=_("Afsnittet flyttes med sine underafsnit og lægges sidst under det valgte."),
    )

    def __init__(self, *args, section: PlanSection, numbers: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = section.plan.sections.exclude(pk=section.pk)
        self.fields["parent"].initial = section.parent_id
        self.fields["parent"].label_from_instance = lambda s: f"{numbers.get(s.pk, '')} {s.title}"
