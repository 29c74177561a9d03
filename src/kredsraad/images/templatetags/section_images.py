from django import template

from kredsraad.images.forms import UploadForm

register = template.Library()


@register.inclusion_tag("images/_section_images.html", takes_context=True)
def section_images(context, section):
    """The section's images with their buttons, and the upload form, for its edit page."""
    return {
        "section": section,
        "images": list(section.images.select_related("file")),
        "upload_form": UploadForm(),
        "csrf_token": context.get("csrf_token"),
    }
