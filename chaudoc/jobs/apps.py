from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class JobsConfig(TasksAppConfig):
    """django-tasks-db's app (its table of runs, its worker command) under the portal's name
    for it in the admin; the label, tables and migrations stay the library's."""

    verbose_name = _("Background jobs")
