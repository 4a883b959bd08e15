from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR

EDITING = [f"{verb}_entry" for verb in ("add", "change", "view", "delete")]


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Work schedule")
    # Collected by chaudoc.wards.roles: ward editors prepare their ward's entries, moderators
    # publish them (and see the leaders and offices an entry names).
    role_permissions = {
        WARD_EDITOR: [*EDITING],
        MODERATOR: [*EDITING, "publish_entry"],
    }

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.publishing import history
        from schedule.models import Entry

        invalidate_on_change(Entry)
        history.register(Entry, exclude=["adjusted_at"])

        from schedule import sitemaps  # noqa: F401
