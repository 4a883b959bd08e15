"""Shared version numbers: how every app server learns that something it keeps in memory (the
portal map, a portal's menu) changed in another process.

A change writes a new number under its key in the shared cache (Redis in production); a
process compares it with the number its copy was read at, and reads the database again when
they differ. A number the cache lost (cleared, evicted by its memory limit, restarted) is
replaced by a new one, never by a process's own: a copy read before the loss may be older
than the last change, so after a loss every process reads its copy again.
"""

import time

from django.core.cache import cache


def read(key):
    """The shared number under `key`; a fresh object (never equal to a copy's) when the cache
    cannot answer."""
    try:
        version = cache.get(key)
        if version is None:
            cache.add(key, time.time_ns(), timeout=None)
            version = cache.get(key)
    except Exception:  # a cache that is down: read the database again rather than guess
        return object()
    return version if version is not None else object()


def bump(key):
    """Say that what `key` stands for changed; False when the cache could not be told."""
    try:
        cache.set(key, time.time_ns(), timeout=None)
    except Exception:
        return False
    return True
