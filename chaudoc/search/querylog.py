"""What residents search for, counted without storing who asked.

The search page records each query it answers (chaudoc.search.views): its words in their exact
form (lower case, one tone placement: "Lũ  LỤT" and "lũ lụt" are one query) and whether it
found anything. Nothing else about the request is read or kept: no address, cookie, session or
account. As with view
counts (chaudoc.viewcounts), a search appends one entry to a log in the cache, so a reader's
request writes nothing to the database; every SEARCH_LOG_FLUSH_EVERY searches, and whenever an
editor opens the report, the entries are summed into one row per day and query.

Searches answered by the page cache (PAGE_CACHE_SECONDS) or nginx's micro-cache are not seen:
a query repeated within those seconds counts once. These are indicators, not accounts.

The report (chaudoc.search.admin) shows only queries searched at least
SEARCH_REPORT_MIN_COUNT times in the period: a rare query, which may be something a person
typed about themselves, is never shown. Rows older than KEEP_DAYS are deleted.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from chaudoc.search.models import SearchQueryCount

SEQ = "searchlog:seq"
DONE = "searchlog:done"
LOCK = "searchlog:lock"
ENTRY_TIMEOUT = 7 * 24 * 3600
KEEP_DAYS = 400  # a year and a month: this month last year stays comparable
MAX_CHARS = 200


def _entry(n):
    return f"searchlog:entry:{n}"


def flush_every():
    return getattr(settings, "SEARCH_LOG_FLUSH_EVERY", 100)


def threshold():
    return max(1, getattr(settings, "SEARCH_REPORT_MIN_COUNT", 5))


def normalised(query):
    """The text a query is counted under: its exact words, space-separated."""
    return " ".join(term.exact for term in query.typed)[:MAX_CHARS]


def record(query, found):
    """Count one search of `query` (a chaudoc.search.text.Query) that found `found` results."""
    text = normalised(query)
    if not text:
        return
    cache.add(SEQ, 0, None)
    try:
        n = cache.incr(SEQ)
    except ValueError:  # evicted between add and incr: this one search is not counted
        return
    day = timezone.localdate().isoformat()
    cache.set(_entry(n), (day, text, bool(found)), ENTRY_TIMEOUT)
    if n % flush_every() == 0:
        flush()


def pending():
    high = cache.get(SEQ) or 0
    low = cache.get(DONE) or 0
    low = 0 if low > high else low  # the cache was cleared
    keys = [_entry(i) for i in range(low + 1, high + 1)]
    searches, empty = Counter(), Counter()
    for start in range(0, len(keys), 1000):
        for day, text, found in cache.get_many(keys[start : start + 1000]).values():
            searches[day, text] += 1
            empty[day, text] += 0 if found else 1
    return searches, empty, high, keys


def _add(day, text, searches, empty):
    rows = SearchQueryCount.objects.filter(day=day, query=text)
    if rows.update(searches=F("searches") + searches, empty=F("empty") + empty):
        return
    try:
        with transaction.atomic():
            SearchQueryCount.objects.create(day=day, query=text, searches=searches, empty=empty)
    except IntegrityError:  # created meanwhile by another flush
        rows.update(searches=F("searches") + searches, empty=F("empty") + empty)


def flush():
    """Write the buffered searches; returns how many (day, query) rows were written, None if
    another flush runs."""
    if not cache.add(LOCK, 1, 60):
        return None
    try:
        searches, empty, high, keys = pending()
        with transaction.atomic():
            for (day, text), n in searches.items():
                _add(day, text, n, empty[day, text])
            oldest = timezone.localdate() - timedelta(days=KEEP_DAYS)
            SearchQueryCount.objects.filter(day__lt=oldest).delete()
        cache.set(DONE, high, None)
        cache.delete_many(keys)
        return len(searches)
    finally:
        cache.delete(LOCK)


def report(first, last, limit=50):
    """The most searched queries and those that found nothing between days `first` and
    `last` (included), each seen at least threshold() times: two lists of
    {"query", "searches", "empty"}, most searched first."""
    least = threshold()
    totals = (
        SearchQueryCount.objects.filter(day__gte=first, day__lte=last)
        .values("query")
        .annotate(total=Sum("searches"), nothing=Sum("empty"))
        .filter(total__gte=least)
    )
    frequent = totals.order_by("-total", "query")[:limit]
    nothing = totals.filter(nothing__gte=least).order_by("-nothing", "query")[:limit]
    shape = [
        [{"query": r["query"], "searches": r["total"], "empty": r["nothing"]} for r in rows]
        for rows in (frequent, nothing)
    ]
    return shape[0], shape[1]
