"""Pages of the initiatives: a district's list with its filters, one initiative with its
lineage, milestones and status history, the forms that change them, "Mine opdateringer", and
import and export. Everything is fetched through kredsraad.accounts.scoping, so another
district's or municipality's initiative is a 404; every change goes through actions."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    districts_visible_to,
    focus_areas_visible_to,
    initiatives_visible_to,
    municipalities_visible_to,
    plans_visible_to,
)
from kredsraad.core.concurrency import EditConflict
from kredsraad.core.history import history_of
from kredsraad.core.views import edit_page, require_perm
from kredsraad.councils.models import Municipality
from kredsraad.initiatives import actions, transfer
from kredsraad.initiatives.dashboard import district_dashboard
from kredsraad.initiatives.forms import (
    ImportForm,
    InitiativeFilterForm,
    InitiativeForm,
    MilestoneDoneForm,
    MilestoneForm,
    StatusChangeForm,
    StatusUpdateForm,
)
from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.initiatives.queries import (
    current_quarter,
    filtered,
    focus_area_numbers,
    opening_year,
    previous_quarter,
    reporting_duties,
    status_history,
    with_latest_update,
)

IMPORT_SESSION_KEY = "initiatives_import"
EXPORTS = {("indsatser", "csv"), ("milepaele", "csv"), ("indsatser", "xlsx")}


def _initiative(request, pk, perm: str | None = None) -> Initiative:
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    if perm:
        require_perm(request.user, perm, initiative)
    return initiative


# A page of the list: a year's initiatives in a national district fit on one.
PAGE_SIZE = 50


@login_required
def initiatives(request, slug):
    """One plan year's initiatives at a time (this year's by default), filtered and paged, so
    the page does not grow with the district's history; every year stays a choice."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    plans = list(plans_visible_to(request.user).filter(district=district))
    visible = initiatives_visible_to(request.user).filter(district=district)
    filters = InitiativeFilterForm(
        request.GET,
        plans=plans,
        # The filter names each year's focus areas; their texts stay unread.
        focus_areas=focus_areas_visible_to(request.user)
        .filter(plan__district=district)
        .only("pk", "title", "plan__id", "plan__year")
        .order_by("-plan__year", "position"),
        municipalities=municipalities_visible_to(request.user).filter(district=district),
        default_year=opening_year(visible.values_list("focus_areas__plan__year", flat=True)),
    )
    found = filtered(
        with_latest_update(visible)
        .defer("description", "search_vector")
        .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.only("name"))),
        district=district,
        **filters.criteria(),
    )
    page = Paginator(found, PAGE_SIZE).get_page(filters.cleaned_data.get("side"))
    context = {
        "current_district": district,
        "district": district,
        "initiatives": page.object_list,
        "page": page,
        "filters": filters,
        "can_manage": request.user.has_perm("councils.manage_district", district),
        "can_create": _owners_for_new(request.user, district) is not None,
    }
    if request.headers.get("HX-Target") == "initiative-results":
        return render(request, "initiatives/initiatives.html#results", context)
    return render(request, "initiatives/initiatives.html", context)


def _owners_for_new(user, district):
    """Whom a new initiative may belong to: (municipalities to choose from or None, the one
    owner when there is no choice, whether an owner is required). None: may not create."""
    if user.has_perm("councils.manage_district", district):
        return district.municipalities.all(), None, False
    own = [
        m
        for m in district.municipalities.all()
        if user.has_perm(
            "initiatives.edit_initiative", Initiative(district=district, owner_municipality=m)
        )
    ]
    if len(own) == 1:
        return None, own[0], True
    if own:
        return district.municipalities.filter(pk__in=[m.pk for m in own]), None, True
    return None


def _form_kwargs(request, district, *, owners, owner_required=False) -> dict:
    return {
        "district": district,
        "initiatives": initiatives_visible_to(request.user).filter(district=district),
        "focus_areas": focus_areas_visible_to(request.user).filter(plan__district=district),
        "owners": owners,
        "owner_required": owner_required,
    }


