"""Reads of images: whom a file may be served to, and whether a published version shows it."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from kredsraad.accounts.scoping import districts_visible_to, plans_visible_to
from kredsraad.images.models import ImageFile, SectionImage
from kredsraad.plans.models import PlanVersion


def section_images_visible_to(user) -> QuerySet[SectionImage]:
    """The images of the sections of the plans this user reads (another district's: a 404)."""
    return SectionImage.objects.filter(section__plan__in=plans_visible_to(user)).select_related(
        "section__plan__district", "file"
    )


def image_files_visible_to(user) -> QuerySet[ImageFile]:
    """Everyone with a role in a district reads its images, as they read its draft plans."""
    return ImageFile.objects.filter(district__in=districts_visible_to(user))


def shown_in_a_version(prefix: str = "") -> Q:
    """On ImageFile (`prefix` leads to one): a published version's frozen HTML names the file's
    URL, which holds its hash. The version is the record of what was published, so this is
    read from it rather than kept beside it."""
    return Q(
        Exists(
            PlanVersion.objects.filter(
                plan__district=OuterRef(f"{prefix}district"),
                html__contains=OuterRef(f"{prefix}sha256"),
            )
        )
    )
