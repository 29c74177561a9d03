"""Pages of the registry. Every object is fetched through kredsraad.accounts.scoping, so
another district's or municipality's object is a 404; every change goes through actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import (
    councils_visible_to,
    districts_visible_to,
    forums_visible_to,
    memberships_visible_to,
    municipalities_visible_to,
    organisations_visible_to,
    people_visible_to,
)
from kredsraad.core.concurrency import EditConflict
from kredsraad.core.history import history_of
from kredsraad.core.views import edit_page, require_perm
from kredsraad.councils import actions, value_lists
from kredsraad.councils.forms import (
    CouncilForm,
    DistrictSettingsForm,
    EndMembershipForm,
    ForumFilterForm,
    ForumForm,
    MembershipForm,
    NewLocalCouncilForm,
    NewMembershipForm,
    OrganisationForm,
    PersonForm,
    TargetGroupForm,
)
from kredsraad.councils.models import (
    Council,
    Forum,
    LocalCouncils,
    Membership,
    Municipality,
    Organisation,
    TargetGroup,
)
from kredsraad.councils.start import start_page


@login_required
def home(request):
    """The personal start page (councils.start): everyone lands here after signing in."""
    page = start_page(request.user)
    context = {
        "page": page,
        # The menu follows the user's first district; the header switches between several,
        # the same list, so the context processor's query for it is not made a second time.
        "current_district": page.districts[0] if page.districts else None,
        "user_districts": page.districts,
    }
    return render(request, "councils/start.html", context)


@login_required
def district(request, slug):
    """The district's registry page (»Kommuner og råd«): its councils, municipalities, fora
    and partners, and the secretariat's setup links. The district and its counts are one
    query, its councils another."""
    user = request.user
    municipalities = Municipality.objects.filter(district=OuterRef("pk"))
    district = get_object_or_404(
        districts_visible_to(user).annotate(
            # The district's own number: a koordinator sees only their municipality in the
            # table, but the district still works with all of them.
            municipality_count=_count(municipalities),
            forum_count=_count(forums_visible_to(user).filter(district=OuterRef("pk"))),
            organisation_count=_count(
                organisations_visible_to(user).filter(district=OuterRef("pk"))
            ),
            has_free_municipality=Exists(municipalities.filter(councils__isnull=True)),
        ),
        slug=slug,
    )
    councils = list(councils_visible_to(user).filter(district=district))
    context = {
        "current_district": district,
        "district": district,
        "municipalities": municipalities_visible_to(user)
        .filter(district=district)
        .select_related("region"),
        "municipality_count": district.municipality_count,
        "district_council": next((c for c in councils if c.kind == Council.Kind.DISTRICT), None),
        "local_councils": [c for c in councils if c.kind == Council.Kind.LOCAL],
        "forum_count": district.forum_count,
        "organisation_count": district.organisation_count,
        "can_manage": user.has_perm("councils.manage_district", district),
        "can_set_up": user.has_perm("councils.set_up_district", district),
        "lacks_local_council": _can_add_local_council(district),
        "can_configure": user.has_perm("councils.configure_district", district),
        "can_keep_value_lists": user.has_perm("councils.keep_value_lists"),
    }
    return render(request, "councils/district.html", context)


def _count(rows) -> Coalesce:
    """How many of the district's `rows` there are (filtered by district=OuterRef), as a
    column."""
    counted = rows.order_by().values("district").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def _can_add_local_council(district) -> bool:
    """Whether the district's setting leaves room for another lokalråd (district() reads the
    counts this needs with the district)."""
    if district.local_councils == LocalCouncils.NONE:
        return False
    if district.local_councils == LocalCouncils.SEVERAL:
        return district.municipality_count > 0
    return district.has_free_municipality


@login_required
def municipality(request, code):
    municipality = get_object_or_404(municipalities_visible_to(request.user), code=code)
    context = {
        "current_district": municipality.district,
        "municipality": municipality,
        # A municipality may have several lokalråd (PoliceDistrict.local_councils).
        "councils": councils_visible_to(request.user).filter(municipality=municipality),
        "forums": forums_visible_to(request.user)
        .filter(municipalities=municipality)
        .select_related("target_group"),
        "organisations": Organisation.objects.filter(municipality=municipality),
    }
    return render(request, "councils/municipality.html", context)


@login_required
def council(request, pk):
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    memberships = council.memberships.select_related("person__organisation", "represents").order_by(
        Membership.role_rank(), "represents__name", "start"
    )
    current = [m for m in memberships if m.end is None or m.end >= today]
    former = sorted(
        (m for m in memberships if m.end is not None and m.end < today),
        key=lambda m: m.end,
        reverse=True,
    )
    context = {
        "current_district": council.district,
        "council": council,
        "current_members": [m for m in current if m.start <= today],
        "future_members": [m for m in current if m.start > today],
        "former_members": former,
        "can_edit": request.user.has_perm("councils.edit_council", council),
        "can_edit_members": request.user.has_perm("councils.edit_members", council),
    }
    return render(request, "councils/council.html", context)


@login_required
def council_edit(request, pk):
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    require_perm(request.user, "councils.edit_council", council)
    return edit_page(
        request,
        CouncilForm(request.POST or None, instance=council),
        lambda form: actions.update_council(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": council.district,
            "heading": _("Rediger %(name)s") % {"name": council.name},
            "cancel_url": council.get_absolute_url(),
        },
        saved_message=_("Rådet er gemt."),
        done=lambda saved: saved,
    )


@login_required
def council_create(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.manage_district", district)
    return edit_page(
        request,
        NewLocalCouncilForm(request.POST or None, district=district),
        lambda form: actions.create_council(
            by=request.user,
            kind=Council.Kind.LOCAL,
            district=district,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        ),
        context={
            "current_district": district,
            "heading": _("Opret lokalråd"),
            "cancel_url": district.get_absolute_url(),
        },
        saved_message=_("Lokalrådet er oprettet."),
        done=lambda saved: saved,
    )


@login_required
def membership_add(request, pk):
    council = get_object_or_404(councils_visible_to(request.user), pk=pk)
    require_perm(request.user, "councils.edit_members", council)
    form = NewMembershipForm(
        request.POST or None, council=council, people=people_visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.add_member(
                council,
                person=form.cleaned_data["person"],
                new_person=form.new_person_values(),
                role=form.cleaned_data["role"],
                represents=form.cleaned_data["represents"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s er tilføjet til %(council)s.")
                % {"person": membership.person, "council": council},
            )
            return redirect(council)
    context = {"current_district": council.district, "council": council, "form": form}
    return render(request, "councils/membership_add.html", context)


def _membership_for_editing(request, pk):
    membership = get_object_or_404(
        memberships_visible_to(request.user).select_related(
            "council__district", "person__organisation", "represents"
        ),
        pk=pk,
    )
    require_perm(request.user, "councils.edit_members", membership.council)
    return membership


@login_required
def membership(request, pk):
    membership = get_object_or_404(
        memberships_visible_to(request.user).select_related(
            "council__district", "person__organisation", "represents"
        ),
        pk=pk,
    )
    context = {
        "current_district": membership.council.district,
        "membership": membership,
        "can_edit": request.user.has_perm("councils.edit_members", membership.council),
    }
    return render(request, "councils/membership.html", context)


@login_required
def membership_edit(request, pk):
    membership = _membership_for_editing(request, pk)
    council = membership.council
    return edit_page(
        request,
        MembershipForm(request.POST or None, instance=membership, council=council),
        lambda form: actions.update_membership(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": council.district,
            "heading": _("Rediger medlemskab: %(person)s") % {"person": membership.person},
            "cancel_url": council.get_absolute_url(),
        },
        saved_message=_("Medlemskabet er gemt."),
        done=lambda saved: council,
        form_kwargs={"council": council},
    )


@login_required
def membership_end(request, pk):
    membership = _membership_for_editing(request, pk)
    council = membership.council
    form = EndMembershipForm(
        request.POST or None,
        initial={"end": timezone.localdate(), "version": membership.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_membership(
                membership,
                end=form.cleaned_data["end"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except EditConflict as conflict:
            messages.error(
                request,
                _(
                    "Medlemskabet er ændret af en anden, mens du arbejdede. Kontrollér og prøv igen."
                ),
            )
            membership = conflict.current
            form = EndMembershipForm(
                initial={"end": form.cleaned_data["end"], "version": membership.version}
            )
        except ValidationError as error:
            form.add_error("end" if "end" in error.message_dict else None, error.messages[0])
        else:
            messages.success(
                request,
                _("Medlemskabet for %(person)s er afsluttet.") % {"person": membership.person},
            )
            return redirect(council)
    context = {"current_district": council.district, "membership": membership, "form": form}
    return render(request, "councils/membership_end.html", context)


@login_required
def person_edit(request, pk):
    """People are corrected from one of their memberships, by whoever keeps that council."""
    membership = _membership_for_editing(request, pk)
    person = membership.person
    return edit_page(
        request,
        PersonForm(request.POST or None, instance=person),
        lambda form: actions.update_person(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": membership.council.district,
            "heading": _("Rediger person: %(person)s") % {"person": person},
            "cancel_url": membership.get_absolute_url(),
        },
        saved_message=_("Personen er gemt."),
        done=lambda saved: membership,
    )


@login_required
def forums(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    filters = ForumFilterForm(request.GET or None, district=district)
    forums = (
        forums_visible_to(request.user)
        .filter(district=district)
        .select_related("target_group")
        .prefetch_related("municipalities", "member_organisations")
    )
    if filters.is_valid():
        if filters.cleaned_data["municipality"]:
            forums = forums.filter(municipalities=filters.cleaned_data["municipality"])
        if filters.cleaned_data["target_group"]:
            forums = forums.filter(target_group=filters.cleaned_data["target_group"])
    context = {
        "current_district": district,
        "district": district,
        "forums": forums,
        "filters": filters,
        "district_municipality_count": district.municipalities.count(),
        "can_manage": request.user.has_perm("councils.manage_district", district),
    }
    if request.headers.get("HX-Target") == "forum-results":
        return render(request, "councils/forums.html#results", context)
    return render(request, "councils/forums.html", context)


@login_required
def forum(request, pk):
    forum = get_object_or_404(
        forums_visible_to(request.user)
        .select_related("target_group")
        .prefetch_related(Prefetch("municipalities"), Prefetch("member_organisations")),
        pk=pk,
    )
    context = {
        "current_district": forum.district,
        "forum": forum,
        "can_edit": request.user.has_perm("councils.edit_forum", forum),
    }
    return render(request, "councils/forum.html", context)


@login_required
def forum_edit(request, pk=None, slug=None):
    if pk is None:
        district = get_object_or_404(districts_visible_to(request.user), slug=slug)
        require_perm(request.user, "councils.manage_district", district)
        forum = Forum(district=district)
    else:
        forum = get_object_or_404(forums_visible_to(request.user), pk=pk)
        require_perm(request.user, "councils.edit_forum", forum)
        district = forum.district
    return edit_page(
        request,
        ForumForm(request.POST or None, instance=forum, district=district),
        lambda form: actions.save_forum(
            form.instance,
            members=form.cleaned_data["member_organisations"],
            municipalities=form.cleaned_data["municipalities"],
            expected_version=form.cleaned_data.get("version"),
            by=request.user,
        ),
        context={
            "current_district": district,
            "heading": _("Rediger %(name)s") % {"name": forum.name} if forum.pk else _("Nyt forum"),
            "cancel_url": forum.get_absolute_url()
            if forum.pk
            else reverse("councils:forums", args=[district.slug]),
        },
        saved_message=_("Forummet er gemt."),
        done=lambda saved: saved,
        form_kwargs={"district": district},
    )


@login_required
def organisations(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    organisations = organisations_visible_to(request.user).filter(
        Q(district=district) | Q(district__isnull=True)
    )
    context = {
        "current_district": district,
        "district": district,
        "organisations": organisations.order_by("kind", "name"),
        "kinds": Organisation.Kind,
        "can_manage": request.user.has_perm("councils.manage_district", district),
    }
    return render(request, "councils/organisations.html", context)


@login_required
def organisation(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    district = organisation.district or _home_district(request)
    context = {
        "current_district": district,
        "organisation": organisation,
        "forums": forums_visible_to(request.user)
        .filter(Q(member_organisations=organisation) | Q(lead_organisation=organisation))
        .distinct(),
        "can_edit": request.user.has_perm("councils.edit_organisation", organisation),
    }
    return render(request, "councils/organisation.html", context)


def _home_district(request):
    return districts_visible_to(request.user).first()


@login_required
def organisation_edit(request, pk=None, slug=None):
    if pk is None:
        district = get_object_or_404(districts_visible_to(request.user), slug=slug)
        require_perm(request.user, "councils.manage_district", district)
        organisation = Organisation(district=district)
    else:
        organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
        require_perm(request.user, "councils.edit_organisation", organisation)
        district = organisation.district or _home_district(request)

    def save(form):
        if form.instance.pk is None:
            return actions.create_organisation(
                by=request.user,
                district=district,
                **{name: form.cleaned_data[name] for name in actions.ORGANISATION_FIELDS},
            )
        return actions.update_organisation(
            form.instance, expected_version=form.expected_version, by=request.user
        )

    return edit_page(
        request,
        OrganisationForm(request.POST or None, instance=organisation, district=district),
        save,
        context={
            "current_district": district,
            "heading": _("Rediger %(name)s") % {"name": organisation.name}
            if organisation.pk
            else _("Ny organisation"),
            "cancel_url": organisation.get_absolute_url()
            if organisation.pk
            else reverse("councils:organisations", args=[district.slug]),
        },
        saved_message=_("Organisationen er gemt."),
        done=lambda saved: saved,
        form_kwargs={"district": district},
    )


# The objects that have a "Historik" page, each read through its scoped queryset.
HISTORY_SOURCES = {
    "kreds": (districts_visible_to, ""),
    "kommune": (municipalities_visible_to, "district"),
    "raad": (councils_visible_to, "district"),
    "medlemskab": (memberships_visible_to, "council__district"),
    "forum": (forums_visible_to, "district"),
    "organisation": (organisations_visible_to, "district"),
    "person": (people_visible_to, "district"),
}


# A council's story includes who joined and left it.
HISTORY_CHILDREN = {
    "raad": ((Membership.objects.select_related("person__organisation", "council"), "council"),),
}


@login_required
def history(request, kind, pk):
    if kind not in HISTORY_SOURCES:
        raise Http404
    visible_to, district_path = HISTORY_SOURCES[kind]
    obj = get_object_or_404(visible_to(request.user), pk=pk)
    district = obj
    for step in filter(None, district_path.split("__")):
        district = getattr(district, step) if district is not None else None
    context = {
        "current_district": district or _home_district(request),
        "object": obj,
        "changes": history_of(obj, children=HISTORY_CHILDREN.get(kind, ())),
    }
    return render(request, "core/history.html", context)


# District settings and the value lists (the administrator's) ---------------------------------


@login_required
def district_settings(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.configure_district", district)
    return edit_page(
        request,
        DistrictSettingsForm(request.POST or None, instance=district),
        lambda form: actions.update_district(
            form.instance, expected_version=form.expected_version, by=request.user
        ),
        context={
            "current_district": district,
            "heading": _("Indstillinger for %(district)s") % {"district": district},
            "cancel_url": district.get_absolute_url(),
        },
        saved_message=_("Indstillingerne er gemt."),
        done=lambda saved: saved,
    )


TARGET_GROUPS = value_lists.ValueList(
    model=TargetGroup,
    form=TargetGroupForm,
    used_by="forums",
    url_name="target_group",
    namespace="councils",
    create=actions.create_target_group,
    update=actions.update_target_group,
    delete=actions.delete_target_group,
    heading=gettext_lazy("Målgrupper for samarbejdsfora"),
    intro=gettext_lazy(
        "Målgrupperne, et samarbejdsforum kan arbejde med. En målgruppe i brug kan ikke "
        "slettes, men markeres som udgået: den tilbydes så ikke længere, men står stadig, "
        "hvor den er brugt."
    ),
    used_label=gettext_lazy("Fora"),
    create_label=gettext_lazy("Ny målgruppe"),
    edit_heading=gettext_lazy("Rediger målgruppe: %(label)s"),
    saved_message=gettext_lazy("Målgruppen er gemt."),
    deleted_message=gettext_lazy("Målgruppen »%(label)s« er slettet."),
)


@login_required
def target_groups(request):
    return value_lists.list_page(request, TARGET_GROUPS)


@login_required
def target_group_edit(request, code=None):
    return value_lists.edit(request, TARGET_GROUPS, code)


@login_required
@require_POST
def target_group_delete(request, code):
    return value_lists.delete(request, TARGET_GROUPS, code)
