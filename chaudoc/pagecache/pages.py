"""Anonymous page cache and the one invalidation rule for everything readers see.

Pages are stored per URL and language under a *generation* number. Any save or delete of a model
registered with `invalidate_on_change` bumps the generation, so the very next request renders
afresh; old entries simply expire (PAGE_CACHE_SECONDS, which also bounds how late a scheduled
article can appear). With REDIS_URL set the generation and the pages are shared by every app
server; with the default local-memory cache they are per process (development).

Two doors read the same entries: `PageCacheMiddleware` (outermost Django middleware, which also
fills the cache) and `PageCacheWSGI`, which answers hits before Django builds a request at all.

With Redis, each process keeps its own copy of the generation, kept current by a Redis pub/sub
subscription (`GenerationWatcher`): a hit then costs no network round trip at all. A bump
increments the shared number and publishes it; a process whose subscription is down, or has not
confirmed itself for a few seconds, reads the shared number on every request instead.
A bump happens at the change and again when its transaction commits, so a page rendered by a
concurrent reader from the not yet committed state cannot outlive the commit.
"""

import gzip
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager, nullcontext
from http import HTTPStatus
from http.cookies import SimpleCookie

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.utils.http import parse_etags
from django.utils.translation import get_language_from_path

from chaudoc.pagecache.query import normalised_query

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
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
        self.watcher = None  # the process's generation watcher, once one exists
        self.ready = True
        return self


_hot = _Hot()


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _hot.ready = False


def _hot_settings():
    return _hot if _hot.ready else _hot.load()


def current_generation():
    watcher = _hot_settings().watcher
    if watcher is not None:
        known = watcher.get()
        if known is not None:
            return known
    try:
        cache = _cache()
        watcher = _watcher_for(cache)
        if watcher is not None:
            known = watcher.get()
            if known is not None:
                return known
        return _read_generation(cache)
    except Exception:  # a cache that is down must not take the site with it
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _read_generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = int(time.time() * 1000)
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def bump_generation(**kwargs):
    """Signal receiver: content changed, every cached page is stale from now on; and again when
    the change commits (a page rendered meanwhile from the old rows must not survive it)."""
    _bump()
    if kwargs.get("signal") is not None:
        transaction.on_commit(_bump, using=kwargs.get("using"))


def _bump():
    try:
        cache = _cache()
        try:
            generation = cache.incr(GENERATION_KEY)
        except ValueError:
            generation = int(time.time() * 1000)
            cache.set(GENERATION_KEY, generation, timeout=None)
        watcher = _watcher_for(cache)
        if watcher is not None:
            watcher.saw(generation)
            watcher.publish(generation)
    except Exception:
        logger.warning("could not invalidate the page cache", exc_info=True)


class GenerationWatcher:
    """This process's copy of the shared generation, kept current from Redis pub/sub.

    `get()` answers None (read Redis instead) until the subscription is confirmed, while it is
    down, and when the listening thread has not checked in for `TRUST_SECONDS`. Generations only
    grow, so messages arriving out of order never move the copy backwards.
    """

    TRUST_SECONDS = 5.0
    POLL_SECONDS = 1.0

    def __init__(self, cache, url):
        self.cache = cache
        self.url = url
        # Our own client from the cache's configured LOCATION (redis-py's public API), not
        # the cache backend's internal one: publishing and subscribing are not cache calls.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        db = self.client.connection_pool.connection_kwargs.get("db", 0)
        self.channel = f"{cache.make_key(GENERATION_KEY)}:db{db}"
        self.value = None
        self.trusted_until = 0.0
        self.pid = None
        self.lock = threading.Lock()

    def get(self):
        if self.pid != _pid:  # not started yet, or in a forked worker: start here
            self._start()
        if time.monotonic() > self.trusted_until:
            return None
        return self.value

    def publish(self, generation):
        self.client.publish(self.channel, generation)

    def saw(self, generation):
        with self.lock:
            if self.value is not None and generation > self.value:
                self.value = generation

    def _start(self):
        with self.lock:
            if self.pid == _pid:
                return
            self.pid, self.value, self.trusted_until = _pid, None, 0.0
            threading.Thread(
                target=self._listen_forever, daemon=True, name="page-cache-generation"
            ).start()

    def _listen_forever(self):
        delay = self.POLL_SECONDS
        while True:
            try:
                self._listen()
            except Exception:
                logger.warning("page cache: generation subscription lost", exc_info=True)
            with self.lock:
                self.value, self.trusted_until = None, 0.0
            time.sleep(delay)
            delay = min(delay * 2, 30)

    def _listen(self):
        client = redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=10)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            heard = time.monotonic()
            while True:
                message = pubsub.get_message(timeout=self.POLL_SECONDS)
                now = time.monotonic()
                if message is None:
                    if now - heard > 3 * self.TRUST_SECONDS:
                        raise ConnectionError("Redis stopped answering the subscription")
                    pubsub.ping()  # answered by a "pong" message: proof the link is alive
                    continue
                heard = now
                if message["type"] == "subscribe":
                    # Subscribed first, then read: no bump can fall between the two.
                    generation = _read_generation(self.cache)
                    with self.lock:
                        self.value = generation
                elif message["type"] == "message":
                    self.saw(int(message["data"]))
                with self.lock:
                    if self.value is not None:
                        self.trusted_until = now + self.TRUST_SECONDS
        finally:
            pubsub.close()
            client.close()


_watchers = {}
_watchers_lock = threading.Lock()
_pid = os.getpid()


def _after_fork():
    global _pid
    _pid = os.getpid()


os.register_at_fork(after_in_child=_after_fork)


