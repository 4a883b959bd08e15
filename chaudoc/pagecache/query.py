"""The query string a cached page is keyed on (chaudoc.pagecache.pages).

A unique query string (`/?utm_source=x`, `/tin-tuc/<slug>/?x=1`) made a new cache entry and a
new rendering every time. The pages below declare the only parameters they read: everything
else is dropped before the cache is looked up *and* before Django renders the page (their
pagination links echo the query, so a page rendered with a stray parameter must not be kept for
everyone). The kept ones are sorted, so their order does not make another entry either.
A page not declared here (search, sitemaps, sign-in's `next`...) keeps its query as sent: its
view may read anything, and nginx limits requests with a query string (deploy/nginx.conf).
"""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

# URL name: the query parameters its view (and its templates) read.
QUERY_PARAMS = {
    "home": (),
    "site_map": (),
    "feeds": (),
    "news:article": (),
    "news:category": ("page",),
    "news:ward": ("page",),
    "gallery:list": ("page",),
    "gallery:album": ("page",),
    "weather:index": (),
    "weather:location": (),
    "about:index": (),
    "about:page": (),
    "about:chart": (),
    "about:leaders": (),
    "about:leader": (),
    "about:contacts": (),
    "about:procedures": ("linh-vuc", "page", "q"),
    "schedule:this_week": (),
    "schedule:week": (),
    "schedule:print": (),
    "documents:list": ("so", "loai", "co-quan", "linh-vuc", "nam", "hieu-luc", "page"),
    "documents:detail": (),
    "documents:disclosures": (),
    "documents:plans": ("page",),
    "documents:statistics": ("page",),
    "documents:budget": (),
    "documents:projects": ("page",),
    "documents:project": (),
    "documents:access": (),
}


@lru_cache(maxsize=4096)
def _declared(path):
    """The parameters `path`'s view reads, or None when it does not say."""
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):  # the /en/ patterns resolve in English
            match = resolve(path)
    except (Resolver404, ValueError):
        return None
    return QUERY_PARAMS.get(match.view_name)


def normalised_query(path, query_string):
    """`query_string` with only the parameters `path`'s page reads, sorted; unchanged when the
    page declares none (see QUERY_PARAMS)."""
    if not query_string:
        return query_string
    declared = _declared(path)
    if declared is None:
        return query_string
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted((k, v) for k, v in pairs if k in declared))
