"""The staff's side: questions (assign, answer, review, publish, decline; overdue list; contact
details only for the assigned staff and administrators, each view logged; erasure on request),
fields, offices, the working-day calendar, drafts for comments (moderation, CSV / XLSX export)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chaudoc.wards.scope import PortalScopedAdminMixin, ScopedRelatedFieldListFilter
from participation import flow, privacy
from participation.models import (
    CalendarDay,
    Comment,
    Consultation,
    ConsultationFile,
    ContactView,
    Office,
    Question,
    QuestionEvent,
    Topic,
)

Stage = Question.Stage


class Step(models.TextChoices):
    NONE = "", _("(keep the stage)")
    SUBMIT = "submit", _("Send the answer for review")
    APPROVE = "approve", _("Approve the answer (publish it, or send it to the resident only)")
    SEND_BACK = "send_back", _("Send the answer back to the officer")
    DECLINE = "decline", _("Decline the question")
    UNPUBLISH = "unpublish", _("Take the answer off the portal")


NEEDS_REASON = {Step.SEND_BACK, Step.DECLINE, Step.UNPUBLISH}
MODERATOR_STEPS = {Step.APPROVE, Step.SEND_BACK, Step.DECLINE, Step.UNPUBLISH}


class QuestionAdminForm(forms.ModelForm):
    step = forms.ChoiceField(label=_("Next step"), choices=Step.choices, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed to send back, decline or take off the portal; the resident sees it "
            "when a question is declined."
        ),
    )

    class Meta:
        model = Question
        fields = ["office", "assignee", "answer"]

    def clean(self):
        cleaned = super().clean()
        step = cleaned.get("step") or ""
        user = self.request.user
        if step in MODERATOR_STEPS and not user.has_perm("participation.publish_question"):
            raise ValidationError(_("Only a moderator can take this step."))
        if step in NEEDS_REASON and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason."))
        allowed = {
            Step.SUBMIT: (Stage.RECEIVED, Stage.ASSIGNED),
            Step.APPROVE: (Stage.REVIEW,),
            Step.SEND_BACK: (Stage.REVIEW,),
            Step.DECLINE: Question.OPEN_STAGES,
            Step.UNPUBLISH: (Stage.PUBLISHED,),
        }
        if step and self.instance.stage not in allowed[step]:
            self.add_error("step", _("This step does not fit the question's stage."))
        if step == Step.SUBMIT and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write the answer first."))
        return cleaned


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", _("Overdue")), ("mo", _("Open"))]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        if self.value() == "mo":
            return queryset.filter(stage__in=Question.OPEN_STAGES)
        return queryset


class EventInline(admin.TabularInline):
    model = QuestionEvent
    extra = 0
    can_delete = False
    fields = ["at", "stage", "actor", "note"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not (cleaned.get("phone") or "").strip():
            raise ValidationError(_("Enter an e-mail address or a phone number."))
        return cleaned


@admin.register(Question)
class QuestionAdmin(PortalScopedAdminMixin, admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["code", "title", "topic", "stage", "deadline_display", "office", "assignee"]
    list_filter = [OverdueFilter, "stage", ("topic", ScopedRelatedFieldListFilter), "office"]
    search_fields = ["code", "title"]  # never the contact details
    list_select_related = ["topic", "office", "assignee"]
    inlines = [EventInline]
    readonly_fields = [
        "code",
        "stage",
        "received_at",
        "deadline",
        "topic",
        "ward",
        "title",
        "question",
        "may_publish",
        "contact_details",
        "decline_reason",
        "answered_by",
        "answered_at",
    ]
    change_list_template = "admin/participation/question/change_list.html"

    def get_fieldsets(self, request, obj=None):
        asked = ["code", "stage", "received_at", "deadline", "topic", "ward", "title", "question"]
        asked.append("may_publish")
        if obj is not None and privacy.may_see_question_contact(request.user, obj):
            asked.append("contact_details")
        work = ["office", "assignee", "answer", "answered_by", "answered_at", "decline_reason"]
        return [
            (_("The question"), {"fields": asked}),
            (_("Answer"), {"fields": work}),
            (_("Next step"), {"fields": ["step", "reason"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if not request.user.has_perm("participation.assign_question"):
            fields += ["office", "assignee"]
        if obj is not None and obj.stage not in (Stage.RECEIVED, Stage.ASSIGNED):
            fields.append("answer")
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if user.has_perm("participation.assign_question"):
            return queryset
        # An officer sees the questions assigned to them or to their offices.
        return queryset.filter(models_q(assignee=user) | models_q(office__officers=user)).distinct()

    def has_add_permission(self, request):
        return False  # residents ask on the portal

    @admin.display(description=_("contact details"))
    def contact_details(self, obj):
        return obj.contact_line() or _("(erased)")

    @admin.display(description=_("answer due by"), ordering="deadline")
    def deadline_display(self, obj):
        text = obj.deadline.strftime("%d/%m/%Y")
        return f"{text} ({_('overdue')})" if obj.is_overdue() else text

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and privacy.may_see_question_contact(request.user, obj):
            privacy.log_view(request.user, "question", question=obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        before = Question.objects.get(pk=obj.pk)
        user = request.user
        moved = ("office" in form.changed_data) or ("assignee" in form.changed_data)
        obj.save(update_fields=["answer"] if "answer" in form.changed_data else [])
        if moved and user.has_perm("participation.assign_question"):
            obj.stage = before.stage
            flow.assign(obj, user, data.get("office"), data.get("assignee"))
        step, reason = data.get("step"), data.get("reason", "")
        try:
            if step == Step.SUBMIT:
                flow.submit_answer(obj, user, obj.answer)
            elif step == Step.APPROVE:
                flow.approve(obj, user)
            elif step == Step.SEND_BACK:
                flow.send_back(obj, user, reason)
            elif step == Step.DECLINE:
                flow.decline(obj, user, reason)
            elif step == Step.UNPUBLISH:
                flow.unpublish(obj, user, reason)
        except flow.FlowError as error:
            messages.error(request, str(error))

    def get_urls(self):
        return [
            path(
                "xoa-du-lieu-ca-nhan/",
                self.admin_site.admin_view(self.erase_view),
                name="participation_erase",
            ),
            *super().get_urls(),
        ]

    def erase_view(self, request):
        """An administrator erases one person's data on request: a preview, then the erasure."""
        if not privacy.is_administrator(request.user):
            raise PermissionDenied
        form = EraseForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase a person's data"),
            "form": form,
            "opts": self.model._meta,
        }
        if request.method == "POST" and form.is_valid():
            email, phone = form.cleaned_data["email"], form.cleaned_data["phone"].strip()
            if request.POST.get("confirm") == "yes":
                found = privacy.erase(email, phone)
                messages.success(
                    request,
                    _("Erased the contact details of %(q)d question(s) and %(c)d comment(s).")
                    % {"q": len(found.questions), "c": len(found.comments)},
                )
                return redirect(reverse("admin:participation_question_changelist"))
            context["found"] = privacy.preview(email, phone)
        return TemplateResponse(request, "admin/participation/erase.html", context)


