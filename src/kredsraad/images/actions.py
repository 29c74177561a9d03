"""What the secretariat does with the images of a plan's sections: upload one with its alt text,
change the texts, move it, remove it. Only while the plan may be edited (plans.actions' rule)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kredsraad.core.actors import attributed
from kredsraad.core.concurrency import save_if_unchanged
from kredsraad.images.models import ImageFile, SectionImage
from kredsraad.images.queries import shown_in_a_version
from kredsraad.images.uploads import clean_image

# The plan's one rule for what may still be edited, and its Danish refusal (PlanStateError).
from kredsraad.plans.actions import _require_editable, _swap_positions
from kredsraad.plans.models import PlanSection


def _require_alt_text(alt_text: str) -> str:
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Skriv en alternativ tekst, der beskriver billedet.")})
    return alt_text


@attributed
def add_section_image(
    section: PlanSection, *, data: bytes, alt_text: str, caption: str = "", by
) -> SectionImage:
    """Store the upload (re-encoded, see images.uploads) and show it last in the section.
    The same picture uploaded again in the district reuses its stored file."""
    _require_editable(section.plan)
    errors = {}
    try:
        alt_text = _require_alt_text(alt_text)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        image = clean_image(data)
    except ValidationError as error:
        errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        file = _stored(section.plan.district_id, image)
        position = (section.images.aggregate(p=Max("position"))["p"] or 0) + 1
        return SectionImage.objects.create(
            section=section,
            position=position,
            file=file,
            alt_text=alt_text,
            caption=(caption or "").strip(),
        )


def _stored(district_id: int, image) -> ImageFile:
    sha256 = image.sha256
    existing = ImageFile.objects.filter(district=district_id, sha256=sha256).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return ImageFile.objects.create(
                district_id=district_id,
                sha256=sha256,
                content_type=image.content_type,
                width=image.width,
                height=image.height,
                size=len(image.data),
                data=image.data,
            )
    except IntegrityError:  # the same picture, stored by someone else a moment ago
        return ImageFile.objects.get(district=district_id, sha256=sha256)


@attributed
def update_section_image(image: SectionImage, *, expected_version: int, by) -> SectionImage:
    """Save the alt text and caption set on `image`; the file never changes (upload anew)."""
    _require_editable(image.section.plan)
    image.alt_text = _require_alt_text(image.alt_text)
    image.caption = (image.caption or "").strip()
    return save_if_unchanged(
        image, expected_version=expected_version, fields=["alt_text", "caption"]
    )


@attributed
def move_section_image(image: SectionImage, *, up: bool, by) -> None:
    _require_editable(image.section.plan)
    siblings = list(image.section.images.order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == image.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        _swap_positions(SectionImage, siblings[index], siblings[other])


@attributed
def remove_section_image(image: SectionImage, *, by) -> None:
    """Take the image out of its section. Its file is deleted too, unless another section
    shows it or a published version does: a version's frozen HTML points to the file for good,
    so the file stays and only the placement goes."""
    _require_editable(image.section.plan)
    with transaction.atomic():
        file_id = image.file_id
        image.delete()
        ImageFile.objects.filter(pk=file_id, placements__isnull=True).exclude(
            shown_in_a_version()
        ).delete()
