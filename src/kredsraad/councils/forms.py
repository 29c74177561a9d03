from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import DateInput, VersionedFormMixin
from kredsraad.councils.models import (
    Council,
    Forum,
    LocalCouncils,
    Membership,
    Municipality,
    Organisation,
    Person,
    PoliceDistrict,
    TargetGroup,
)


def organisations_for(district: PoliceDistrict):
    """The organisations one can pick in a district: its own and the national ones."""
    return Organisation.objects.filter(Q(district=district) | Q(district__isnull=True))


class CouncilForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Council
        fields = ["name", "description", "meetings_per_year"]


class NewLocalCouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["municipality", "name", "description", "meetings_per_year"]

    def __init__(self, *args, district: PoliceDistrict, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["municipality"].required = True
        # One lokalråd per municipality: only those without one are offered; with several
        # allowed, every municipality (councils.actions.check_local_council_allowed decides).
        municipalities = Municipality.objects.filter(district=district)
        if district.local_councils == LocalCouncils.SEVERAL:
            self.fields["municipality"].help_text = ""
        else:
            self.fields["municipality"].help_text = _("Kun kommuner uden lokalråd kan vælges.")
            municipalities = municipalities.filter(councils__isnull=True)
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        cleaned = super().clean()
        self.instance.kind = Council.Kind.LOCAL
        self.instance.district = self.district
        return cleaned


class MembershipForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "represents", "start", "end"]
        widgets = {"start": DateInput, "end": DateInput}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["represents"].queryset = organisations_for(council.district)


class NewMembershipForm(forms.ModelForm):
    """Seat an existing person, or register a new one in the same step."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Eksisterende person")
    )
    new_name = forms.CharField(label=_("Navn"), required=False, max_length=200)
    new_title = forms.CharField(
        label=_("Titel"),
        required=False,
        max_length=200,
        help_text=_("Fx »Borgmester« eller »Lokalpolitileder«. Navn eller titel skal udfyldes."),
    )
    new_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Ansat i")
    )
    new_email = forms.EmailField(label=_("Arbejdsmail"), required=False)

    class Meta:
        model = Membership
        fields = ["role", "represents", "start", "end"]
        widgets = {"start": DateInput, "end": DateInput}

    def __init__(self, *args, council: Council, people, **kwargs):
        """`people` are those the user may seat: the district's people visible to them."""
        super().__init__(*args, **kwargs)
        self.council = council
        organisations = organisations_for(council.district)
        self.fields["represents"].queryset = organisations
        self.fields["new_organisation"].queryset = organisations
        self.fields["person"].queryset = people.filter(district=council.district).select_related(
            "organisation"
        )

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip().lower()
        if email and Person.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("E-mailadressen er allerede i brug."))
        return email

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        new_fields = ("new_name", "new_title", "new_email")
        wants_new = any(cleaned.get(name) for name in new_fields)
        if person and wants_new:
            raise forms.ValidationError(
                _("Vælg en eksisterende person eller opret en ny, ikke begge dele.")
            )
        if not person:
            if not wants_new:
                self.add_error("person", _("Vælg en person, eller udfyld navn eller titel."))
            elif not (cleaned.get("new_name") or cleaned.get("new_title")):
                self.add_error("new_name", _("Angiv navn eller titel."))
            if (
                wants_new
                and "new_organisation" not in self.errors
                and not cleaned.get("new_organisation")
            ):
                self.add_error("new_organisation", _("Angiv personens organisation."))
        return cleaned

    def new_person_values(self) -> dict:
        return {
            "name": self.cleaned_data["new_name"],
            "title": self.cleaned_data["new_title"],
            "organisation": self.cleaned_data["new_organisation"],
            "email": self.cleaned_data["new_email"],
        }


class PersonForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "organisation", "email"]
        help_texts = {"title": _("Navn eller titel skal udfyldes.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(self.instance.district)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and clash.exists():
            raise forms.ValidationError(_("E-mailadressen er allerede i brug."))
        return email

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or cleaned.get("title")):
            raise forms.ValidationError(_("Angiv navn eller titel."))
        return cleaned


class EndMembershipForm(forms.Form):
    end = forms.DateField(label=_("Slutdato"), widget=DateInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("Hjemmeside"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "municipality", "description", "website"]

    def __init__(self, *args, district: PoliceDistrict, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["municipality"].queryset = Municipality.objects.filter(district=district)
        if not self.instance.pk:
            del self.fields["version"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = organisations_for(self.district).filter(name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Der findes allerede en organisation med det navn."))
        return name

    def clean(self):
        cleaned = super().clean()
        if self.instance.district_id is None and not self.instance.pk:
            self.instance.district = self.district
        return cleaned


class ForumForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Forum
        fields = [
            "name",
            "target_group",
            "legal_basis",
            "description",
            "lead_organisation",
            "member_organisations",
            "municipalities",
        ]
        widgets = {
            "member_organisations": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, district: PoliceDistrict, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        organisations = organisations_for(district)
        self.fields["lead_organisation"].queryset = organisations
        self.fields["member_organisations"].queryset = organisations
        self.fields["municipalities"].queryset = Municipality.objects.filter(district=district)
        # A retired target group is offered only to the forum that already has it.
        self.fields["target_group"].queryset = TargetGroup.objects.filter(
            Q(retired=False) | Q(pk=self.instance.target_group_id)
        )
        if not self.instance.pk:
            del self.fields["version"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Forum.objects.filter(district=self.district, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Politikredsen har allerede et forum med det navn."))
        return name

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            self.instance.district = self.district
        return cleaned


class ForumFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=_("Kommune"),
        empty_label=_("Alle"),
    )
    target_group = forms.ModelChoiceField(
        queryset=TargetGroup.objects.all(),
        required=False,
        label=_("Målgruppe"),
        empty_label=_("Alle"),
    )

    def __init__(self, *args, district: PoliceDistrict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(district=district)


class DistrictSettingsForm(VersionedFormMixin, forms.ModelForm):
    """The administrator's settings of a district: contact details, how many lokalråd each
    municipality has, and whether the lokalråd owe a yearly handleplan."""

    class Meta:
        model = PoliceDistrict
        fields = ["phone", "email", "website", "local_councils", "action_plans_required"]
        widgets = {"local_councils": forms.RadioSelect}


class TargetGroupForm(VersionedFormMixin, forms.ModelForm):
    """A target group as the administrator keeps it; its code is made from the label once
    (councils.actions.new_code) and never changes."""

    class Meta:
        model = TargetGroup
        fields = ["label", "position", "retired"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
            del self.fields["retired"]