@login_required
def initiative_create(request, slug):
    """The secretariat creates district initiatives; a koordinator creates local initiatives of
    their own municipality."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    choice = _owners_for_new(request.user, district)
    if choice is None:
        raise Http404
    owners, owner, owner_required = choice
    form_kwargs = _form_kwargs(request, district, owners=owners, owner_required=owner_required)
    form = InitiativeForm(
        request.POST or None,
        instance=Initiative(district=district, owner_municipality=owner),
        **form_kwargs,
    )
    return edit_page(
        request,
        form,
        lambda form: actions.create_initiative(
            district,
            by=request.user,
            status=form.cleaned_data["status"],
            **{name: getattr(form.instance, name) for name in actions.INITIATIVE_FIELDS},
            **form.relations(),
        ),
        context={
            "current_district": district,
            "heading": _("Ny indsats")
            if owner is None
            else _("Ny lokal indsats i %(m)s") % {"m": owner},
            "cancel_url": reverse("initiatives:initiatives", args=[district.slug]),
        },
        saved_message=_("Indsatsen er oprettet."),
        done=lambda saved: saved,
        form_kwargs=form_kwargs,
    )


@login_required
def initiative(request, pk):
    initiative = get_object_or_404(
        initiatives_visible_to(request.user)
        .select_related("continues")
        .prefetch_related("partners", "forums", "municipalities"),
        pk=pk,
    )
    visible = initiatives_visible_to(request.user)
    # The page names each year's focus area; the texts stay unread, here and below.
    areas = list(
        focus_areas_visible_to(request.user)
        .filter(initiatives=initiative)
        .only("pk", "title", "plan__id", "plan__year")
        .order_by("-plan__year", "position")
    )
    numbers = focus_area_numbers({area.plan_id for area in areas})
    updates = status_history(initiative)
    can_edit = request.user.has_perm("initiatives.edit_initiative", initiative)
    context = {
        "current_district": initiative.district,
        "initiative": initiative,
        "predecessor": visible.filter(pk=initiative.continues_id).first()
        if initiative.continues_id
        else None,
        "successors": visible.filter(continues=initiative).defer("description", "search_vector"),
        "focus_areas": [(area, numbers.get(area.pk, "")) for area in areas],
        "milestones": initiative.milestones.defer("search_vector").order_by(
            "due_date", "due_quarter", "title"
        ),
        "updates": updates,
        "current": next((u for u in updates if u.is_current), None),
        "can_edit": can_edit,
        "can_report": request.user.has_perm("initiatives.report_status", initiative),
        "status_form": StatusChangeForm(initiative=initiative) if can_edit else None,
    }
    return render(request, "initiatives/initiative.html", context)


@login_required
def initiative_edit(request, pk):
    initiative = _initiative(request, pk, "initiatives.edit_initiative")
    district = initiative.district
    # Only the secretariat moves an initiative between the district and a municipality.
    owners = (
        district.municipalities.all()
        if request.user.has_perm("councils.manage_district", district)
        else None
    )
    form_kwargs = _form_kwargs(request, district, owners=owners)
    return edit_page(
        request,
        InitiativeForm(request.POST or None, instance=initiative, **form_kwargs),
        lambda form: actions.update_initiative(
            form.instance,
            expected_version=form.expected_version,
            by=request.user,
            **form.relations(),
        ),
        context={
            "current_district": district,
            "heading": _("Rediger %(title)s") % {"title": initiative.title},
            "cancel_url": initiative.get_absolute_url(),
        },
        saved_message=_("Indsatsen er gemt."),
        done=lambda saved: saved,
        form_kwargs=form_kwargs,
    )


@login_required
@require_POST
def initiative_status(request, pk):
    initiative = _initiative(request, pk, "initiatives.edit_initiative")
    form = StatusChangeForm(request.POST, initiative=initiative)
    if not form.is_valid():
        messages.error(request, _("Vælg en af de mulige nye statusser."))
        return redirect(initiative)
    try:
        actions.change_status(
            initiative,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        )
    except EditConflict:
        messages.error(
            request,
            _("Indsatsen er ændret af en anden, mens du så på den. Kontrollér den, og prøv igen."),
        )
    except actions.InitiativeStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Indsatsen har nu status »%(status)s«.")
            % {"status": initiative.get_status_display().lower()},
        )
    return redirect(initiative)


@login_required
def initiative_history(request, pk):
    initiative = _initiative(request, pk)
    context = {
        "current_district": initiative.district,
        "object": initiative,
        "changes": history_of(initiative, children=((Milestone.objects.all(), "initiative"),)),
    }
    return render(request, "core/history.html", context)


# Milestones ----------------------------------------------------------------------------------


def _milestone(request, pk) -> Milestone:
    milestone = get_object_or_404(
        Milestone.objects.filter(
            initiative__in=initiatives_visible_to(request.user)
        ).select_related("initiative__district"),
        pk=pk,
    )
    require_perm(request.user, "initiatives.edit_initiative", milestone.initiative)
    return milestone


@login_required
def milestone_create(request, pk):
    initiative = _initiative(request, pk, "initiatives.edit_initiative")
    return edit_page(
        request,
        MilestoneForm(request.POST or None),
        lambda form: actions.add_milestone(
            initiative,
            by=request.user,
            **{name: form.cleaned_data[name] for name in actions.MILESTONE_FIELDS},
        ),
        context={
            "current_district": initiative.district,
            "heading": _("Ny milepæl for %(title)s") % {"title": initiative.title},
            "cancel_url": initiative.get_absolute_url(),
        },
        saved_message=_("Milepælen er tilføjet."),
        done=lambda saved: initiative,
    )


@login_required
def milestone_edit(request, pk):
    milestone = _milestone(request, pk)
    initiative = milestone.initiative
    return edit_page(
        request,
        MilestoneForm(request.POST or None, instance=milestone),
        lambda form: actions.update_milestone(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": initiative.district,
            "heading": _("Rediger milepæl: %(title)s") % {"title": milestone.title},
            "cancel_url": initiative.get_absolute_url(),
        },
        saved_message=_("Milepælen er gemt."),
        done=lambda saved: initiative,
    )


@login_required
def milestone_done(request, pk):
    milestone = _milestone(request, pk)
    initiative = milestone.initiative
    return edit_page(
        request,
        MilestoneDoneForm(request.POST or None, instance=milestone),
        lambda form: actions.mark_milestone_done(
            form.instance,
            on=form.cleaned_data["done_on"],
            result=form.cleaned_data["result"],
            expected_version=form.expected_version,
            by=request.user,
        ),
        context={
            "current_district": initiative.district,
            "heading": _("Milepæl nået: %(title)s") % {"title": milestone.title},
            "intro": _("Angiv dagen, milepælen blev nået, og hvad der kom ud af den."),
            "cancel_url": initiative.get_absolute_url(),
        },
        saved_message=_("Milepælen er registreret som nået."),
        done=lambda saved: initiative,
    )


# Status updates ------------------------------------------------------------------------------


@login_required
def status_update_create(request, pk):
    initiative = _initiative(request, pk, "initiatives.report_status")
    return edit_page(
        request,
        StatusUpdateForm(request.POST or None),
        lambda form: actions.report_status(initiative, by=request.user, **form.cleaned_data),
        context={
            "current_district": initiative.district,
            "heading": _("Statusopdatering: %(title)s") % {"title": initiative.title},
            "intro": _(
                "En statusopdatering kan ikke ændres, når den er gemt. Skriver du igen for "
                "samme kvartal, bliver den nye opdatering den gældende, og den gamle bevares i "
                "historikken."
            ),
            "cancel_url": initiative.get_absolute_url(),
        },
        saved_message=_("Statusopdateringen er gemt."),
        done=lambda saved: initiative,
    )


@login_required
def dashboard(request, slug):
    """The district at a glance: the year's plan, handleplaner, traffic lights, milestones in
    the next 90 days and overdue reports."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    context = {
        "current_district": district,
        "district": district,
        "dashboard": district_dashboard(request.user, district),
        "today": timezone.localdate(),
    }
    return render(request, "initiatives/dashboard.html", context)


