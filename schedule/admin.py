from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from chaudoc.publishing.admin import WorkflowAdminMixin
from schedule.models import Entry


@admin.register(Entry)
class EntryAdmin(WorkflowAdminMixin, TranslationAdmin):
    list_display = ["date", "start_time", "content", "chair", "ward", "status_label", "adjusted_at"]
    list_filter = [
        "status",
        ("portal", admin.RelatedOnlyFieldListFilter),
        ("ward", admin.RelatedOnlyFieldListFilter),
        ("chair", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["chair", "ward", "portal"]
    search_fields = ["content_vi", "content_en", "place_vi"]
    date_hierarchy = "date"
    autocomplete_fields = ["ward"]
    readonly_fields = ["author", "created_at", "updated_at", "adjusted_at"]
    preview_url_name = None
    fieldsets = [
        (
            _("In Vietnamese"),
            {"fields": ["content_vi", "chair_text_vi", "participants_vi", "place_vi"]},
        ),
        (
            _("English translation"),
            {"fields": ["content_en", "chair_text_en", "participants_en", "place_en"]},
        ),
        (
            _("When and who"),
            {
                "fields": [
                    "date",
                    "start_time",
                    "end_time",
                    "chair",
                    "preparing_office",
                    "portal",
                    "ward",
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "adjusted_at",
                    "author",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
