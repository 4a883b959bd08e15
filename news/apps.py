from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        # Registers articles with the site search, feeds' and sitemaps' registries, and the
        # signal receivers (former slugs, cover renditions).
        from news import search, signals, sitemaps  # noqa: F401
