"""View counts ("Lượt xem") without a database write in a reader's request.

Pages are served from the page cache, so the article page reports its view with a small POST
from static/js/portal.js (news.views.article_viewed); readers without JavaScript are not counted.

Each counted view appends one entry to a log in the cache (an atomic incr for its number, one
set for the entry), so it works the same with local memory and with a Redis shared by several
app servers. Every VIEW_COUNT_FLUSH_EVERY views, and whenever `manage.py flush_view_counts`
runs (cron), the entries are summed and written with one UPDATE per model and count.
Staff are not counted. A view whose entry is written while a flush reads may be lost: these are
indicators, not accounts.

One client counts at most once per item per VIEW_COUNT_WINDOW_MINUTES (30): one `add` of a key
naming the item and the client's address (chaudoc.pages.security.client_ip, the lockout's
rule; an IPv6 client by its /64, which one household or phone is given whole) that expires
with the window, so a script repeating the POST adds one view, whatever it sends. Readers
sharing one address (an office, a carrier's NAT) count once between them per window; nginx
also limits the POSTs (deploy/nginx.conf, zone chaudoc_views).
"""

import ipaddress
from collections import Counter, defaultdict

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from chaudoc.pages.security import client_ip

SEQ = "viewcounts:seq"
DONE = "viewcounts:done"
LOCK = "viewcounts:lock"
ENTRY_TIMEOUT = 7 * 24 * 3600


def _entry(n):
    return f"viewcounts:entry:{n}"


def flush_every():
    return getattr(settings, "VIEW_COUNT_FLUSH_EVERY", 100)


def window_seconds():
    return int(getattr(settings, "VIEW_COUNT_WINDOW_MINUTES", 30) * 60)


def _client_key(request):
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address) + "/64"
    return str(parsed)


def first_view_in_window(request, obj):
    """True for the first view of `obj` from this client in the window (then remembered)."""
    window = window_seconds()
    if window <= 0:
        return True
    key = f"viewcounts:seen:{obj._meta.label_lower}:{obj.pk}:{_client_key(request)}"
    return cache.add(key, 1, window)


def count_view(request, obj):
    """Count one reader's view of `obj` (a model with a `view_count` field)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return
    if not first_view_in_window(request, obj):
        return
    cache.add(SEQ, 0, None)
    try:
        n = cache.incr(SEQ)
    except ValueError:  # evicted between add and incr: this one view is not counted
        return
    cache.set(_entry(n), f"{obj._meta.label_lower}:{obj.pk}", ENTRY_TIMEOUT)
    if n % flush_every() == 0:
        flush()


def _pending_range():
    high = cache.get(SEQ) or 0
    low = cache.get(DONE) or 0
    return (0 if low > high else low), high  # low > high: the cache was cleared


def pending():
    """The buffered counts: {model label: {pk: views}}."""
    low, high = _pending_range()
    keys = [_entry(i) for i in range(low + 1, high + 1)]
    counts = Counter()
    for start in range(0, len(keys), 1000):
        counts.update(cache.get_many(keys[start : start + 1000]).values())
    grouped = defaultdict(dict)
    for entry, views in counts.items():
        label, _, pk = entry.rpartition(":")
        grouped[label][int(pk)] = views
    return grouped, high, keys


def write(grouped):
    """Add the counts to the database: one UPDATE per model and distinct count."""
    updated = 0
    with transaction.atomic():
        for label, per_pk in grouped.items():
            model = apps.get_model(label)
            by_views = defaultdict(list)
            for pk, views in per_pk.items():
                by_views[views].append(pk)
            for views, pks in by_views.items():
                updated += model._default_manager.filter(pk__in=pks).update(
                    view_count=F("view_count") + views
                )
    return updated


def flush():
    """Write the buffered views; returns how many rows were updated, None if another flush runs."""
    if not cache.add(LOCK, 1, 60):
        return None
    try:
        grouped, high, keys = pending()
        updated = write(grouped)
        cache.set(DONE, high, None)
        cache.delete_many(keys)
        return updated
    finally:
        cache.delete(LOCK)
