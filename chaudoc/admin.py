from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from chaudoc.abbreviations import admin as abbreviations_admin  # noqa: F401 (registers)
from chaudoc.jobs import admin as jobs_admin  # noqa: F401 (registers)
from chaudoc.portals import archive
from chaudoc.portals.models import Portal, PortalHost, PortalMembership
from chaudoc.ratings import admin as ratings_admin  # noqa: F401 (registers)
from chaudoc.search import admin as search_admin  # noqa: F401 (registers)
from chaudoc.signin import admin as signin_admin  # noqa: F401 (registers django-otp's again)
from chaudoc.wards.models import Ward, WardMembership
from chaudoc.wards.permissions import PermissionNamesAdminMixin
from chaudoc.wards.scope import (
    WardScopedAdminMixin,
    in_portal_scope,
    is_portal_scoped,
    limit_portals,
    portal_ids,
)

admin.site.site_header = _("Châu Đốc portal administration")
admin.site.site_title = _("Châu Đốc portal")
admin.site.index_title = _("Content management")


@admin.register(Ward)
class WardAdmin(WardScopedAdminMixin, admin.ModelAdmin):
    # Scoped too: a ward editor's ward lookups (autocomplete) offer only their own wards.
    ward_lookup = "pk"
    list_display = ["name", "kind", "portal", "order", "is_active", "dissolved_on"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active", ("portal", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    filter_horizontal = ["successors"]


class PortalHostInline(admin.TabularInline):
    model = PortalHost
    extra = 1


class MoveArchiveForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Portal.objects.none(), label=_("Successor portal"), empty_label=None
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = choices


@admin.register(Portal)
class PortalAdmin(TranslationAdmin):
    """Portals and their host names. Staff see the portals they work on; moving a former
    unit's archive into a successor shows what moves before anything does."""

    list_display = ["short_name", "kind", "parent", "host_names", "is_default", "dissolved_on"]
    list_filter = ["kind"]
    search_fields = ["short_name_vi", "name_vi"]
    filter_horizontal = ["successors"]
    inlines = [PortalHostInline]
    actions = ["move_archive"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("hosts")
        return limit_portals(queryset, request.user, "pk")

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and is_portal_scoped(request.user):
            raise Http404  # another portal's row stays unseen
        return obj

    def _reaches(self, request, obj):
        return obj is None or in_portal_scope(request.user, obj.pk)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._reaches(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._reaches(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._reaches(request, obj)

    def has_move_archive_permission(self, request):
        return request.user.has_perm("chaudoc.move_archive")

    @admin.display(description=_("host names"))
    def host_names(self, portal):
        return ", ".join(host.host for host in portal.hosts.all())

    @admin.action(permissions=["move_archive"], description=_("Move the archive into a successor"))
    def move_archive(self, request, queryset):
        sources = list(queryset[:2])
        if len(sources) != 1 or sources[0].dissolved_on is None:
            self.message_user(
                request, gettext("Choose one former unit (a dissolved portal)."), messages.ERROR
            )
            return None
        source = sources[0]
        choices = archive.successor_choices(source)
        if is_portal_scoped(request.user):
            choices = limit_portals(choices, request.user, "pk")
        form = MoveArchiveForm(request.POST if "confirm" in request.POST else None, choices=choices)
        if form.is_valid():
            moved = archive.move_archive(source, form.cleaned_data["target"])
            self.message_user(
                request,
                gettext("%(count)d rows moved from %(source)s into %(target)s.")
                % {
                    "count": sum(moved.values()),
                    "source": source,
                    "target": form.cleaned_data["target"],
                },
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Move the archive of %(unit)s") % {"unit": source},
            "source": source,
            "parts": archive.preview(source),
            "form": form,
        }
        return TemplateResponse(request, "admin/chaudoc/portal/move_archive.html", context)


class PortalMembershipInline(admin.TabularInline):
    model = PortalMembership
    extra = 1
    verbose_name = _("portal")
    verbose_name_plural = _("Portals this staff member works on")


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
    """Administrators set a staff member's portals and a ward editor's wards on the user's
    page. Staff of one portal who may see accounts see their portals' staff only."""

    change_password_form = StaffPasswordForm

    inlines = [PortalMembershipInline, WardMembershipInline]
    list_filter = [
        *UserAdmin.list_filter,
        ("portal_memberships__portal", admin.RelatedOnlyFieldListFilter),
        ("wards", admin.RelatedOnlyFieldListFilter),
    ]

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if not is_portal_scoped(request.user):
            return users
        mine = portal_ids(request.user)
        return users.filter(
            Q(portal_memberships__portal__in=mine) | Q(wards__portal__in=mine)
        ).distinct()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and is_portal_scoped(request.user):
            raise Http404
        return obj


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(PermissionNamesAdminMixin, GroupAdmin):
    """Groups (the roles) with their permissions named in the reader's language."""
