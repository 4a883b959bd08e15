"""Version numbers of the page cache's dependency tags (chaudoc.pagecache.tags).

Each tag ("news.article:42", "news.article:list", "weather:block", "*" for the whole site) has a
number in the cache, `pagecache:tag:<tag>`; invalidating a tag increments it. A cached page
remembers the numbers of the tags it was built from and is valid while they are unchanged.

With Redis the numbers are shared by every app server, and each process keeps its own copy of
the ones it has used, kept current by a Redis pub/sub subscription (`VersionWatcher`): an
invalidation increments the shared numbers and publishes them. `epoch` counts the changes a
process has learnt of, so a hit whose page was checked at the current epoch costs one integer
comparison and no round trip. A process whose subscription is down, or has not confirmed itself
for a few seconds, reads the shared numbers of a page's tags on every request instead.
With the default local-memory cache (one development process) the numbers live in that cache and
every invalidation happens in the process itself.

A tag whose number is missing (never used, or evicted) starts at the current time in
milliseconds: larger than any number it had before, so a page built from an older number never
matches it again.
"""

import logging
import os
import threading
import time

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

TAG_PREFIX = "pagecache:tag:"


def tag_key(tag):
    return TAG_PREFIX + tag


def _fresh_number():
    return int(time.time() * 1000)


class TagVersions:
    """The numbers as one cache holds them; local memory: every change comes from here."""

    def __init__(self, cache):
        self.cache = cache
        self.epoch = 0
        self.lock = threading.Lock()

    def trusted(self):
        return True

    def current(self, tags):
        """{tag: number} for `tags`, read from the cache; missing numbers are started."""
        keys = {tag_key(tag): tag for tag in tags}
        found = self.cache.get_many(keys)
        missing = {key: _fresh_number() for key in keys if key not in found}
        if missing:
            for key, number in missing.items():
                self.cache.add(key, number, timeout=None)
            found.update(self.cache.get_many(missing))
        return {keys[key]: found.get(key, missing.get(key)) for key in keys}

    def bump(self, tags):
        """Increment the numbers of `tags` (starting missing ones); {tag: new number}."""
        bumped = {}
        for tag in tags:
            try:
                bumped[tag] = self.cache.incr(tag_key(tag))
            except ValueError:
                bumped[tag] = _fresh_number()
                self.cache.set(tag_key(tag), bumped[tag], timeout=None)
        self.learnt(bumped)
        return bumped

    def learnt(self, numbers):
        with self.lock:
            self.epoch += 1


class VersionWatcher(TagVersions):
    """This process's copy of the shared numbers, kept current from Redis pub/sub.

    `trusted()` is false (read Redis instead) until the subscription is confirmed, while it is
    down, and when the listening thread has not checked in for `TRUST_SECONDS`. Numbers only
    grow, so messages arriving out of order never move a copy backwards.
    """

    TRUST_SECONDS = 5.0
    POLL_SECONDS = 1.0

    def __init__(self, cache, url):
        super().__init__(cache)
        self.url = url
        # Our own client from the cache's configured LOCATION (redis-py's public API), not
        # the cache backend's internal one: publishing and subscribing are not cache calls.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        db = self.client.connection_pool.connection_kwargs.get("db", 0)
        self.channel = f"{cache.make_key(TAG_PREFIX)}:db{db}"
        self.known = {}
        self.trusted_until = 0.0
        self.pid = None

    def trusted(self):
        if self.pid != _pid:  # not started yet, or in a forked worker: start here
            self._start()
        return time.monotonic() <= self.trusted_until

    def current(self, tags):
        if not self.trusted():
            return super().current(tags)
        known = self.known
        numbers = {tag: known.get(tag) for tag in tags}
        missing = [tag for tag, number in numbers.items() if number is None]
        if missing:
            read = super().current(missing)
            self._remember(read)
            numbers.update({tag: self.known.get(tag, read[tag]) for tag in missing})
        return numbers

    def bump(self, tags):
        bumped = super().bump(tags)
        self.client.publish(self.channel, "\n".join(f"{t}={n}" for t, n in bumped.items()))
        return bumped

    def learnt(self, numbers):
        self._remember(numbers)
        with self.lock:
            self.epoch += 1

    def _remember(self, numbers):
        with self.lock:
            for tag, number in numbers.items():
                if number > self.known.get(tag, -1):
                    self.known[tag] = number

    def _forget(self):
        with self.lock:
            self.known, self.trusted_until = {}, 0.0
            self.epoch += 1

    def _start(self):
        with self.lock:
            if self.pid == _pid:
                return
            self.pid, self.known, self.trusted_until = _pid, {}, 0.0
            threading.Thread(
                target=self._listen_forever, daemon=True, name="page-cache-versions"
            ).start()

    def _listen_forever(self):
        delay = self.POLL_SECONDS
        while True:
            try:
                self._listen()
            except Exception:
                logger.warning("page cache: version subscription lost", exc_info=True)
            self._forget()
            time.sleep(delay)
            delay = min(delay * 2, 30)

    def _listen(self):
        client = redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=10)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            heard = time.monotonic()
            subscribed = False
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
                    # Subscribed first: numbers read from now on cannot miss a change.
                    subscribed = True
                elif message["type"] == "message":
                    self.learnt(_parse(message["data"]))
                if subscribed:
                    with self.lock:
                        self.trusted_until = now + self.TRUST_SECONDS
        finally:
            pubsub.close()
            client.close()


def _parse(data):
    if isinstance(data, bytes):
        data = data.decode()
    numbers = {}
    for line in data.splitlines():
        tag, _, number = line.rpartition("=")
        if tag and number.isdigit():
            numbers[tag] = int(number)
    return numbers


_versions = {}
_versions_lock = threading.Lock()
_pid = os.getpid()


def _after_fork():
    global _pid
    _pid = os.getpid()


os.register_at_fork(after_in_child=_after_fork)


def versions():
    """The process's tag numbers for the page cache: one object per cache server and prefix
    (Django builds a cache object per thread; they share it)."""
    alias = settings.PAGE_CACHE_ALIAS
    cache = caches[alias]
    config = settings.CACHES[alias]
    name = (alias, str(config.get("LOCATION", "")), config.get("KEY_PREFIX", ""))
    found = _versions.get(name)
    if found is None:
        with _versions_lock:
            found = _versions.get(name)
            if found is None:
                if isinstance(cache, RedisCache):
                    found = VersionWatcher(cache, _first_location(config["LOCATION"]))
                else:
                    found = TagVersions(cache)
                _versions[name] = found
    return found


def _first_location(location):
    """The primary server of a cache's LOCATION (Django's RedisCache writes to the first)."""
    if isinstance(location, str):
        location = location.split(",")
    return location[0].strip()
