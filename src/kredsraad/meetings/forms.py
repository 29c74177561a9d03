from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.forms import DateInput, VersionedFormMixin
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings.models import ActionItem, AgendaItem, Meeting, Minutes, Participant


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "place",
            "address",
            "hosted_by",
            "open_to_public",
            "public_decision",
        ]
        widgets = {"starts_at": DateTimeInput, "ends_at": DateTimeInput}
        help_texts = {
            "title": _("Tomt: rådets navn og datoen."),
            "starts_at": _("Dansk tid."),
            "hosted_by": _("Vælg kommunen, hvis mødet holdes »ude af huset« hos den."),
            "open_to_public": _(
                "Kræver et flertal af medlemmerne og formandens samtykke (bek. nr. 1426 af "
                "13. december 2006, § 3)."
            ),
            "public_decision": _("Hvornår og hvordan rådet besluttede det."),
        }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
        self.fields["hosted_by"].queryset = council.district.municipalities.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("open_to_public") and not (cleaned.get("public_decision") or "").strip():
            self.add_error("public_decision", _("Angiv rådets beslutning om at holde mødet åbent."))
        return cleaned


class AgendaItemForm(VersionedFormMixin, forms.ModelForm):
    new_initiative_status = forms.ChoiceField(
        label=_("Indsatsens nye status"),
        choices=[("", "---------"), *Initiative.Status.choices],
        required=False,
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "kind",
            "topic",
            "closed",
            "presenter",
            "description",
            "proposal",
            "plan",
            "action_plan",
            "initiative",
            "milestone",
            "forum",
            "effect",
            "new_initiative_status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "proposal": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "effect": _(
                "Hvad beslutningen også gør, når den registreres: godkender den valgte plan "
                "eller giver den valgte indsats ny status."
            ),
        }

    def __init__(self, *args, links: dict, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
        for name, queryset in links.items():
            self.fields[name].queryset = queryset


class DecisionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["decision"]
        widgets = {"decision": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = True


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due"]
        widgets = {"due": DateInput}


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Udført den"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class CancelForm(forms.Form):
    cancelled_reason = forms.CharField(label=_("Årsag til aflysning"), max_length=300)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Til stede"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        participants = list(meeting.participants.select_related("person"))
        self.fields["present"].choices = [
            (p.pk, f"{p.person} ({p.get_kind_display().lower()})") for p in participants
        ]
        # Whoever sent afbud is ticked off as absent; the secretariat can still tick them.
        self.fields["present"].initial = [
            p.pk for p in participants if p.attended is not False and p.absence_reported_at is None
        ]


class AbsenceForm(forms.Form):
    absence_note = forms.CharField(
        label=_("Bemærkning"),
        max_length=Participant._meta.get_field("absence_note").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx hvem der kommer i stedet. Ses af sekretariatet og den, der leder mødet."),
    )


class GuestForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Gæst"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PaperForm(forms.Form):
    file = forms.FileField(
        label=_("Bilag"),
        help_text=_("PDF, Word (.docx) eller Excel (.xlsx)."),
        allow_empty_file=True,  # an empty file gets our own message (meetings.papers)
    )


class MinutesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class ApproveMinutesForm(forms.Form):
    approved_how = forms.ChoiceField(
        label=_("Godkendt"), choices=Minutes.ApprovedHow.choices, widget=forms.RadioSelect
    )
    approved_on = forms.DateField(label=_("Godkendt den"), widget=DateInput)
    approved_at_meeting = forms.ModelChoiceField(
        label=_("Godkendt på mødet"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_on"].initial = timezone.localdate()
        self.fields["approved_how"].initial = Minutes.ApprovedHow.CHAIR
        self.meeting = meeting
        self.fields["approved_at_meeting"].queryset = (
            Meeting.objects.filter(council=meeting.council, starts_at__gt=meeting.starts_at)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("council")
        )

    def clean(self):
        """The action's own checks on the fields, here too, so the confirmation page shows
        them beside the field instead of losing the input."""
        cleaned = super().clean()
        on = cleaned.get("approved_on")
        if on and not (
            timezone.localtime(self.meeting.starts_at).date() <= on <= timezone.localdate()
        ):
            self.add_error("approved_on", _("Datoen skal ligge mellem mødet og i dag."))
        if cleaned.get("approved_how") == Minutes.ApprovedHow.NEXT_MEETING and not cleaned.get(
            "approved_at_meeting"
        ):
            self.add_error("approved_at_meeting", _("Vælg et senere møde i samme råd."))
        return cleaned
