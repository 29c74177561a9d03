from django.contrib import admin

from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Municipality,
    Organisation,
    Person,
    PoliceDistrict,
    Region,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(PoliceDistrict)
class PoliceDistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "slug"]
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "district", "region"]
    list_filter = ["district", "region"]
    search_fields = ["name", "code"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "email", "district"]
    list_select_related = ["organisation"]
    search_fields = ["name", "title", "email"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "council", "role", "start", "end"]
    list_select_related = ["person__organisation", "council"]
    list_filter = ["role", "council__district"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "target_group", "district"]
    list_filter = ["target_group", "district"]
    search_fields = ["name"]
