from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from about.models import IntroPage, Leader, MenuItem, Office, Procedure, WebLink
from chaudoc.media.uploads import (
    ChooseFilesAgainAdminMixin,
    StorageFailureAdminMixin,
    ThumbnailFileWidget,
)
from chaudoc.publishing.admin import WorkflowAdminMixin
from chaudoc.wards.scope import PortalScopedAdminMixin

PUBLICATION = (
    _("Publication"),
    {"fields": ["status", "published_at", "expires_at", "author", "created_at", "updated_at"]},
)


@admin.register(IntroPage)
class IntroPageAdmin(
    ChooseFilesAgainAdminMixin, WorkflowAdminMixin, StorageFailureAdminMixin, TranslationAdmin
):
    list_display = ["title", "parent", "order", "ward", "status_label", "published_at"]
    list_filter = [
        "status",
        ("portal", admin.RelatedOnlyFieldListFilter),
        ("ward", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["parent", "ward", "portal"]
    search_fields = ["title_vi", "title_en"]
    autocomplete_fields = ["ward"]
    readonly_fields = ["author", "created_at", "updated_at"]
    preview_url_name = "about:preview"
    formfield_overrides = {models.ImageField: {"widget": ThumbnailFileWidget}}
    fieldsets = [
        (_("In Vietnamese"), {"fields": ["title_vi", "slug", "summary_vi", "body_vi"]}),
        (_("Image or PDF file"), {"fields": ["image", "file", "image_alt_vi", "image_text_vi"]}),
        (
            _("English translation"),
            {"fields": ["title_en", "summary_en", "body_en", "image_alt_en", "image_text_en"]},
        ),
        (_("Place in the introduction"), {"fields": ["portal", "parent", "order", "ward"]}),
        PUBLICATION,
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Office)
class OfficeAdmin(PortalScopedAdminMixin, TranslationAdmin):
    list_display = ["name", "parent", "head_display", "phone", "is_contact_point", "order"]
    list_editable = ["order"]
    list_filter = [("portal", admin.RelatedOnlyFieldListFilter), "is_contact_point"]
    list_select_related = ["parent", "head"]
    search_fields = ["name_vi", "name_en"]
    fieldsets = [
        (_("In Vietnamese"), {"fields": ["name_vi", "duties_vi", "head_title_vi", "address_vi"]}),
        (
            _("English translation"),
            {"fields": ["name_en", "duties_en", "head_title_en", "address_en"]},
        ),
        (
            _("Place in the organisation"),
            {"fields": ["portal", "parent", "head", "head_name", "order"]},
        ),
        (_("Contact"), {"fields": ["phone", "email", "is_contact_point"]}),
    ]

    @admin.display(description=_("head"))
    def head_display(self, obj):
        return obj.head_display


@admin.register(Leader)
class LeaderAdmin(
    ChooseFilesAgainAdminMixin, PortalScopedAdminMixin, StorageFailureAdminMixin, TranslationAdmin
):
    list_display = ["name", "position", "order", "is_active"]
    list_editable = ["order"]
    list_filter = [("portal", admin.RelatedOnlyFieldListFilter), "is_active"]
    search_fields = ["name", "position_vi"]
    formfield_overrides = {models.ImageField: {"widget": ThumbnailFileWidget}}
    fieldsets = [
        (
            _("In Vietnamese"),
            {"fields": ["name", "slug", "position_vi", "biography_vi", "duties_vi"]},
        ),
        (_("Photo"), {"fields": ["photo", "photo_alt_vi"]}),
        (
            _("English translation"),
            {"fields": ["position_en", "biography_en", "duties_en", "photo_alt_en"]},
        ),
        (None, {"fields": ["portal", "order", "is_active"]}),
    ]


# An address typed without a scheme is a state website's: HTTPS.
URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Procedure)
class ProcedureAdmin(PortalScopedAdminMixin, TranslationAdmin):
    formfield_overrides = URLS
    list_display = ["name", "field", "code", "order"]
    list_editable = ["order"]
    list_filter = [("portal", admin.RelatedOnlyFieldListFilter), "field"]
    search_fields = ["name_vi", "name_en", "code"]
    fieldsets = [
        (_("In Vietnamese"), {"fields": ["name_vi", "field_vi"]}),
        (_("English translation"), {"fields": ["name_en", "field_en"]}),
        (None, {"fields": ["portal", "code", "url", "order"]}),
    ]


@admin.register(WebLink)
class WebLinkAdmin(PortalScopedAdminMixin, TranslationAdmin):
    formfield_overrides = URLS
    list_display = ["name", "url", "order"]
    list_editable = ["order"]
    list_filter = [("portal", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_vi", "name_en"]
    fields = ["name_vi", "name_en", "url", "portal", "order"]


@admin.register(MenuItem)
class MenuItemAdmin(PortalScopedAdminMixin, TranslationAdmin):
    list_display = ["label", "target", "page", "order"]
    list_editable = ["order"]
    list_filter = [("portal", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["page"]
    search_fields = ["label_vi", "label_en"]
    fields = ["label_vi", "label_en", "target", "page", "portal", "order"]
    autocomplete_fields = ["page"]
