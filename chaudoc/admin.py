from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from chaudoc.abbreviations import admin as abbreviations_admin  # noqa: F401 (registers)
from chaudoc.jobs import admin as jobs_admin  # noqa: F401 (registers)
from chaudoc.search import admin as search_admin  # noqa: F401 (registers)
from chaudoc.wards.models import Ward, WardMembership
from chaudoc.wards.permissions import PermissionNamesAdminMixin
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


class StaffPasswordForm(AdminPasswordChangeForm):
    """Django's, with its warning translatable (Django writes it in English only)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li>'
                "</ul>",
                SetUnusablePasswordMixin.usable_password_help_text,
                _("If disabled, the current password for this user will be lost."),
            )


@admin.register(User)
class StaffAdmin(PermissionNamesAdminMixin, UserAdmin):
    """Administrators set a ward editor's wards on the user's page."""

    change_password_form = StaffPasswordForm

    inlines = [WardMembershipInline]
    list_filter = [*UserAdmin.list_filter, "wards"]


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(PermissionNamesAdminMixin, GroupAdmin):
    """Groups (the roles) with their permissions named in the reader's language."""
