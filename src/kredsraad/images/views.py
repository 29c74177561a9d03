"""The images of a plan's section: shown, uploaded, described, moved and removed from the
section's edit page. Fetched through images.queries (another district's image is a 404);
changes go through images.actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import plans_visible_to
from kredsraad.core.saving import Refused
from kredsraad.core.views import edit_page, require_perm
from kredsraad.images import actions
from kredsraad.images.forms import SectionImageForm, UploadForm
from kredsraad.images.queries import section_images_visible_to
from kredsraad.images.uploads import MAX_BYTES
from kredsraad.plans.models import PlanSection


def _section(request, pk) -> PlanSection:
    section = get_object_or_404(
        PlanSection.objects.filter(plan__in=plans_visible_to(request.user)).select_related(
            "plan__district"
        ),
        pk=pk,
    )
    require_perm(request.user, "plans.edit_plan", section.plan)
    return section


def _image(request, pk):
    image = get_object_or_404(section_images_visible_to(request.user), pk=pk)
    require_perm(request.user, "plans.edit_plan", image.section.plan)
    return image


def _back(section) -> str:
    return reverse("plans:section_edit", args=[section.pk])


@login_required
def upload(request, pk):
    """The upload form (shown on the section's edit page too); after an error it shows here
    with the error beside the field, and nothing is stored."""
    section = _section(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)

    def save(form):
        upload = form.cleaned_data["file"]
        return actions.add_section_image(
            section,
            data=upload.read(MAX_BYTES + 1),
            alt_text=form.cleaned_data["alt_text"],
            caption=form.cleaned_data["caption"],
            by=request.user,
        )

    return edit_page(
        request,
        form,
        save,
        context={
            "current_district": section.plan.district,
            "heading": _("Nyt billede i afsnittet »%(section)s«") % {"section": section},
            "cancel_url": _back(section),
            "section": section,
        },
        template="images/upload.html",
        saved_message=_("Billedet er tilføjet."),
        done=lambda saved: _back(section),
    )


@login_required
def edit(request, pk):
    image = _image(request, pk)
    return edit_page(
        request,
        SectionImageForm(request.POST or None, instance=image),
        lambda form: actions.update_section_image(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": image.section.plan.district,
            "heading": _("Rediger billedets tekster"),
            "cancel_url": _back(image.section),
            "image": image,
        },
        template="images/edit.html",
        saved_message=_("Billedets tekster er gemt."),
        done=lambda saved: _back(image.section),
    )


@login_required
@require_POST
def move(request, pk):
    image = _image(request, pk)
    try:
        actions.move_section_image(image, up=request.POST.get("retning") == "op", by=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    return redirect(_back(image.section))


@login_required
@require_POST
def remove(request, pk):
    image = _image(request, pk)
    try:
        actions.remove_section_image(image, by=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Billedet er fjernet fra afsnittet."))
    return redirect(_back(image.section))
