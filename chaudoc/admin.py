from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from chaudoc.abbreviations import admin as abbreviations_admin  # noqa: F401 (registers)
from chaudoc.jobs import admin as jobs_admin  # noqa: F401 (registers)
from chaudoc.search import admin as search_admin  # noqa: F401 (registers)
from chaudoc.wards.models import Ward, WardMembership
from chaudoc.wards.scope import WardScopedAdminMixin

admin.site.site_header = _("Châu Đốc portal administration")
admin.site.site_title = _("Châu Đốc portal")
admin.site.index_title = _("Content management")


@admin.register(Ward)
class WardAdmin(WardScopedAdminMixin, admin.ModelAdmin):
    # Scoped too: a ward editor's ward lookups (autocomplete) offer only their own wards.
    ward_lookup = "pk"
    list_display = ["name", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


class WardMembershipInline(admin.TabularInline):
    model = WardMembership
    extra = 1
    verbose_name = _("ward")
    verbose_name_plural = _("Wards this staff member edits")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffAdmin(UserAdmin):
    """Administrators set a ward editor's wards on the user's page."""

    inlines = [WardMembershipInline]
    list_filter = [*UserAdmin.list_filter, "wards"]
