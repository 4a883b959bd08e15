"""Anonymous page cache and the one invalidation rule for everything readers see.

Pages are stored per URL and language under a *generation* number. Any save or delete of a model
registered with `invalidate_on_change` bumps the generation, so the very next request renders
afresh; old entries simply expire (PAGE_CACHE_SECONDS, which also bounds how late a scheduled
article can appear). With REDIS_URL set the generation and the pages are shared by every app
server; with the default local-memory cache they are per process (development).

Two doors read the same entries: `PageCacheMiddleware` (outermost Django middleware, which also
fills the cache) and `PageCacheWSGI`, which answers hits before Django builds a request at all.
"""

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from http.cookies import SimpleCookie

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.http import parse_etags
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
STORED_HEADERS = (
    "Content-Type", "Content-Language", "ETag", "Cache-Control", "X-Accel-Expires", "Link",
    "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options",
    "Content-Security-Policy", "Permissions-Policy",
)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    try:
        generation = _cache().get(GENERATION_KEY)
        if generation is None:
            generation = int(time.time() * 1000)
            _cache().add(GENERATION_KEY, generation, timeout=None)
        return generation
    except Exception:  # a cache that is down must not take the site with it
        logger.warning("page cache unavailable", exc_info=True)
        return None


def bump_generation(**kwargs):
    """Signal receiver: content changed, every cached page is stale from now on."""
    try:
        cache = _cache()
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)
    except Exception:
        logger.warning("could not invalidate the page cache", exc_info=True)


def invalidate_on_change(*models):
    """Register models shown to readers: saving or deleting one invalidates cached pages."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(bump_generation, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=uid + ":delete")


def cacheable_request(method, path, cookie_header):
    # A session cookie means a signed-in (or signing-in) user: never served, never stored.
    if settings.PAGE_CACHE_SECONDS <= 0 or method not in ("GET", "HEAD"):
        return False
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    return not cookie_header or settings.SESSION_COOKIE_NAME not in SimpleCookie(cookie_header)


def page_key(generation, path, query_string):
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    raw = f"{generation}:{language}:{path}?{query_string}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


class _LocalCopies:
    """A small per-process copy of recent entries, so a hit costs one tiny read of the shared
    generation instead of fetching the page itself. Keys embed the generation, so a copy can
    never outlive an invalidation; it is also dropped when its entry's own time is up."""

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry["expires"] <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


    def clear(self):
        with self.lock:
            self.entries.clear()


_local = _LocalCopies()


def lookup(key):
    if key is None:
        return None
    entry = _local.get(key)
    if entry is not None:
        return entry
    try:
        entry = _cache().get(key)
    except Exception:
        logger.warning("page cache read failed", exc_info=True)
        return None
    if entry is not None and entry.get("expires", 0) > time.time():
        _local.put(key, entry)
        return entry
    return None


def make_entry(response):
    body = response.content
    proxy_seconds = settings.PAGE_CACHE_PROXY_SECONDS
    response["ETag"] = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    # Browsers revalidate (a cheap 304); shared caches may keep the page a few seconds.
    # nginx reads X-Accel-Expires (and strips it before the reader sees it).
    response["Cache-Control"] = f"public, max-age=0, s-maxage={proxy_seconds}"
    response["X-Accel-Expires"] = str(proxy_seconds)
    response["Vary"] = "Accept-Encoding"
    return {
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
        "status": response.status_code,
        "headers": [(h, response[h]) for h in STORED_HEADERS if h in response],
        "body": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }


def store(key, entry):
    try:
        _cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache write failed", exc_info=True)


def answer(entry, if_none_match, accept_encoding, marker="hit"):
    """(status, headers, body) for a cached entry: 304, gzip, or plain."""
    headers = list(entry["headers"])
    etag = dict(headers).get("ETag")
    if etag and if_none_match and etag in parse_etags(if_none_match):
        keep = {"ETag", "Cache-Control", "Vary"}
        return 304, [(h, v) for h, v in headers if h in keep], b""
    body = entry["body"]
    if "gzip" in (accept_encoding or ""):
        body = entry["gzip"]
        headers.append(("Content-Encoding", "gzip"))
    headers += [("Vary", "Accept-Encoding"), ("Content-Length", str(len(body))),
                ("X-Page-Cache", marker)]
    return entry["status"], headers, body


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "Cookie" not in response.get("Vary", "")
        and not response.has_header("Content-Encoding")
    )


class PageCacheMiddleware:
    """Serve and fill the anonymous page cache. First in MIDDLEWARE, so stored entries carry
    every header the other middleware added."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not cacheable_request(request.method, request.path_info, meta.get("HTTP_COOKIE")):
            return self._private(self.get_response(request))
        generation = current_generation()
        key = None if generation is None else page_key(
            generation, request.path_info, meta.get("QUERY_STRING", "")
        )
        entry, marker = lookup(key), "hit"
        if entry is None:
            response = self.get_response(request)
            if not _storable(request, response):
                return self._private(response)
            entry, marker = make_entry(response), "miss"
            if key is not None:
                store(key, entry)
        status, headers, body = answer(
            entry, meta.get("HTTP_IF_NONE_MATCH"), meta.get("HTTP_ACCEPT_ENCODING"), marker
        )
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        return response

    def _private(self, response):
        if "Cache-Control" not in response and not response.streaming:
            response["Cache-Control"] = "private, no-cache"
        return response


class PageCacheWSGI:
    """WSGI wrapper answering cache hits without entering Django's request handling."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if cacheable_request(environ["REQUEST_METHOD"], path, environ.get("HTTP_COOKIE")):
            generation = current_generation()
            if generation is not None:
                entry = lookup(page_key(generation, path, environ.get("QUERY_STRING", "")))
                if entry is not None:
                    status, headers, body = answer(
                        entry, environ.get("HTTP_IF_NONE_MATCH"),
                        environ.get("HTTP_ACCEPT_ENCODING"),
                    )
                    start_response(f"{status} {'OK' if status == 200 else 'Not Modified'}",
                                   headers)
                    return [body]
        return self.application(environ, start_response)