@login_required
def my_updates(request):
    quarter = current_quarter()
    context = {
        "current_district": districts_visible_to(request.user).first(),
        "duties": reporting_duties(request.user),
        "quarter": quarter,
        "previous": previous_quarter(quarter),
    }
    return render(request, "initiatives/my_updates.html", context)


# Import and export ---------------------------------------------------------------------------


@login_required
def export(request, slug, name, fmt):
    """The initiatives the user may see in the district, with their milestones: one CSV per
    table, or one workbook with both."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    if (name, fmt) not in EXPORTS:
        raise Http404
    sheets = transfer.tables(initiatives_visible_to(request.user).filter(district=district))
    if fmt == "xlsx":
        body = transfer.as_xlsx(sheets)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        table = transfer.INITIATIVES if name == "indsatser" else transfer.MILESTONES
        body = transfer.as_csv(sheets[table], transfer.COLUMNS[table])
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{district.slug}.{fmt}"'
    return response


@login_required
def import_initiatives(request, slug):
    """Upload → a preview of every row's effect (nothing saved) → apply, all or nothing. The
    file waits in the session between the two steps."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.manage_district", district)
    context = {
        "current_district": district,
        "district": district,
        "initiative_columns": transfer.INITIATIVE_COLUMNS,
        "milestone_columns": transfer.MILESTONE_COLUMNS,
    }
    if request.method == "POST" and "fingerprint" in request.POST:
        return _apply_import(request, district, context)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = {
            name: (upload.name, upload.read())
            for name in ("initiatives", "milestones")
            if (upload := form.cleaned_data[name])
        }
        request.session[IMPORT_SESSION_KEY] = {
            "district": district.pk,
            "files": {
                name: [filename, base64.b64encode(content).decode("ascii")]
                for name, (filename, content) in files.items()
            },
        }
        context["plan"] = transfer.plan_import(district, _upload(files))
    context["form"] = form
    return render(request, "initiatives/import.html", context)


