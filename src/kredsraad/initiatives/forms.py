from django import forms
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import DateInput, VersionedFormMixin
from kredsraad.core.text import TEXT, TextLimit
from kredsraad.councils.forms import organisations_for
from kredsraad.councils.models import Forum, Municipality, PoliceDistrict
from kredsraad.initiatives.actions import NEXT_STATUSES, PROGRESS_ERROR
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate, quarter_validator
from kredsraad.initiatives.queries import current_quarter, focus_area_numbers


class FocusAreaChoiceField(forms.ModelMultipleChoiceField):
    """Focus areas named by year and number: »2023 · 05.2 Fælles projekt mod socialbedrageri«."""

    numbers: dict[int, str] = {}

    def label_from_instance(self, area):
        return f"{area.plan.year} · {self.numbers.get(area.pk, '')} {area.title}"


class InitiativeForm(VersionedFormMixin, forms.ModelForm):
    # A choice rather than a lone checkbox, which the shared field template does not draw.
    all_municipalities = forms.TypedChoiceField(
        label=_("Kommuner, indsatsen dækker"),
        choices=[(False, _("De valgte kommuner herunder")), (True, _("Alle kredsens kommuner"))],
        coerce=lambda value: value == "True",
        initial=False,
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "external_id",
            "description",
            "status",
            "lead_organisation",
            "partners",
            "forums",
            "all_municipalities",
            "municipalities",
            "owner_municipality",
            "focus_areas",
            "starts",
            "ends",
            "continues",
            "weight",
        ]
        field_classes = {"focus_areas": FocusAreaChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "partners": forms.CheckboxSelectMultiple,
            "forums": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "starts": DateInput,
            "ends": DateInput,
        }
        help_texts = {
            "description": _("Markdown: **fed**, *kursiv*, punktlister med -."),
        }

    def __init__(
        self,
        *args,
        district: PoliceDistrict,
        initiatives,
        focus_areas,
        owners=None,
        owner_required=False,
        **kwargs,
    ):
        """`initiatives` and `focus_areas` are those the user may see in the district; `owners`
        the municipalities the user may make a local initiative for (None: not theirs to set)."""
        super().__init__(*args, **kwargs)
        self.district = district
        organisations = organisations_for(district)
        self.fields["lead_organisation"].queryset = organisations
        self.fields["partners"].queryset = organisations
        self.fields["forums"].queryset = Forum.objects.filter(district=district)
        self.fields["municipalities"].queryset = Municipality.objects.filter(district=district)
        self.fields["continues"].queryset = initiatives.exclude(pk=self.instance.pk)
        areas = focus_areas.select_related("plan").order_by("-plan__year", "position")
        self.fields["focus_areas"].queryset = areas
        self.fields["focus_areas"].numbers = focus_area_numbers(
            areas.values_list("plan", flat=True).distinct()
        )
        if owners is None:
            del self.fields["owner_municipality"]
        else:
            self.fields["owner_municipality"].queryset = owners
            self.fields["owner_municipality"].required = owner_required
            self.fields["owner_municipality"].empty_label = _("Ingen: en indsats for kredsen")
        if self.instance.pk:
            del self.fields["status"]  # changed only through its own action
        else:
            del self.fields["version"]
            self.fields["external_id"].required = False
            self.fields["external_id"].help_text = _(
                "Fast nøgle ved import og eksport. Tomt: dannes af titlen."
            )

    def clean_external_id(self):
        external_id = self.cleaned_data["external_id"].strip()
        taken = Initiative.objects.filter(district=self.district, external_id=external_id)
        if external_id and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Det eksterne id er allerede brugt i politikredsen."))
        return external_id

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("Slutdatoen ligger før startdatoen."))
        if cleaned.get("all_municipalities") and cleaned.get("municipalities"):
            self.add_error(
                "municipalities",
                _("Vælg enten »alle kredsens kommuner« eller enkelte kommuner, ikke begge dele."),
            )
        return cleaned

    def relations(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("partners", "forums", "municipalities", "focus_areas")
        }


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=Initiative.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Initiative.Status.choices)
        self.fields["status"].choices = [
            (status, labels[status]) for status in NEXT_STATUSES[initiative.status]
        ]
        self.fields["version"].initial = initiative.version


class MilestoneForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "kind", "due_date", "due_quarter"]
        widgets = {"due_date": DateInput}
        help_texts = {"due_date": _("En dato, eller et kvartal herunder, når kun det kendes.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]

    def clean_due_quarter(self):
        return self.cleaned_data["due_quarter"].strip().upper()


class MilestoneDoneForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["done_on", "result"]
        widgets = {"done_on": DateInput, "result": forms.Textarea(attrs={"rows": 4})}
        labels = {"done_on": _("Nået den")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True


class StatusUpdateForm(forms.Form):
    period = forms.CharField(
        label=_("Periode"),
        max_length=6,
        validators=[quarter_validator],
        help_text=_("Kvartalet, der rapporteres for, fx 2023K2."),
    )
    light = forms.ChoiceField(
        label=_("Trafiklys"), choices=[("", "---------"), *StatusUpdate.Light.choices]
    )
    progress = forms.IntegerField(
        label=_("Fremdrift i procent"),
        help_text=_("Hvor langt indsatsen er nået, fra 0 til 100."),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
        error_messages={"invalid": PROGRESS_ERROR},
    )
    text = forms.CharField(
        label=_("Status"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT}),
        validators=[TextLimit(TEXT, _("Status"))],
        help_text=_("Hvad er nået, hvad udfordrer, og hvad sker der nu?"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].initial = current_quarter()

    def clean_period(self):
        return self.cleaned_data["period"].strip().upper()

    def clean_progress(self):
        # Checked here rather than with min_value/max_value, whose messages would be
        # %-formatted and choke on the message's "%".
        progress = self.cleaned_data["progress"]
        if not 0 <= progress <= 100:
            raise forms.ValidationError(PROGRESS_ERROR)
        return progress


class InitiativeFilterForm(forms.Form):
    """The list's GET filters. The list opens on one plan year (`default_year`), so its length
    does not grow with the years behind it; »Alle år« is a choice, and every list is paged. An
    invalid value is an error on its field and filters nothing (an invalid year falls back to
    the opening year); the other filters still apply."""

    NO_UPDATE = "ingen"
    ALL_YEARS = "alle"

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *Initiative.Status.choices]
    )
    year = forms.ChoiceField(
        label=_("Planår"),
        required=False,
        error_messages={"invalid_choice": _("Planår: vælg et af årene på listen.")},
    )
    focus_area = forms.TypedChoiceField(
        label=_("Indsatsområde"), required=False, coerce=int, empty_value=None
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    light = forms.ChoiceField(label=_("Seneste trafiklys"), required=False)
    side = forms.IntegerField(
        label=_("Side"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Side: skriv et sidetal, fx 2."),
            "min_value": _("Side: skriv et sidetal, fx 2."),
        },
    )

    def __init__(self, data, *, plans, focus_areas, municipalities, default_year):
        """`plans` and `focus_areas` of the district, `municipalities` the user may see;
        `default_year` (None: all years) when the address names none."""
        if not data.get("year"):
            data = data.copy()
            data["year"] = str(default_year or self.ALL_YEARS)
        super().__init__(data)
        self.default_year = default_year
        self.fields["year"].choices = [(str(p.year), p.year) for p in plans] + [
            (self.ALL_YEARS, _("Alle år"))
        ]
        numbers = focus_area_numbers(p.pk for p in plans)
        self.groups: dict[int, list] = {}
        for area in focus_areas:
            self.groups.setdefault(area.plan.year, []).append(
                (area.pk, f"{numbers.get(area.pk, '')} {area.title}")
            )
        self._offer_focus_areas(self.groups)
        self.fields["municipality"].queryset = municipalities
        self.fields["light"].choices = [
            ("", _("Alle")),
            *StatusUpdate.Light.choices,
            (self.NO_UPDATE, _("Ingen opdatering endnu")),
        ]

    def _offer_focus_areas(self, groups):
        self.fields["focus_area"].choices = [("", _("Alle"))] + [
            (_("Samarbejdsplan %(year)s") % {"year": year}, choices)
            for year, choices in groups.items()
        ]

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        return None if year == self.ALL_YEARS else int(year)

    def clean(self):
        cleaned = super().clean()
        if "year" in self.errors:
            # Show the opening year's list, with the select saying so beside the message.
            cleaned["year"] = self.default_year
            self.data = self.data.copy()
            self.data["year"] = str(self.default_year or self.ALL_YEARS)
        year = cleaned["year"]
        if year is not None:
            # Only the chosen year's focus areas are offered; one of another year (left
            # selected when the year changed) is dropped rather than emptying the list.
            shown = {year: self.groups.get(year, [])}
            self._offer_focus_areas(shown)
            if cleaned.get("focus_area") not in {None, *(pk for pk, _ in shown[year])}:
                cleaned["focus_area"] = None
        return cleaned

    def criteria(self) -> dict:
        """The valid filters, for queries.filtered."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k != "side"}


class ImportForm(forms.Form):
    initiatives = forms.FileField(
        label=_("Indsatser"),
        required=False,
        help_text=_(
            "CSV-fil (semikolon, UTF-8) med indsatserne, eller et Excel-regneark (.xlsx) med "
            "arkene »Indsatser« og »Milepæle«."
        ),
    )
    milestones = forms.FileField(
        label=_("Milepæle"),
        required=False,
        help_text=_("CSV-fil med milepælene, når indsatserne også er en CSV-fil."),
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("initiatives") and not cleaned.get("milestones"):
            raise forms.ValidationError(_("Vælg en fil at indlæse."))
        for name in ("initiatives", "milestones"):
            if cleaned.get(name) and cleaned[name].size > self.MAX_BYTES:
                self.add_error(name, _("Filen er større end 2 MB og kan ikke indlæses."))
        return cleaned
