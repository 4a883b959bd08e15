"""Anonymous page cache.

Pages are stored per URL and language with the version numbers of the dependency tags they were
built from (chaudoc.pagecache.tags records them while the page renders; chaudoc.pagecache.versions
keeps the numbers). A change invalidates only the tags it touches, so the very next request for a
page showing what changed renders afresh, and every other page stays a hit. Entries also expire
(PAGE_CACHE_SECONDS, which bounds how late a scheduled article can appear). With REDIS_URL set
the numbers and the pages are shared by every app server; with the default local-memory cache
they are per process (development).

Two doors read the same entries: `PageCacheMiddleware` (outermost Django middleware, which also
fills the cache) and `PageCacheWSGI`, which answers hits before Django builds a request at all.
A hit on this process's copy of a page checked since the last change it learnt of costs no
round trip and one comparison; after a change, its tags' numbers are compared once.
A page is not stored when a change arrived while it rendered (it may show the old rows).
"""

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from http import HTTPStatus
from http.cookies import SimpleCookie

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language_from_path

from chaudoc.pagecache.query import normalised_query
from chaudoc.pagecache.tags import invalidate_everything, invalidate_on_change, recording
from chaudoc.pagecache.versions import versions

__all__ = ["PageCacheMiddleware", "PageCacheWSGI", "bump_generation", "invalidate_on_change"]

logger = logging.getLogger(__name__)

STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "ETag",
    "Cache-Control",
    "X-Accel-Expires",
    "Link",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "Vary",
)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


class _Hot:
    """The few settings a cache hit reads, copied once (Django's settings object costs a lookup
    through its lazy wrapper on every access); refreshed when a test changes settings."""

    def __init__(self):
        self.ready = False

    def load(self):
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.skip_prefixes = (settings.STATIC_URL, settings.MEDIA_URL)
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.forwarded_host = settings.USE_X_FORWARDED_HOST
        self.ssl_header = settings.SECURE_PROXY_SSL_HEADER
        self.ssl_redirect = settings.SECURE_SSL_REDIRECT
        self.script_name = settings.FORCE_SCRIPT_NAME
        self.versions = None  # the process's tag numbers, once asked for
        self.ready = True
        return self


_hot = _Hot()


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _hot.ready = False


def _hot_settings():
    return _hot if _hot.ready else _hot.load()


def _versions():
    """The process's tag numbers (chaudoc.pagecache.versions); None while the cache is down."""
    hot = _hot_settings()
    if hot.versions is None:
        try:
            hot.versions = versions()
        except Exception:  # a cache that is down must not take the site with it
            logger.warning("page cache unavailable", exc_info=True)
            return None
    return hot.versions


# Kept for callers that change what every page shows (and as a signal receiver).
bump_generation = invalidate_everything


def cacheable_request(environ):
    """May this request (a WSGI environ, or a Django request's META) be answered from the
    cache and fill it?"""
    hot = _hot_settings()
    if hot.seconds <= 0 or environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return False
    if environ.get("PATH_INFO", "/").startswith(hot.skip_prefixes):
        return False
    if hot.ssl_redirect and _scheme(environ, hot) != "https":
        return False  # Django's SecurityMiddleware answers it with its redirect to HTTPS
    # A session cookie means a signed-in (or signing-in) user: never served, never stored.
    cookie_header = environ.get("HTTP_COOKIE")
    return not cookie_header or hot.session_cookie not in SimpleCookie(cookie_header)


def request_site(environ):
    """What a page depends on besides its path: the scheme, the host (port included) and the
    script name, read as Django reads them. Absolute URLs come from configuration
    (chaudoc.pages.origin), but a page rendered for one host is still never served on another."""
    hot = _hot_settings()
    scheme = _scheme(environ, hot)
    host = (hot.forwarded_host and environ.get("HTTP_X_FORWARDED_HOST")) or environ.get("HTTP_HOST")
    if not host:
        host, port = environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")
        if port != ("443" if scheme == "https" else "80"):
            host = f"{host}:{port}"
    script = hot.script_name if hot.script_name is not None else environ.get("SCRIPT_NAME", "")
    return f"{scheme}://{host.lower()}{script}"


def _scheme(environ, hot):
    # As django.http.HttpRequest.scheme, on the environ (hits are answered before Django).
    if hot.ssl_header:
        header, secure_value = hot.ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def page_key(site, path, query_string):
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    raw = f"{site}:{language}:{path}?{query_string}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


