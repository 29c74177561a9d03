"""How much a person may write in one free-text field, and the Danish refusal when it is more.

Every text a user writes and the site renders has a limit, so no one field can hold a text that
costs seconds to render or pages to print. The limits live here, so a form, the admin, the JSON
API and the spreadsheet import refuse the same length with the same words.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# A plan section, a focus area, an initiative's description, a handleplan's introduction, an
# agenda item's account (sagsfremstilling) or the minutes' introduction: the real plans' longest
# section is about 8,000 characters.
LONG_TEXT = 20_000
# A proposal, a decision, a status report, a milestone's result, a handleplan row's description,
# a council's, forum's or organisation's description, a version's change note.
TEXT = 5_000


def too_long(length: int, limit: int, label: str = "") -> str:
    """The refusal, naming the field when `label` is given."""
    values = {
        "label": label,
        "limit": number_format(limit, force_grouping=True),
        "length": number_format(length, force_grouping=True),
    }
    if label:
        return _("»%(label)s« må højst være %(limit)s tegn; teksten er %(length)s.") % values
    return _("Teksten må højst være %(limit)s tegn; den er %(length)s.") % values


@deconstructible
class TextLimit(MaxLengthValidator):
    """Django's MaxLengthValidator with the message of too_long()."""

    def __init__(self, limit: int, label: str = ""):
        super().__init__(limit)
        self.label = label  # may be lazy: translated when a message is made

    def __call__(self, value):
        if value is not None and len(value) > self.limit_value:
            raise ValidationError(
                too_long(len(value), self.limit_value, str(self.label)), code="max_length"
            )

    def __eq__(self, other):
        return isinstance(other, TextLimit) and (other.limit_value, other.label) == (
            self.limit_value,
            self.label,
        )


class LimitedTextField(models.TextField):
    """A TextField with a required max_length, checked by full_clean, in every ModelForm (the
    admin's too) and shown as the textarea's maxlength; the database column stays `text`."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        TextLimit(self.max_length, self._label())(value)

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        # Replace the form field's own MaxLengthValidator, whose message does not name the field.
        field.validators = [
            v for v in field.validators if not isinstance(v, MaxLengthValidator)
        ] + [TextLimit(self.max_length, field.label or self._label())]
        return field

    def _label(self) -> str:
        return str(self.verbose_name).capitalize()