def _upload(files: dict) -> transfer.Upload:
    return transfer.read_upload(
        initiatives_file=files.get("initiatives"), milestones_file=files.get("milestones")
    )


def _apply_import(request, district, context):
    stored = request.session.get(IMPORT_SESSION_KEY)
    if not stored or stored["district"] != district.pk:
        messages.error(request, _("Forhåndsvisningen er udløbet. Vælg filen igen."))
        return redirect("initiatives:import", slug=district.slug)
    files = {
        name: (filename, base64.b64decode(content))
        for name, (filename, content) in stored["files"].items()
    }
    try:
        plan = actions.import_initiatives(
            district,
            _upload(files),
            expected_fingerprint=request.POST["fingerprint"],
            by=request.user,
        )
    except actions.ImportRefused as refused:
        messages.error(request, str(refused))
        context.update(plan=refused.plan, form=ImportForm())
        return render(request, "initiatives/import.html", context)
    except (EditConflict, ValidationError):
        messages.error(
            request, _("Data blev ændret under indlæsningen, så intet er indlæst. Prøv igen.")
        )
        return redirect("initiatives:import", slug=district.slug)
    del request.session[IMPORT_SESSION_KEY]
    messages.success(
        request,
        _("Filen er indlæst: %(created)s oprettet, %(updated)s ændret, %(unchanged)s uændret.")
        % {
            "created": plan.counts["create"],
            "updated": plan.counts["update"],
            "unchanged": plan.counts["unchanged"],
        },
    )
    return redirect("initiatives:initiatives", slug=district.slug)
