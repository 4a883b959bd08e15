"""Pages for search engines and readers looking for their way: robots.txt, the site map."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from chaudoc.sitemaps import sections


def robots_txt(request):
    lines = ["User-agent: *"]
    for code, _ in settings.LANGUAGES:  # the admin and result pages, in every language
        with translation.override(code):
            lines += [f"Disallow: {reverse('admin:index')}", f"Disallow: {reverse('search')}?"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_map(request):
    """"Sơ đồ trang": the sections of sitemap.xml that have a heading, as links."""
    groups = []
    for sitemap_class in sections().values():
        sitemap = sitemap_class()
        if sitemap.html_title:
            links = [(sitemap.item_label(item), sitemap.location(item))
                     for item in sitemap.items()]
            groups.append((sitemap.html_title, links))
    return render(request, "chaudoc/site_map.html", {"sections": groups})
