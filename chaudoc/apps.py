from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChaudocConfig(AppConfig):
    name = "chaudoc"
    verbose_name = _("Portal")

    def ready(self):
        from chaudoc.cache import invalidate_on_change
        from chaudoc.models import Ward

        invalidate_on_change(Ward)
