from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from chaudoc import history
        from chaudoc.cache import invalidate_on_change
        from news.models import Article, Category

        invalidate_on_change(Article, Category)
        history.register(Article, exclude=["view_count"])

        # Articles in the site search, the sitemaps; former slugs and cover renditions.
        from news import search, signals, sitemaps  # noqa: F401
