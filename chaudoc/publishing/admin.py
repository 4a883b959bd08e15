"""The admin side of chaudoc.publishing.workflow, for every Publishable model's ModelAdmin.

Buttons on the change page and bulk actions on the list both lead to one intermediate page per
action, which asks for what the action needs (a reason, a time) and then calls the workflow.
Every save in the admin is kept as a django-reversion version; the change page shows the
versions with their diffs and the log of state changes.
"""

from datetime import timedelta

import reversion
from ckeditor.fields import RichTextField
from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from chaudoc.publishing import history, workflow
from chaudoc.publishing.states import Status
from chaudoc.publishing.workflow import BUTTONS, RULES, Action
from chaudoc.text import sanitize_html
from chaudoc.wards.scope import WardScopedAdminMixin


class ConfirmForm(forms.Form):
    def workflow_kwargs(self):
        return {}


class ReasonForm(ConfirmForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_("The author sees it; for a withdrawal, readers see it too."),
    )

    def workflow_kwargs(self):
        return {"reason": self.cleaned_data["reason"]}


def next_hour():
    """The default publication time: the next full hour, in the portal's time zone."""
    now = timezone.localtime()
    return (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)


def zone_hint():
    """ "Giờ Việt Nam (UTC+07:00)": the time zone the times are read in."""
    offset = timezone.localtime().strftime("%z")
    values = {"zone": timezone.get_current_timezone_name(), "offset": f"{offset[:3]}:{offset[3:]}"}
    if values["zone"] == "Asia/Ho_Chi_Minh":
        return _("Vietnam time (UTC%(offset)s).") % values
    return _("Times are in %(zone)s time (UTC%(offset)s).") % values


