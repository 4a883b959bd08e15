from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from chaudoc.media.files import ACCEPT, check_file
from chaudoc.media.uploads import ChooseFilesAgainAdminMixin, StorageFailureAdminMixin
from chaudoc.publishing import workflow
from chaudoc.publishing.admin import WorkflowAdminMixin
from chaudoc.wards.scope import PortalScopedAdminMixin, ScopedRelationsMixin
from documents.models import (
    Attachment,
    DisclosureItem,
    Document,
    DocumentRelation,
    DocumentType,
    Field,
    Issuer,
    Project,
)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file", "title", "order"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            # Checked by its bytes here, before anything is stored (chaudoc.media.files).
            self.instance.checked = check_file(upload)
        return upload


class DocumentEditInline(ScopedRelationsMixin, admin.TabularInline):
    """Inlines of a document: editable while the document is (the workflow decides)."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))


class AttachmentInline(DocumentEditInline):
    model = Attachment
    form = AttachmentForm
    extra = 1
    fields = ["file", "title", "order", "file_facts"]
    readonly_fields = ["file_facts"]

    @admin.display(description=_("checked file"))
    def file_facts(self, obj):
        if not obj.pk:
            return ""
        facts = f"{obj.label}, {filesizeformat(obj.size)}"
        if obj.kind == "pdf" and not obj.has_text:
            return f"{facts}. {NO_TEXT}"
        return facts


NO_TEXT = _(
    "This PDF has no text (probably a scan): the site search cannot find words inside it. "
    "Attach a PDF with text if there is one."
)


class RelationInline(DocumentEditInline):
    model = DocumentRelation
    fk_name = "source"
    fields = ["kind", "target"]
    autocomplete_fields = ["target"]
    verbose_name = _("this document amends, supplements, replaces or repeals")
    verbose_name_plural = _("this document amends, supplements, replaces or repeals")


@admin.register(Document)
class DocumentAdmin(
    ChooseFilesAgainAdminMixin, WorkflowAdminMixin, StorageFailureAdminMixin, TranslationAdmin
):
    inlines = [AttachmentInline, RelationInline]
    list_display = ["number", "short_summary", "doc_type", "issued_on", "status_label"]
    list_filter = [
        "status",
        "doc_type",
        "issuer",
        ("portal", admin.RelatedOnlyFieldListFilter),
        ("ward", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["doc_type", "portal"]
    search_fields = ["number", "number_key", "summary_vi", "summary_en"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["ward"]
    readonly_fields = ["author", "created_at", "updated_at"]
    preview_url_name = "documents:preview"
    fieldsets = [
        (
            _("In Vietnamese"),
            {
                "fields": [
                    "number",
                    "doc_type",
                    "issuer",
                    "signer",
                    "issued_on",
                    "effective_from",
                    "effective_until",
                    "field",
                    "summary_vi",
                    "section",
                    "slug",
                ]
            },
        ),
        (_("English translation"), {"fields": ["summary_en"]}),
        (None, {"fields": ["portal", "ward"]}),
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

    def get_search_results(self, request, queryset, search_term):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.find_number(search_term)
        return results, duplicates

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return (obj.summary or "")[:120]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status not in workflow.EDITABLE:
            fields.append("slug")  # a public address stays put
        return fields

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        document = form.instance
        if any(f.model is Attachment and f.has_changed() for f in formsets):
            document.attachments_changed()
            if document.attachments.filter(kind="pdf", has_text=False).exists():
                self.message_user(request, NO_TEXT, messages.WARNING)


class ReferenceAdmin(TranslationAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name_vi", "name_en"]
    fields = ["name_vi", "name_en", "slug", "order"]


@admin.register(DocumentType)
class DocumentTypeAdmin(ReferenceAdmin):
    list_display = ["name", "is_plan", "order"]
    fields = ["name_vi", "name_en", "slug", "is_plan", "order"]


@admin.register(Issuer)
class IssuerAdmin(ReferenceAdmin):
    pass


@admin.register(Field)
class FieldAdmin(ReferenceAdmin):
    pass


@admin.register(Project)
class ProjectAdmin(PortalScopedAdminMixin, ScopedRelationsMixin, TranslationAdmin):
    list_display = ["name", "kind", "state", "total_budget", "years", "shown"]
    list_filter = ["kind", "state", "shown"]
    search_fields = ["name_vi", "name_en"]
    autocomplete_fields = ["documents"]

    @admin.display(description=_("duration"), ordering="start_year")
    def years(self, obj):
        return obj.duration

    fieldsets = [
        (_("In Vietnamese"), {"fields": ["name_vi", "slug", "goal_vi"]}),
        (_("English translation"), {"fields": ["name_en", "goal_en"]}),
        (
            None,
            {
                "fields": [
                    "portal",
                    "kind",
                    "field",
                    "funding",
                    "total_budget",
                    "start_year",
                    "end_year",
                    "state",
                    "documents",
                    "shown",
                    "order",
                ]
            },
        ),
    ]


@admin.register(DisclosureItem)
class DisclosureItemAdmin(PortalScopedAdminMixin, TranslationAdmin):
    list_display = ["name", "place", "form", "timing", "duration", "order"]
    search_fields = ["name_vi", "name_en"]
    fieldsets = [
        (_("In Vietnamese"), {"fields": ["name_vi", "place", "form", "timing", "duration"]}),
        (_("English translation"), {"fields": ["name_en"]}),
        (None, {"fields": ["portal", "link", "order"]}),
    ]
