"""One rating per page, per connection, per day, without storing who rated.

The key of a vote is HMAC-SHA256(salt of the day, client address | page), kept in the shared
cache until the day ends, never in the database: the rating row has no link to it. The salt is
random, made on the day's first vote and kept in the cache for that day only (plus an hour's
grace), so once it is gone nobody, an administrator with the database and the cache included,
can recompute which address a key stood for or tie yesterday's votes to today's. The secret key
is not used: a salt that leaks is worthless the next day, a leaked secret key would not be."""

import hashlib
import hmac
import secrets
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.utils import timezone

from chaudoc.pages.security import client_ip


def _seconds_left_today(now):
    end = datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min)
    end = timezone.make_aware(end)
    return max(60, int((end - now).total_seconds()))


def daily_salt(now=None):
    now = now or timezone.now()
    key = f"ratings:salt:{timezone.localdate(now).isoformat()}"
    return cache.get_or_set(key, secrets.token_hex(32), _seconds_left_today(now) + 3600)


def vote_key(request, target, now=None):
    salt = daily_salt(now)
    digest = hmac.new(salt.encode(), f"{client_ip(request)}|{target}".encode(), hashlib.sha256)
    return f"ratings:voted:{digest.hexdigest()}"


def first_vote_today(request, target, now=None):
    """True the first time this connection rates `target` today (and remembers it)."""
    now = now or timezone.now()
    return cache.add(vote_key(request, target, now), 1, _seconds_left_today(now))
