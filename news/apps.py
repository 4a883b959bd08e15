from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    # Collected by chaudoc.wards.roles: ward editors write their ward's articles; moderators
    # publish.
    role_permissions = {
        WARD_EDITOR: [
            "add_article",
            "change_article",
            "view_article",
            "delete_article",
            "view_category",
        ],
        MODERATOR: [
            "add_article",
            "change_article",
            "view_article",
            "delete_article",
            "publish_article",
            "change_published_slug",
            "add_category",
            "change_category",
            "view_category",
            "delete_category",
        ],
    }

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.publishing import history
        from news.models import Article, Category

        invalidate_on_change(Article, Category)
        history.register(Article, exclude=["view_count"])
        from chaudoc.ratings import registry

        registry.register(Article, section=lambda article: article.category)

        # Articles in the site search, the sitemaps; former slugs and cover renditions.
        from news import search, signals, sitemaps  # noqa: F401
