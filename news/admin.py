from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from chaudoc.media.uploads import (
    ChooseFilesAgainAdminMixin,
    StorageFailureAdminMixin,
    ThumbnailFileWidget,
)
from chaudoc.publishing.admin import WorkflowAdminMixin
from chaudoc.publishing.states import Status
from chaudoc.text import pictures_of, same_html
from chaudoc.wards.scope import PortalScopedAdminMixin, ScopedRelatedFieldListFilter
from news.models import Article, Category

PICTURES_TO_TRANSLATE = _(
    "The pictures of the Vietnamese article are already here, with their captions: translate "
    "each caption and write the English text around them. Left as they are, they are not saved."
)


class ArticleForm(forms.ModelForm):
    """The English body starts from the Vietnamese one's pictures: while it is empty, the form
    offers them with their captions (so a translator need not upload them again). Saved
    untouched, that offer is dropped: the English body stays empty until someone writes it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("body_en")  # absent when the body is read-only
        self.offered_pictures = ""
        if field is not None and not self.instance.body_en:
            self.offered_pictures = pictures_of(self.instance.body_vi)
        if self.offered_pictures:
            self.initial["body_en"] = self.offered_pictures
            field.help_text = PICTURES_TO_TRANSLATE

    def clean_body_en(self):
        body = self.cleaned_data["body_en"]
        if self.offered_pictures and same_html(body, self.offered_pictures):
            return ""
        return body


@admin.register(Category)
class CategoryAdmin(PortalScopedAdminMixin, TranslationAdmin):
    list_display = ["name", "portal", "order", "show_on_home"]
    list_editable = ["order", "show_on_home"]
    list_filter = [("portal", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_vi", "name_en"]


@admin.register(Article)
class ArticleAdmin(
    ChooseFilesAgainAdminMixin, WorkflowAdminMixin, StorageFailureAdminMixin, TranslationAdmin
):
    form = ArticleForm
    list_display = [
        "title",
        "portal",
        "category",
        "ward",
        "author",
        "status_label",
        "published_at",
        "featured",
    ]
    list_filter = [
        "status",
        ("portal", admin.RelatedOnlyFieldListFilter),
        ("ward", admin.RelatedOnlyFieldListFilter),
        ("category", ScopedRelatedFieldListFilter),
        ("author", admin.RelatedOnlyFieldListFilter),
        "featured",
    ]
    list_select_related = ["category", "ward", "author", "portal"]
    search_fields = ["title_vi", "title_en", "lead_vi"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category", "ward", "album"]
    readonly_fields = ["author", "created_at", "updated_at"]
    moderator_fields = ["published_at", "expires_at", "featured"]
    preview_url_name = "news:preview"
    formfield_overrides = {models.ImageField: {"widget": ThumbnailFileWidget}}
    fieldsets = [
        # Each language's fields together, Vietnamese first: the clerk writes the article, then
        # (or a translator later) its English version.
        (_("In Vietnamese"), {"fields": ["title_vi", "slug", "lead_vi", "body_vi"]}),
        (_("Cover image"), {"fields": ["cover", "cover_alt_vi"]}),
        (
            _("English translation"),
            {"fields": ["title_en", "lead_en", "body_en", "cover_alt_en"]},
        ),
        (_("Classification"), {"fields": ["portal", "category", "ward", "featured", "album"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "author",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            obj is not None
            and obj.status in (Status.PUBLISHED, Status.WITHDRAWN)
            and not request.user.has_perm("news.change_published_slug")
        ):
            fields.append("slug")  # moderators may rename: the old URL then answers 301
        return fields

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
