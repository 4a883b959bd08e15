"""The table as search and read-aloud use it: read once per process, read again after any
change (a save or delete anywhere bumps a version in the shared cache, so every worker
process sees the change on its next lookup)."""

import threading

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from chaudoc.abbreviations.models import Abbreviation

_VERSION_KEY = "abbreviations:version"
_lock = threading.Lock()
_loaded = {"version": None, "rows": ()}


def _rows():
    version = cache.get(_VERSION_KEY, 0)
    with _lock:
        if _loaded["version"] != version:
            _loaded["rows"] = tuple(
                Abbreviation.objects.values_list(
                    "short_form", "full_form", "spoken_form", "use_in_search", "use_in_reading"
                )
            )
            _loaded["version"] = version
        return _loaded["rows"]


def search_pairs():
    """[(short_form, full_form), ...] of the rows used in search."""
    return [(short, full) for short, full, _spoken, in_search, _ in _rows() if in_search]


def reading_map():
    """{short_form: what to say}, for the rows used when reading aloud."""
    return {
        short: spoken or full for short, full, spoken, _search, in_reading in _rows() if in_reading
    }


def changed(**kwargs):
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)
    _loaded["version"] = None  # this process reads again at once, whatever the cache says


def connect():
    post_save.connect(changed, sender=Abbreviation, dispatch_uid="abbreviations:saved")
    post_delete.connect(changed, sender=Abbreviation, dispatch_uid="abbreviations:deleted")
