"""Administrators see every run of every job: waiting, running, done, or failed with its
traceback and which attempt it was. django-tasks-db's own admin, with the portal's columns."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from chaudoc.jobs.runner import ATTEMPT

# The library ships no Vietnamese: its labels are named here so the portal's catalogues
# translate them (its model, statuses and field names as the admin shows them).
LIBRARY_LABELS = [
    _("Task Result"),
    _("Task Results"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
    _("status"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
]

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class JobAdmin(DBTaskResultAdmin):
    list_display = ["job", "status", "attempt", "enqueued_at", "finished_at", "failure"]
    list_filter = ["status", "queue_name"]
    search_fields = ["task_path"]

    @admin.display(description=_("job"), ordering="task_path")
    def job(self, obj):
        return obj.task_path.rpartition(".")[2]

    @admin.display(description=_("attempt"))
    def attempt(self, obj):
        return (obj.args_kwargs.get("kwargs") or {}).get(ATTEMPT, 1)

    @admin.display(description=_("error"))
    def failure(self, obj):
        return obj.exception_class_path.rpartition(".")[2] or "—"

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # The library's own displays carry English descriptions: ours say the same in the
        # reader's language; the arguments are shown as values, not as JSON.
        swap = {
            "formatted_traceback": "traceback_text",
            "display_run_after": "run_after_text",
            "args_kwargs": "arguments",
        }
        return [swap.get(name, name) for name in fields]

    @admin.display(description=_("traceback"))
    def traceback_text(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def run_after_text(self, obj):
        return super().display_run_after(obj)

    @admin.display(description=_("arguments"))
    def arguments(self, obj):
        values = [*obj.args_kwargs.get("args", [])]
        values += [f"{k} = {v}" for k, v in (obj.args_kwargs.get("kwargs") or {}).items()]
        return ", ".join(str(v) for v in values) or "—"

    def _label(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            return None
        return _("%(job)s, run %(id)s") % {"job": self.job(obj), "id": obj.pk}

    # The library's model names itself "DBTaskResult object (…)"; the pages name the job.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        label = self._label(request, object_id)
        if label is not None:
            extra_context = {**(extra_context or {}), "original": label, "subtitle": label}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # Runs are written by the worker, never edited here: no history to show but the run.
        return HttpResponseRedirect(
            reverse("admin:django_tasks_database_dbtaskresult_change", args=[object_id])
        )
