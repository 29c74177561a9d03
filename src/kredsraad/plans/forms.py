from django import forms
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
    themes = forms.MultipleChoiceField(
        label=_("Temaer"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FocusArea
        fields = ["title", "body", "themes", "responsible"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, plan: CooperationPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Organisation.objects.filter(
            Q(district=plan.district_id) | Q(district__isnull=True)
        )
        if not self.instance.pk:
            del self.fields["version"]


class ApprovalForm(forms.Form):
    approved_on = forms.DateField(label=_("Godkendt den"), widget=DateInput)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=300,
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
    adopted_on = forms.DateField(label=_("Vedtaget af lokalrådet den"), widget=DateInput)


class DistrictSetupForm(NewPlanForm):
    """The year of the empty plan a district setup creates; this year unless chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].label = _("År for samarbejdsplanen")
        self.fields["year"].initial = timezone.localdate().year
