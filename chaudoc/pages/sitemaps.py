"""The sitemap registry. Apps register their sections (articles, categories, wards, albums
later); sitemap.xml and the HTML site map page ("Sơ đồ trang") both read it."""

from urllib.parse import urlsplit

from django.contrib import sitemaps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.pages.origin import origin

_sections = {}


def register(name, sitemap_class):
    _sections[name] = sitemap_class
    return sitemap_class


def sections():
    """The registry itself (sitemap views take it as their `sitemaps` argument)."""
    return _sections


class PortalSitemap(sitemaps.Sitemap):
    """Every URL in Vietnamese and English, with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000  # URLs per sitemap page (the protocol allows 50,000; smaller pages are cheap)
    html_title = None  # a heading on the HTML site map page; None keeps the section off it

    def item_label(self, item):
        return str(item)

    # Addresses at the configured origin, not the request's host (chaudoc.pages.origin).
    # `get_domain` is Sitemap's own hook for the domain (undocumented but public, no
    # underscore); `get_protocol` is documented through the `protocol` attribute.
    def get_protocol(self, protocol=None):
        return urlsplit(origin()).scheme

    def get_domain(self, site=None):
        return urlsplit(origin()).netloc


class StaticSitemap(PortalSitemap):
    html_title = _("Portal")
    changefreq = "daily"
    priority = 1.0
    labels = {"home": _("Home"), "search": _("Search"), "site_map": _("Site map")}

    def items(self):
        return list(self.labels)

    def location(self, item):
        return reverse(item)

    def item_label(self, item):
        return self.labels[item]


register("static", StaticSitemap)
