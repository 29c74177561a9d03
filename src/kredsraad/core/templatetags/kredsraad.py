import datetime

from django import forms, template
from django.utils import formats

register = template.Library()


@register.simple_tag
def widget(field):
    """Render a form field's widget with Det Fælles Designsystem's classes and the ARIA links
    to its hint and error text."""
    widget = field.field.widget
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        attrs["class"] = "form-select"
    elif isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
        pass
    elif isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "form-checkbox"
    elif isinstance(widget, forms.Textarea):
        attrs["class"] = "form-input"
        attrs.setdefault("rows", 4)
    else:
        attrs["class"] = "form-input"
    return field.as_widget(attrs=attrs)


@register.filter
def is_multiple_choice(field) -> bool:
    return isinstance(field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))


@register.filter
def markdown(text):
    """Sanitised HTML from Markdown (kredsraad.core.markdown)."""
    from kredsraad.core.markdown import render_markdown

    return render_markdown(text)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if mapping else None


@register.filter
def as_date(value, style: str = "long") -> str:
    """A date, or one kept as ISO text in frozen content ("2024-01-12"), the Danish way
    (docs/design.md, "One date format per context"): "12. januar 2024" in running text, or
    "12.01.2024" with style "short" for a table cell. ISO never reaches a reader."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return formats.date_format(value, "SHORT_DATE_FORMAT" if style == "short" else "DATE_FORMAT")
