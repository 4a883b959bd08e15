from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ChaudocConfig(AppConfig):
    name = "chaudoc"
    verbose_name = _("Portal")

    def ready(self):
        from chaudoc.cache import invalidate_on_change
        from chaudoc.models import Ward
        from chaudoc.roles import setup_roles_after_migrate

        invalidate_on_change(Ward)
        # Once per migrate (sender: this app), after the permissions of every app exist.
        post_migrate.connect(setup_roles_after_migrate, sender=self)