def _watcher_for(cache):
    """The process's generation watcher for a Redis page cache; None for local memory, where
    reading the generation costs no round trip. Django builds a cache object per thread; they
    share one watcher per Redis server and key."""
    if not isinstance(cache, RedisCache):
        return None
    watcher = getattr(cache, "_page_cache_watcher", None)
    if watcher is None:
        with _watchers_lock:
            url = _first_location(settings.CACHES[settings.PAGE_CACHE_ALIAS]["LOCATION"])
            name = (url, cache.make_key(GENERATION_KEY))
            watcher = _watchers.get(name)
            if watcher is None:
                watcher = _watchers[name] = GenerationWatcher(cache, url)
        cache._page_cache_watcher = watcher
    _hot_settings().watcher = watcher
    return watcher


def _first_location(location):
    """The primary server of a cache's LOCATION (Django's RedisCache writes to the first)."""
    if isinstance(location, str):
        location = location.split(",")
    return location[0].strip()


def invalidate_on_change(*models):
    """Register models shown to readers: saving or deleting one invalidates cached pages."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(bump_generation, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=uid + ":delete")


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


def page_key(generation, site, path, query_string):
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    raw = f"{generation}:{site}:{language}:{path}?{query_string}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


class _LocalCopies:
    """A small per-process copy of recent entries, ready to send, so a hit costs no round trip
    and almost no work. Keys embed the generation, so a copy can never outlive an
    invalidation; it is also dropped when its entry's own time is up."""

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

    def clear(self):
        with self.lock:
            self.entries.clear()


_local = _LocalCopies()


class Ready:
    """A cached entry prepared once for sending: status line, headers and body for a plain, a
    gzip and a 304 answer."""

    __slots__ = ("expires", "etag", "plain", "gzipped", "not_modified")

    def __init__(self, entry, marker="hit"):
        self.expires = entry["expires"]
        headers = entry["headers"]
        self.etag = dict(headers).get("ETag")
        status = entry["status"]
        line = f"{status} {HTTPStatus(status).phrase}"
        tail = [("Vary", "Accept-Encoding"), ("X-Page-Cache", marker)]
        body, packed = entry["body"], entry["gzip"]
        self.plain = (line, [*headers, ("Content-Length", str(len(body))), *tail], body)
        self.gzipped = (
            line,
            [*headers, ("Content-Encoding", "gzip"), ("Content-Length", str(len(packed))), *tail],
            packed,
        )
        keep = {"ETag", "Cache-Control", "Strict-Transport-Security"}
        self.not_modified = (
            "304 Not Modified",
            [(h, v) for h, v in headers if h in keep] + tail[:1],
            b"",
        )

    def answer(self, if_none_match, accept_encoding):
        """(status line, headers, body): 304 when the reader has this version, else gzip or
        plain as the reader accepts."""
        if if_none_match and self.etag and self.etag in parse_etags(if_none_match):
            return self.not_modified
        if accept_encoding and "gzip" in accept_encoding:
            return self.gzipped
        return self.plain


def lookup(generation, site, path, query_string):
    """The ready copy of a cached page, from this process or the shared cache; None on a miss."""
    if generation is None:
        return None
    local_key = (generation, site, path, query_string)
    ready = _local.get(local_key)
    if ready is not None:
        return ready
    try:
        entry = _cache().get(page_key(generation, site, path, query_string))
    except Exception:
        logger.warning("page cache read failed", exc_info=True)
        return None
    if entry is not None and entry.get("expires", 0) > time.time():
        ready = Ready(entry)
        _local.put(local_key, ready)
        return ready
    return None


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
    response["Vary"] = "Accept-Encoding"
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
        "status": response.status_code,
        "headers": [(h, response[h]) for h in STORED_HEADERS if h in response],
        "body": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }


def store(generation, site, path, query_string, entry):
    """Keep a new entry here (ready to send) and in the shared cache."""
    _local.put((generation, site, path, query_string), Ready(entry))
    try:
        _cache().set(
            page_key(generation, site, path, query_string), entry, settings.PAGE_CACHE_SECONDS
        )
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
        if not cacheable_request(meta):
            return self._private(self.get_response(request))
        generation = current_generation()
        site, path = request_site(meta), request.path_info
        query_string = normalised_query(path, meta.get("QUERY_STRING", ""))
        if query_string != meta.get("QUERY_STRING", ""):
            # Rendered, if it must be, as the page everyone is served (chaudoc.pagecache.query).
            meta["QUERY_STRING"] = query_string
            request.GET = QueryDict(query_string)
        ready = lookup(generation, site, path, query_string)
        if ready is None:
            # A missing page is rendered once per process, not by every thread that asks for
            # it at the same moment (after a change or an expiry, a crowd asks at once).
            key = (generation, site, path, query_string)
            with _rendering.one_at_a_time(key) if generation is not None else nullcontext():
                ready = lookup(generation, site, path, query_string)  # rendered meanwhile
                if ready is None:
                    response = self.get_response(request)
                    if not _storable(request, response):
                        if response.status_code in SHARED_STATUSES and _plain(request, response):
                            return _shared(response)
                        return self._private(response)
                    entry = make_entry(response)
                    if generation is not None:
                        store(generation, site, path, query_string, entry)
                    ready = Ready(entry, marker="miss")
        status, headers, body = ready.answer(
            meta.get("HTTP_IF_NONE_MATCH"), meta.get("HTTP_ACCEPT_ENCODING")
        )
        response = HttpResponse(body, status=int(status[:3]))
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
        if cacheable_request(environ):
            path = environ.get("PATH_INFO", "/")
            ready = lookup(
                current_generation(),
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