class ScheduleForm(ConfirmForm):
    publish_at = forms.DateTimeField(
        label=_("Publication time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        initial=next_hour,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].help_text = format_html(
            "{} {}", _("It is published by itself at this time, with no further step."), zone_hint()
        )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise ValidationError(_("Choose a publication time in the future."))
        return value

    def workflow_kwargs(self):
        return {"at": self.cleaned_data["publish_at"]}


FORMS = {"": ConfirmForm, "reason": ReasonForm, "time": ScheduleForm}

DONE = {
    Action.SUBMIT: _("Submitted for review: %(count)d."),
    Action.APPROVE: _("Published: %(count)d."),
    Action.SCHEDULE: _("Scheduled: %(count)d."),
    Action.REJECT: _("Rejected: %(count)d."),
    Action.WITHDRAW: _("Withdrawn: %(count)d."),
    Action.TRASH: _("Moved to the trash: %(count)d."),
    Action.RESTORE: _("Restored from the trash: %(count)d."),
    Action.PURGE: _("Deleted for good: %(count)d."),
}


class TrashFilter(admin.SimpleListFilter):
    title = _("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("1", _("In the trash"))]

    def queryset(self, request, queryset):
        return queryset.filter(deleted_at__isnull=self.value() != "1")

    def choices(self, changelist):
        choices = list(super().choices(changelist))
        choices[0]["display"] = _("Not in the trash")
        return choices


def formatted_text(field):
    """A read-only view of a rich-text field: its HTML, sanitised again, rendered."""

    @admin.display(description=field.verbose_name)
    def show(obj):
        return mark_safe(sanitize_html(getattr(obj, field.name)))  # noqa: S308 (sanitised)

    show.__name__ = f"{field.name}_formatted"
    return show


def picture(field):
    """A read-only view of an image field: the picture itself."""

    @admin.display(description=field.verbose_name)
    def show(obj):
        image = getattr(obj, field.name)
        if not image:
            return "—"
        return format_html('<img class="file-thumbnail" src="{}" alt="" loading="lazy">', image.url)

    show.__name__ = f"{field.name}_picture"
    return show


class WorkflowAdminMixin(WardScopedAdminMixin):
    change_form_template = "admin/chaudoc/publishable/change_form.html"
    # Fields only moderators set; ward editors see them read-only.
    moderator_fields = ["published_at", "expires_at"]
    preview_url_name = None  # a URL name taking the pk, for staff previews

    # Lists and objects

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not workflow.is_moderator(request.user, self.model):
            queryset = queryset.filter(deleted_at__isnull=True)
        return queryset

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if workflow.is_moderator(request.user, self.model):
            filters.append(TrashFilter)
        return filters

    def get_ordering(self, request):
        if request.GET.get("status__exact") == Status.PENDING:
            return ["status_changed_at", "pk"]  # the review queue: waiting longest first
        return super().get_ordering(request)

    def get_fieldsets(self, request, obj=None):
        """Read-only (a pending or published item, for its ward editor): rich text shows as
        formatted, sanitised text and pictures as pictures, not as HTML source and paths."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [self._shown(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def _shown(self, name):
        """The read-only view of field `name`: one callable per field (the admin finds it in
        the read-only fields by identity), or the name itself."""
        try:
            field = self.opts.get_field(name) if isinstance(name, str) else None
        except FieldDoesNotExist:
            return name
        views = self.__dict__.setdefault("_read_only_views", {})
        if name not in views:
            if isinstance(field, RichTextField):
                views[name] = formatted_text(field)
            elif isinstance(field, models.ImageField):
                views[name] = picture(field)
            else:
                views[name] = name
        return views[name]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "status"]
        if obj is not None and not self.has_change_permission(request, obj):
            # Exactly the read-only views the fieldsets show (get_form excludes them).
            shown = flatten_fieldsets(self.get_fieldsets(request, obj))
            fields += [view for view in shown if callable(view) and view not in fields]
        if not workflow.is_moderator(request.user, self.model):
            fields += self.moderator_fields
        return fields

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.in_trash:
            return _("In the trash")
        if obj.is_scheduled():
            return _("Scheduled: %(time)s") % {
                "time": timezone.localtime(obj.published_at).strftime("%d/%m/%Y %H:%M")
            }
        if obj.is_expired():
            return _("Expired")
        return obj.get_status_display()

    # Permissions: the workflow decides, per row and state

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.allowed(request.user, obj, Action.TRASH))

    # Saving: every save is a version; editing a rejected row makes it a draft again

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            workflow.note_edit(request.user, obj)
        reversion.set_comment(str(_("Edited.") if change else _("First version.")))
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return self._then_submit(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._then_submit(request, obj) or super().response_change(request, obj)

    def _then_submit(self, request, obj):
        if "_submit" in request.POST and workflow.allowed(request.user, obj, Action.SUBMIT):
            return HttpResponseRedirect(self._url("workflow", obj.pk, Action.SUBMIT))
        return None

    def delete_view(self, request, object_id, extra_context=None):
        # Nothing is deleted from here: the delete button leads to the trash.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not workflow.allowed(request.user, obj, Action.TRASH):
            raise PermissionDenied
        return HttpResponseRedirect(self._url("workflow", obj.pk, Action.TRASH))

    # The change page

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        # "Save and submit": a rejected row becomes a draft on saving, then goes for review.
        context["offer_submit"] = (
            obj.status in workflow.EDITABLE and workflow.can_edit(user, obj)
            if obj is not None and obj.pk
            else add and self.has_add_permission(request)
        )
        if obj is not None and obj.pk:
            context.update(
                {
                    "publishable": obj,
                    "workflow_buttons": [
                        (action, action.label, self._url("workflow", obj.pk, action))
                        for action in workflow.available(user, obj)
                    ],
                    "state_changes": obj.state_changes.select_related("actor"),
                    **self._versions(request, obj),
                    "can_revert": workflow.allowed(user, obj, Action.REVERT),
                    "preview_url": self._preview_url(obj),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The change form lists the newest versions; ?versions=all lists every one.
    versions_shown = 10

    def _versions(self, request, obj):
        every = request.GET.get("versions") == "all"
        versions = history.versions_with_changes(obj, None if every else self.versions_shown)
        # Fewer than a full page: that is all of them, no count needed.
        if every or len(versions) < self.versions_shown:
            count = len(versions)
        else:
            count = Version.objects.get_for_object(obj).count()
        return {"versions": versions, "versions_count": count, "all_versions": every}

    def view_on_site(self, obj):
        # Readers' URL only where readers get a page (a withdrawn one explains itself: 410).
        if obj.is_public() or obj.status == Status.WITHDRAWN and not obj.in_trash:
            return obj.get_absolute_url()
        return None

    def _preview_url(self, obj):
        if self.preview_url_name and not obj.is_public():
            return reverse(self.preview_url_name, args=[obj.pk])
        return None

    # Actions and their intermediate pages

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a real delete: only the trash's purge does that
        for action in BUTTONS:
            if self._may_offer(request.user, action):
                name = f"workflow_{action}"
                actions[name] = (self._bulk(action), name, action.label)
        return actions

    def _may_offer(self, user, action):
        rule = RULES[action]
        if rule.perm == "purge":
            return user.has_perm(workflow.perm_name(self.model, "purge"))
        if workflow.is_moderator(user, self.model):
            return True
        return rule.editors and user.has_perm(workflow.perm_name(self.model, rule.perm))

    def _bulk(self, action):
        def run(modeladmin, request, queryset):
            ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
            return HttpResponseRedirect(f"{self._url('workflow_bulk', None, action)}?ids={ids}")

        return run

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "workflow/<str:action>/",
                view(self.workflow_view),
                name="{}_{}_workflow_bulk".format(*info),
            ),
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            path(
                "<path:object_id>/revert/<int:version_id>/",
                view(self.revert_view),
                name="{}_{}_revert".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name, pk, *args):
        opts = self.opts
        pk_args = [quote(pk)] if pk is not None else []
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
            args=[*pk_args, *args],
        )

    def workflow_view(self, request, action, object_id=None):
        if action not in BUTTONS:
            raise Http404
        action = Action(action)
        ids = [unquote(object_id)] if object_id else request.GET.get("ids", "").split(",")
        ids = [pk for pk in ids if pk.isdigit()]
        objects = list(self.get_queryset(request).filter(pk__in=ids)) if ids else []
        if not objects:
            raise Http404
        permitted = [obj for obj in objects if workflow.allowed(request.user, obj, action)]
        if not permitted:
            raise PermissionDenied
        form_class = FORMS[RULES[action].needs]
        form = form_class(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                with transaction.atomic():
                    for obj in permitted:
                        workflow.perform(request.user, obj, action, **form.workflow_kwargs())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, DONE[action] % {"count": len(permitted)}, messages.SUCCESS
                )
                return HttpResponseRedirect(self._after(request, action, permitted, object_id))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": action.label,
            "action": action,
            "form": form,
            "objects": permitted,
            "refused": [obj for obj in objects if obj not in permitted],
            "media": self.media + form.media,
            "back_url": self._url("changelist", None),
        }
        return TemplateResponse(request, "admin/chaudoc/publishable/workflow.html", context)

    def _after(self, request, action, objects, object_id):
        if (
            object_id
            and self.has_view_permission(request, objects[0])
            and action not in (Action.PURGE, Action.TRASH)
        ):
            return self._url("change", objects[0].pk)
        return self._url("changelist", None)

    def revert_view(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        if not workflow.allowed(request.user, obj, Action.REVERT):
            raise PermissionDenied
        if request.method == "POST":
            workflow.revert(request.user, obj, version)
            self.message_user(
                request, _("The earlier version has been restored."), messages.SUCCESS
            )
            return HttpResponseRedirect(self._url("change", obj.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Revert to an earlier version"),
            "object": obj,
            "version": version,
            "changes": history.changes_to_version(obj, version),
            "back_url": self._url("change", obj.pk),
        }
        return TemplateResponse(request, "admin/chaudoc/publishable/revert.html", context)


def _workflow_admins(site):
    for model in apps.get_models():
        if site.is_registered(model) and isinstance(
            site.get_model_admin(model), WorkflowAdminMixin
        ):
            yield model, site.get_model_admin(model)


def returned_to_author(request, site=admin.site, limit=20):
    """For the admin index: the user's own rejected items, to fix and send for review again
    (each with its reason), newest rejection first."""
    items = []
    for model, model_admin in _workflow_admins(site):
        rejected = (
            model_admin.get_queryset(request)
            .filter(status=Status.REJECTED, author=request.user)
            .order_by("-status_changed_at", "-pk")[:limit]
        )
        items += [
            {
                "object": obj,
                "kind": model._meta.verbose_name,
                "url": model_admin._url("change", obj.pk),
                "reason": obj.status_reason,
                "at": obj.status_changed_at,
            }
            for obj in rejected
        ]
    return sorted(items, key=lambda item: item["at"] or timezone.now(), reverse=True)[:limit]


def review_queues(request, site=admin.site):
    """For the admin index: each workflow model's pending count the user may review."""
    queues = []
    for model, _model_admin in _workflow_admins(site):
        if not workflow.is_moderator(request.user, model):
            continue
        count = model.objects.pending().count()
        url = reverse(f"{site.name}:{model._meta.app_label}_{model._meta.model_name}_changelist")
        label = _("%(name)s awaiting review") % {"name": model._meta.verbose_name_plural}
        queues.append(
            {"url": f"{url}?status__exact={Status.PENDING}", "count": count, "label": label}
        )
    return queues
