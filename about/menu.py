"""The portal's furniture: its main menu and its "Liên kết website" block, shown on every page.

Read from the database once per process and portal, and kept until an entry changes: each
change bumps a version number in the shared cache (Redis in production), as the portal map
does (chaudoc.portals.current), so a page costs no query for them and every app server sees a
change on its next request.
"""

import threading
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import get_language

from chaudoc import versions
from chaudoc.pagecache.tags import depends_on

VERSION_KEY = "about:furniture:version"
TAG = "about.furniture"

_lock = threading.Lock()
_known = {}  # (portal id, language) -> Furniture


@dataclass
class Entry:
    label: str
    url: str | None
    is_news: bool = False
    target: str = ""


@dataclass
class Furniture:
    version: object
    menu: list = field(default_factory=list)
    links: list = field(default_factory=list)


def furniture(portal):
    """The menu entries (those whose section is installed) and website links of `portal`."""
    depends_on(TAG)
    key = (portal.pk, get_language())
    version = versions.read(VERSION_KEY)
    found = _known.get(key)
    if found is not None and found.version == version:
        return found
    with _lock:
        found = _load(portal, version)
        _known[key] = found
        return found


def _load(portal, version):
    from about.models import MenuItem, WebLink

    items = MenuItem.objects.filter(portal=portal.pk).select_related("page")
    menu = []
    for item in items:
        is_news = item.target == MenuItem.Target.NEWS
        url = item.url()
        if url or is_news:
            menu.append(Entry(item.label, url, is_news, item.target))
    links = [(link.name, link.url) for link in WebLink.objects.filter(portal=portal.pk)]
    return Furniture(version=version, menu=menu, links=links)


def bump():
    if not versions.bump(VERSION_KEY):  # the page cache's own invalidation still runs
        forget()


def changed(sender, **kwargs):
    bump()
    transaction.on_commit(bump)


def forget():
    """Drop this process's copies (tests roll back rows without a signal)."""
    _known.clear()
