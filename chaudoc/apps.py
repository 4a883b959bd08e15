from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChaudocConfig(AppConfig):
    name = "chaudoc"
    verbose_name = _("Portal")
