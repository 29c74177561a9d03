from django.contrib import admin

from kredsraad.statistics.models import Table


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    """The secretariat decides per source whether small counts are hidden in public outputs
    (statistics.reading.disclosure); the table's description comes from tableinfo or the file,
    so it is read here, not edited. pghistory keeps every change of the decision."""

    list_display = ["code", "title", "frequency", "small_counts"]
    list_editable = ["small_counts"]
    fields = ["code", "title", "unit", "frequency", "has_area", "described_by", "small_counts"]
    readonly_fields = ["code", "title", "unit", "frequency", "has_area", "described_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
