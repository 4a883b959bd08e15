"""Pages for readers and search engines finding their way: robots.txt, site map, feeds."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from chaudoc.pages.origin import absolute_uri
from chaudoc.pages.sitemaps import sections


def sitemap_index(request, **kwargs):
    """Django's sitemap index, with the sections' addresses at the configured origin (Django
    builds them from the request's host)."""
    response = sitemap_views.index(request, **kwargs)
    response.context_data["sitemaps"] = [
        SitemapIndexItem(absolute_uri(_path_and_query(item.location)), item.last_mod)
        for item in response.context_data["sitemaps"]
    ]
    return response


def _path_and_query(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def robots_txt(request):
    lines = ["User-agent: *"]
    for code, _ in settings.LANGUAGES:  # the admin and result pages, in every language
        with translation.override(code):
            lines += [f"Disallow: {reverse('admin:index')}", f"Disallow: {reverse('search')}?"]
    lines.append(f"Sitemap: {absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_map(request):
    """ "Sơ đồ trang": the sections of sitemap.xml that have a heading, as links."""
    groups = []
    for sitemap_class in sections().values():
        sitemap = sitemap_class()
        if sitemap.html_title:
            links = [(sitemap.item_label(item), sitemap.location(item)) for item in sitemap.items()]
            groups.append((sitemap.html_title, links))
    return render(request, "chaudoc/site_map.html", {"sections": groups})