class _LocalCopies:
    """A small per-process copy of recent entries, ready to send, so a hit costs no round trip
    and almost no work. A copy is checked against its tags' numbers after every change the
    process learns of, and dropped when its entry's own time is up."""

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            ready = self.entries.get(key)
            if ready is None:
                return None
            if ready.expires <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return ready

    def put(self, key, ready):
        with self.lock:
            self.entries[key] = ready
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop(self, key):
        with self.lock:
            self.entries.pop(key, None)

    def clear(self):
        with self.lock:
            self.entries.clear()


_local = _LocalCopies()


class Ready:
    """A cached entry prepared once for sending: status line, headers and body for a plain, a
    gzip and a 304 answer."""

    __slots__ = ("expires", "tags", "checked", "etag", "plain", "gzipped", "not_modified")

    def __init__(self, entry, marker="hit", checked=None):
        self.expires = entry["expires"]
        self.tags = entry["tags"]  # {tag: number} the page was built from
        self.checked = checked  # the epoch at which the numbers were last found current
        headers = entry["headers"]
        if not any(h == "Vary" for h, _ in headers):  # an entry stored before Vary was kept
            headers = [*headers, ("Vary", "Accept-Encoding")]
        self.etag = dict(headers).get("ETag")
        status = entry["status"]
        line = f"{status} {HTTPStatus(status).phrase}"
        tail = [("X-Page-Cache", marker)]
        body, packed = entry["body"], entry["gzip"]
        self.plain = (line, [*headers, ("Content-Length", str(len(body))), *tail], body)
        self.gzipped = (
            line,
            [*headers, ("Content-Encoding", "gzip"), ("Content-Length", str(len(packed))), *tail],
            packed,
        )
        keep = {"ETag", "Cache-Control", "Strict-Transport-Security", "Vary"}
        self.not_modified = ("304 Not Modified", [(h, v) for h, v in headers if h in keep], b"")

    def answer(self, if_none_match, accept_encoding):
        """(status line, headers, body): 304 when the reader has this version, else gzip or
        plain as the reader accepts."""
        if if_none_match and self.etag and self.etag in parse_etags(if_none_match):
            return self.not_modified
        if accept_encoding and "gzip" in accept_encoding:
            return self.gzipped
        return self.plain


def lookup(site, path, query_string):
    """The ready copy of a cached page, from this process or the shared cache, if every tag it
    was built from is unchanged; None on a miss."""
    known = _versions()
    if known is None:
        return None
    key = (site, path, query_string)
    ready = _local.get(key)
    if ready is not None:
        if ready.checked == known.epoch and known.trusted():
            return ready
        if _current(ready, known):
            return ready
        _local.drop(key)
    try:
        entry = _cache().get(page_key(site, path, query_string))
    except Exception:
        logger.warning("page cache read failed", exc_info=True)
        return None
    if entry is not None and entry.get("expires", 0) > time.time() and "tags" in entry:
        ready = Ready(entry)
        if _current(ready, known):
            _local.put(key, ready)
            return ready
    return None


def _current(ready, known):
    """Are the numbers of the page's tags still those it was built from?"""
    epoch = known.epoch
    try:
        if known.current(ready.tags) != ready.tags:
            return False
    except Exception:
        logger.warning("page cache read failed", exc_info=True)
        return False
    ready.checked = epoch if known.trusted() else None
    return True


class _OneAtATime:
    """Per-key locks: the first thread renders, the others wait for it (at most `WAIT_SECONDS`,
    then render themselves) and find its copy."""

    WAIT_SECONDS = 10

    def __init__(self):
        self.locks = {}
        self.guard = threading.Lock()

    @contextmanager
    def one_at_a_time(self, key):
        with self.guard:
            held = self.locks.get(key)
            if held is None:
                held = self.locks[key] = [threading.Lock(), 0]
            held[1] += 1
        acquired = held[0].acquire(timeout=self.WAIT_SECONDS)
        try:
            yield
        finally:
            if acquired:
                held[0].release()
            with self.guard:
                held[1] -= 1
                if not held[1]:
                    del self.locks[key]


_rendering = _OneAtATime()


# Anonymous answers that take a page's place at its URL: withdrawn (410), trashed, expired or
# never there (404), renamed (301). Shared caches get them for the same few seconds as a page,
# so a cache holding the old 200 replaces it instead of keeping it (nginx, and a CDN that
# revalidates in the background, keep their old copy when the new answer may not be stored).
# They are not kept in the page cache itself: any URL can be a 404, and storing those would let
# a crawler of made-up URLs push real pages out of Redis.
SHARED_STATUSES = frozenset({301, 404, 410})


