from django.utils.translation import gettext_lazy as _

from chaudoc.pages.sitemaps import PortalSitemap, register
from chaudoc.portals import current as portals
from chaudoc.wards.models import Ward
from news.models import Article, Category


class ArticleSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        articles = Article.objects.published().for_portal().only("slug", "updated_at", "title_en")
        return articles.order_by("-published_at", "-pk")

    def get_languages_for_item(self, article):
        """An article without an English title is listed in Vietnamese only."""
        return [code for code in self._languages() if article.is_translated(code)]

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(PortalSitemap):
    html_title = _("Categories")
    changefreq = "daily"

    def items(self):
        return Category.objects.filter(portal=portals.current())


class WardSitemap(PortalSitemap):
    html_title = _("Wards and communes")
    changefreq = "daily"

    def items(self):
        return Ward.objects.filter(portal=portals.current())


register("articles", ArticleSitemap)
register("categories", CategorySitemap)
register("wards", WardSitemap)
