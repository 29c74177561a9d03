import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import VersionedFormMixin
from kredsraad.councils.models import Organisation
from kredsraad.goals import actions
from kredsraad.goals.models import Goal

# What every goal has, whatever its indicator.
NEEDED = {"statement", "direction", "target", "baseline_period", "deadline", "source", "unit"}


class GoalForm(VersionedFormMixin, forms.ModelForm):
    """The rules are goals.actions.check_goal's: the form runs them too, so each message
    stands beside its field."""

    class Meta:
        model = Goal
        fields = actions.GOAL_FIELDS
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "target": _(
                "I målets enhed: et antal, et antal pr. 1.000 indbyggere eller en "
                "ændring i % (fx -10)."
            ),
            "baseline_period": _(
                "Perioden, målet måles fra: et år (2022), et kvartal (2022K3) "
                "eller flere (2022K1-2022K3)."
            ),
            "table": _("Statistikkens tabel, fx STRAF11 (anmeldte forbrydelser)."),
        }

    def __init__(self, *args, district_id: int, owner_fields: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
            for name, value in (owner_fields or {}).items():
                setattr(self.instance, name, value)
            self.instance.district_id = district_id
        # Every rule, "required" included, is check_goal's, so its messages name the field.
        # The fields every goal needs stay required, so their labels do not say "valgfri";
        # clean() swaps Django's generic message for check_goal's.
        for name in actions.GOAL_FIELDS:
            self.fields[name].required = name in NEEDED
        self.fields["reported_by"].queryset = Organisation.objects.filter(
            Q(district=district_id) | Q(district__isnull=True)
        )
        contributes_to = Goal.objects.filter(district=district_id, strategy__isnull=False)
        focus_area = self.instance.focus_area if self.instance.focus_area_id else None
        if focus_area is not None:  # only the goals of the plan's own strategy
            contributes_to = contributes_to.filter(strategy=focus_area.plan.strategy_id)
        self.fields["contributes_to"].queryset = contributes_to

    def clean(self):
        cleaned = super().clean()
        probe = copy.copy(self.instance)
        for name in actions.GOAL_FIELDS:
            if name in cleaned:
                setattr(probe, name, cleaned[name])
            elif self.has_error(name, "required"):
                del self.errors[name]
                setattr(probe, name, None)
        try:
            actions.check_goal(probe)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field in self.errors:
                    continue
                for message in messages:
                    self.add_error(None if field == "__all__" else field, message)
        for name in ("baseline_period", "deadline", "table", "measure", "area"):
            if name in cleaned:
                cleaned[name] = getattr(probe, name)
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in actions.GOAL_FIELDS}


class ReportForm(forms.Form):
    period = forms.CharField(
        label=_("Periode"),
        max_length=20,
        help_text=_("Et år (2023), et kvartal (2023K2) eller flere (2023K1-2023K2)."),
    )
    value = forms.DecimalField(label=_("Værdi"), max_digits=14, decimal_places=2)
    note = forms.CharField(
        label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
