import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from chaudoc.media.images import check_batch, check_image
from chaudoc.media.uploads import STORAGE_FAILED, ChooseFilesAgainAdminMixin
from chaudoc.publishing import workflow
from chaudoc.publishing.admin import WorkflowAdminMixin
from gallery.models import Album, Photo
from gallery.uploads import add_photos

ACCEPT = "image/jpeg,image/png,image/webp"
logger = logging.getLogger(__name__)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Any number of files from one <input type="file" multiple>; each is checked by decoding
    it (chaudoc.media.images.check_image), and one bad file refuses the whole batch."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("allow_empty_file", True)  # check_image refuses it, with its message
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        files = [super(MultipleImageField, self).clean(f, initial) for f in files if f]
        check_batch(files)  # from the headers: a batch too heavy is refused before decoding
        errors = []
        for upload in files:
            try:
                check_image(upload)
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        _("%(name)s: %(reason)s"),
                        params={"name": upload.name, "reason": " ".join(error.messages)},
                        code=error.error_list[0].code,
                    )
                )
        if errors:
            raise ValidationError(errors)
        return files


class AlbumAdminForm(forms.ModelForm):
    upload_photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        help_text=_(
            "Choose or drop many JPEG, PNG or WebP files at once (up to 100 per save; "
            "for whole folders ask an administrator to run import_photos). Each file "
            "is checked: if one is refused, nothing is added."
        ),
    )
    photo_credit = forms.CharField(
        label=_("Photographer of the added photos"),
        required=False,
        max_length=120,
    )

    class Meta:
        model = Album
        fields = [
            "title",
            "slug",
            "description",
            "event_date",
            "portal",
            "ward",
            "cover",
            "published_at",
            "expires_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover" in self.fields:
            # The cover is one of the album's own photos (none to choose before there are any).
            album_id = self.instance.pk
            self.fields["cover"].queryset = Photo.objects.filter(album_id=album_id or 0)


class PhotoInline(TranslationStackedInline):
    """The album's photos: captions, alt text, credit and order (a number, or drag a photo).
    One block per photo (a table of ten columns does not fit a screen), Vietnamese first."""

    model = Photo
    extra = 0
    fieldsets = [
        (None, {"fields": ["preview", "order", "credit", "taken_at", "original_name"]}),
        (_("In Vietnamese"), {"fields": ["caption_vi", "alt_text_vi"]}),
        (_("English translation"), {"fields": ["caption_en", "alt_text_en"]}),
    ]
    readonly_fields = ["preview", "original_name"]
    ordering = ["order", "pk"]
    classes = ["photo-inline"]

    @admin.display(description=_("photo"))
    def preview(self, obj):
        if not obj.pk:
            return ""
        thumb = obj.renditions.smallest
        return format_html(
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" width="{}" height="{}" '
            'alt="" class="photo-preview"></a>',
            obj.large.url,
            thumb.url,
            thumb.width,
            thumb.height,
        )

    def has_add_permission(self, request, obj=None):
        return False  # new photos come through the multi-file field above the list

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))


@admin.register(Album)
class AlbumAdmin(ChooseFilesAgainAdminMixin, WorkflowAdminMixin, TranslationAdmin):
    form = AlbumAdminForm
    inlines = [PhotoInline]
    list_display = ["title", "event_date", "ward", "photo_count", "status_label", "published_at"]
    list_filter = [
        "status",
        ("portal", admin.RelatedOnlyFieldListFilter),
        ("ward", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["ward", "portal"]
    search_fields = ["title_vi", "title_en"]
    date_hierarchy = "event_date"
    autocomplete_fields = ["ward"]
    readonly_fields = ["author", "created_at", "updated_at"]
    preview_url_name = "gallery:preview"

    class Media:
        css = {"all": ["gallery/admin.css"]}
        js = ["gallery/admin.js"]

    fieldsets = [
        # Each language's fields together, Vietnamese first.
        (_("In Vietnamese"), {"fields": ["title_vi", "slug", "description_vi"]}),
        (_("English translation"), {"fields": ["title_en", "description_en"]}),
        (None, {"fields": ["event_date", "portal", "ward"]}),
        (_("Photos"), {"fields": ["upload_photos", "photo_credit", "cover"]}),
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
                ]
            },
        ),
    ]
    upload_fields = ("upload_photos", "photo_credit")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only for this user (e.g. a published album, for its ward editor): no upload.
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in self.upload_fields],
                },
            )
            for name, options in fieldsets
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status not in workflow.EDITABLE:
            fields.append("slug")  # a public address stays put
        return fields

    @admin.display(description=_("photos"), ordering="photo_total")
    def photo_count(self, obj):
        return obj.photo_total

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        album = form.instance
        uploads = form.cleaned_data.get("upload_photos") or []
        if uploads:
            try:
                with transaction.atomic():  # no photo row without its file
                    add_photos(album, uploads, credit=form.cleaned_data.get("photo_credit", ""))
            except OSError:
                # A full disk or an unwritable media folder: keep what was typed, say so.
                logger.error(
                    "album %s: the media storage could not store the photos",
                    album.pk,
                    exc_info=True,
                )
                self.message_user(
                    request,
                    format_lazy(
                        "{} {}",
                        _("The album was saved without the new photos."),
                        STORAGE_FAILED,
                    ),
                    messages.ERROR,
                )
                return
            self.message_user(
                request,
                ngettext(
                    "%(count)d photo added.",
                    "%(count)d photos added.",
                    len(uploads),
                )
                % {"count": len(uploads)},
                messages.SUCCESS,
            )
        elif any(formset.has_changed() for formset in formsets):
            album.photos_changed()
