"""Site furniture built once per change, not once per page.

The menu, the urgent-notice banners and the home page's weather and photo blocks are the same on
every page of a portal, yet each page would query and build them again, cache hit or not for the
page itself (a cache-off render, a search, a 404, a signed-in editor). `furniture(name, build)`
keeps what `build()` returns in this process, per portal (and language, where the value holds
translated text), with the dependency tags recorded while it was built (chaudoc.pagecache.tags):
it is used again while none of those tags changed and for at most FURNITURE_CACHE_SECONDS (which
bounds how late a notice whose time has come appears, as PAGE_CACHE_SECONDS does for pages).
The page using it depends on the same tags, so its own cache entry stays exact.

Per process, like the page cache's local copies (chaudoc.pagecache.pages): it is checked
against the shared tag numbers (Redis) on every use, so a change saved on any app server is seen
at once; nothing in it is needed by another process. Values are shared between threads: the
selectors return fresh lists, and callers only read them.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.utils import translation

from chaudoc.pagecache.tags import depends_on, recording
from chaudoc.pagecache.versions import versions
from chaudoc.portals import current as portals

SIZE = 512  # entries: a few pieces per portal and language

_entries = OrderedDict()
_lock = threading.Lock()


def furniture(name, build, per_language=False):
    """What build() returns, built again only after a change to what it showed."""
    seconds = settings.FURNITURE_CACHE_SECONDS
    if seconds <= 0:
        return build()
    portal = portals.current()
    key = (name, getattr(portal, "pk", None), translation.get_language() if per_language else "")
    known = versions()
    found = _entries.get(key)
    if found is not None:
        value, numbers, expires = found
        if expires > time.time() and _current(known, numbers):
            depends_on(*numbers)
            return value
    epoch = known.epoch
    with recording() as tags:
        value = build()
    depends_on(*tags)
    if known.epoch == epoch:  # no change arrived while it was built
        try:
            numbers = known.current(tags)
        except Exception:  # the cache is down: build it every time
            return value
        with _lock:
            _entries[key] = (value, numbers, time.time() + seconds)
            _entries.move_to_end(key)
            while len(_entries) > SIZE:
                _entries.popitem(last=False)
    return value


def _current(known, numbers):
    try:
        return known.current(numbers) == numbers
    except Exception:
        return False


def clear():
    with _lock:
        _entries.clear()
