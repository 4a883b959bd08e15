"""Administrators see every run of every job: waiting, running, done, or failed with its
traceback and which attempt it was. django-tasks-db's own admin, with the portal's columns."""

from django.contrib import admin
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