def models_q(**kwargs):
    from django.db.models import Q

    return Q(**kwargs)


@admin.register(Topic)
class TopicAdmin(PortalScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    fields = ["portal", "name", "name_en", "order"]


@admin.register(Office)
class OfficeAdmin(PortalScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "email"]
    fields = ["portal", "name", "email", "officers"]
    filter_horizontal = ["officers"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]


@admin.register(ContactView)
class ContactViewAdmin(admin.ModelAdmin):
    """The record of views of residents' contact details: read only, for administrators."""

    list_display = ["at", "user", "what", "question", "comment"]
    list_select_related = ["user", "question", "comment"]
    list_filter = ["what"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FileInline(admin.TabularInline):
    model = ConsultationFile
    extra = 1


@admin.register(Consultation)
class ConsultationAdmin(PortalScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "office", "opens_at", "closes_at", "is_published", "exports"]
    list_filter = ["is_published", "office"]
    search_fields = ["title"]
    fields = [
        "portal",
        "title",
        "summary",
        "body",
        "office",
        "opens_at",
        "closes_at",
        "is_published",
        "report_url",
    ]
    inlines = [FileInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            from ckeditor.widgets import CKEditorWidget

            kwargs["widget"] = CKEditorWidget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("export the comments"))
    def exports(self, obj):
        from django.utils.html import format_html

        csv_url = reverse("admin:participation_export", args=[obj.pk, "csv"])
        xlsx_url = reverse("admin:participation_export", args=[obj.pk, "xlsx"])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            csv_url,
            _("text table (CSV)"),
            xlsx_url,
            _("spreadsheet"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/xuat/<str:kind>/",
                self.admin_site.admin_view(self.export_view),
                name="participation_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk, kind):
        if kind not in ("csv", "xlsx") or not request.user.has_perm(
            "participation.export_comments"
        ):
            raise PermissionDenied
        consultation = get_object_or_404(self.get_queryset(request), pk=pk)
        from participation.export import comment_rows, to_csv, to_xlsx

        with_contact = (
            privacy.is_administrator(request.user)
            or consultation.office.officers.filter(pk=request.user.pk).exists()
        )
        rows = comment_rows(consultation, with_contact)
        if with_contact:
            privacy.log_view(request.user, f"export {kind}: {consultation.pk}")
        name = f"gop-y-{consultation.slug}-{timezone.localdate():%Y%m%d}.{kind}"
        if kind == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            to_csv(rows, response)
        else:
            response = HttpResponse(
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            to_xlsx(rows, response)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@admin.register(Comment)
class CommentAdmin(PortalScopedAdminMixin, admin.ModelAdmin):
    portal_lookup = "consultation__portal"
    list_display = ["__str__", "consultation", "created_at", "state", "excerpt"]
    list_filter = ["state", "consultation"]
    list_select_related = ["consultation"]
    search_fields = ["body"]
    actions = ["approve", "reject"]
    readonly_fields = ["consultation", "body", "created_at", "may_publish", "contact_details"]

    def get_fields(self, request, obj=None):
        fields = ["consultation", "body", "created_at", "may_publish", "state"]
        if obj is not None and privacy.may_see_comment_contact(request.user, obj):
            fields.append("contact_details")
        return fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return obj.body[:80]

    @admin.display(description=_("contact details"))
    def contact_details(self, obj):
        return " · ".join(v for v in (obj.name, obj.email, obj.phone) if v) or _("(erased)")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and privacy.may_see_comment_contact(request.user, obj):
            privacy.log_view(request.user, "comment", comment=obj)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Show the selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        self._set_state(request, queryset, Comment.State.APPROVED)

    @admin.action(description=_("Hide the selected comments"), permissions=["change"])
    def reject(self, request, queryset):
        self._set_state(request, queryset, Comment.State.REJECTED)

    def _set_state(self, request, queryset, state):
        n = 0
        for comment in queryset:
            comment.state = state
            comment.save(update_fields=["state"])
            n += 1
        self.message_user(
            request,
            ngettext("%(n)d comment updated.", "%(n)d comments updated.", n) % {"n": n},
            messages.SUCCESS,
        )