def _shared(response):
    """Browsers revalidate (a cheap 304); shared caches may keep the answer a few seconds.
    nginx reads X-Accel-Expires (and strips it before the reader sees it)."""
    proxy_seconds = settings.PAGE_CACHE_PROXY_SECONDS
    response["Cache-Control"] = f"public, max-age=0, s-maxage={proxy_seconds}"
    response["X-Accel-Expires"] = str(proxy_seconds)
    patch_vary_headers(response, ("Accept-Encoding",))  # merged with what the view said
    return response


def make_entry(response):
    body = response.content
    response["ETag"] = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    _shared(response)
    expires = time.time() + settings.PAGE_CACHE_SECONDS
    until = getattr(response, "page_cache_until", None)  # the page's own end (an expiry time)
    if until is not None:
        expires = min(expires, until.timestamp())
    return {
        "expires": expires,
        "tags": {},  # filled when stored
        "status": response.status_code,
        "headers": [(h, response[h]) for h in STORED_HEADERS if h in response],
        "body": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }


def store(site, path, query_string, entry, checked=None):
    """Keep a new entry here (ready to send) and in the shared cache."""
    _local.put((site, path, query_string), Ready(entry, checked=checked))
    try:
        _cache().set(page_key(site, path, query_string), entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache write failed", exc_info=True)


def _storable(request, response):
    return response.status_code == 200 and _plain(request, response)


def _plain(request, response):
    """Nothing in the answer is the reader's own: no cookie, no token, not marked private."""
    return (
        not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and _varies_only_by_encoding(response)
        and not response.has_header("Content-Encoding")
    )


def _varies_only_by_encoding(response):
    """The cache keeps one copy per site, path and query, and its gzip and plain forms: an
    answer that varies by anything else (Cookie, Accept-Language, ...) is not stored."""
    named = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return named <= {"accept-encoding"}


class PageCacheMiddleware:
    """Serve and fill the anonymous page cache. First in MIDDLEWARE, so stored entries carry
    every header the other middleware added."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not cacheable_request(meta):
            return self._private(self.get_response(request))
        site, path = request_site(meta), request.path_info
        query_string = normalised_query(path, meta.get("QUERY_STRING", ""))
        if query_string != meta.get("QUERY_STRING", ""):
            # Rendered, if it must be, as the page everyone is served (chaudoc.pagecache.query).
            meta["QUERY_STRING"] = query_string
            request.GET = QueryDict(query_string)
        ready = lookup(site, path, query_string)
        if ready is None:
            # A missing page is rendered once per process, not by every thread that asks for
            # it at the same moment (after a change or an expiry, a crowd asks at once).
            with _rendering.one_at_a_time((site, path, query_string)):
                ready = lookup(site, path, query_string)  # rendered meanwhile
                if ready is None:
                    ready = self._render(request, site, path, query_string)
                    if not isinstance(ready, Ready):
                        return ready  # not for the cache
        status, headers, body = ready.answer(
            meta.get("HTTP_IF_NONE_MATCH"), meta.get("HTTP_ACCEPT_ENCODING")
        )
        response = HttpResponse(body, status=int(status[:3]))
        for name, value in headers:
            response[name] = value
        return response

    def _render(self, request, site, path, query_string):
        known = _versions()
        epoch = known.epoch if known is not None else None
        with recording() as tags:
            response = self.get_response(request)
        if not _storable(request, response):
            if response.status_code in SHARED_STATUSES and _plain(request, response):
                return _shared(response)
            return self._private(response)
        entry = make_entry(response)
        if known is not None and known.epoch == epoch:  # no change arrived while it rendered
            try:
                entry["tags"] = known.current(tags)
            except Exception:
                logger.warning("page cache read failed", exc_info=True)
            else:
                store(site, path, query_string, entry, checked=epoch)
        return Ready(entry, marker="miss")

    def _private(self, response):
        if "Cache-Control" not in response and not response.streaming:
            response["Cache-Control"] = "private, no-cache"
        return response


class PageCacheWSGI:
    """WSGI wrapper answering cache hits without entering Django's request handling."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if cacheable_request(environ):
            path = environ.get("PATH_INFO", "/")
            ready = lookup(
                request_site(environ),
                path,
                normalised_query(path, environ.get("QUERY_STRING", "")),
            )
            if ready is not None:
                status, headers, body = ready.answer(
                    environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_ACCEPT_ENCODING")
                )
                start_response(status, headers)
                return [body]
        return self.application(environ, start_response)
