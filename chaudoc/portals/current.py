"""Which portal a request is for, and the host → portal map every request reads.

The map (every portal, its hosts and successors) is read from the database once per process
and kept until a portal or a host name changes: each change bumps a version number in the
shared cache (Redis in production), so every app server reloads it on its next request. A
request therefore costs no query to find its portal.

`current()` is the portal of the request being answered (set by PortalMiddleware, as Django's
LocaleMiddleware activates a language); code running outside a request (commands, tests)
gets the default portal, or chooses one with `override(portal)`.
"""

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from chaudoc import versions
from chaudoc.portals.models import Portal, PortalHost, normalise_host

VERSION_KEY = "portals:version"

_current = ContextVar("chaudoc_portal", default=None)
# The map a request started with: one read of the shared version per request, not one per
# question (a page asks a dozen times: its portal, links' hosts, the default portal).
_pinned = ContextVar("chaudoc_portal_map", default=None)


@dataclass
class PortalMap:
    version: object
    portals: dict = field(default_factory=dict)  # id -> Portal
    hosts: dict = field(default_factory=dict)  # host -> portal id
    canonical: dict = field(default_factory=dict)  # portal id -> host
    successors: dict = field(default_factory=dict)  # portal id -> [portal ids]
    default_id: int | None = None

    def for_host(self, host):
        """The portal answering `host`, or None (the default one while it is the only one)."""
        portal_id = self.hosts.get(normalise_host(host))
        if portal_id is None and len(self.portals) == 1:
            portal_id = self.default_id
        return self.portals.get(portal_id)


_lock = threading.Lock()
_map = None


def portal_map():
    """The current map; reloaded when the shared version moved (or was lost). Inside a
    request, the one it started with (unless this process changed a portal meanwhile)."""
    global _map
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    version = versions.read(VERSION_KEY)
    known = _map
    if known is not None and known.version == version:
        return known
    with _lock:
        _map = _load(version)
        return _map


def forget():
    """Drop this process's map (tests roll back rows without a signal)."""
    global _map
    _map = None


def _load(version):
    portals = {p.pk: p for p in Portal.objects.all()}
    if not portals:
        default = Portal.objects.create(**initial_portal_fields())
        portals = {default.pk: default}
    result = PortalMap(version=version, portals=portals)
    hosts = PortalHost.objects.values_list("portal_id", "host")
    for portal_id, host in hosts.order_by("-is_canonical", "host"):
        result.hosts[host] = portal_id
        result.canonical.setdefault(portal_id, host)
    through = Portal.successors.through.objects.values_list("from_portal_id", "to_portal_id")
    for from_id, to_id in through.order_by("to_portal_id"):
        result.successors.setdefault(from_id, []).append(to_id)
    defaults = [p.pk for p in portals.values() if p.is_default]
    result.default_id = defaults[0] if defaults else min(portals)
    return result


def initial_portal_fields():
    """The portal a single-unit install starts with, from its configuration (settings.PORTAL)."""
    conf = settings.PORTAL
    return {
        "name": str(conf["name"]),
        "short_name": str(conf.get("short_name", conf["publisher"])),
        "kind": Portal.Kind.CITY,
        "slug": "mac-dinh",
        "governing_body": conf["publisher"],
        "banner": str(conf.get("banner", "")),
        "is_default": True,
    }


def ensure_default_portal(using="default", **kwargs):
    """post_migrate receiver: an install always has a portal (a flushed database included, as
    it always has its roles), made before any request rather than while one renders."""
    if not Portal.objects.using(using).exists():
        Portal.objects.using(using).create(**initial_portal_fields())
    bump_version(signal=True, using=using)


def bump_version(**kwargs):
    """Signal receiver: a portal, a host name or a successor changed; again at the commit."""
    _bump()
    if kwargs.get("signal") is not None:
        transaction.on_commit(_bump, using=kwargs.get("using"))


def _bump():
    _pinned.set(None)  # the rest of this request reads the new map
    # A cache that is down cannot be told: the next request reads the map again anyway.
    versions.bump(VERSION_KEY)


def current():
    """The request's portal; outside a request, the default portal."""
    portal = _current.get()
    return portal if portal is not None else default_portal()


def default_portal():
    known = portal_map()
    return known.portals[known.default_id]


def default_portal_id():
    """The default of every `portal` field: a row created without one joins the default portal.

    From the map; while migrations run, only the id is read: a migration giving some table a
    `portal` runs with the model of today, whose later columns (a field added to Portal by a
    later migration) may not exist yet, so whole rows cannot be read then.
    """
    if _migrating:
        pk = Portal.objects.order_by("-is_default", "pk").values_list("pk", flat=True).first()
        if pk is not None:
            return pk
    return portal_map().default_id


_migrating = False


def migration_started(**kwargs):
    """pre_migrate receiver: until post_migrate, default_portal_id reads only the id."""
    global _migrating
    _migrating = True


def migration_ended(**kwargs):
    global _migrating
    _migrating = False


def get(portal_id):
    """A portal by id, from the map (no query)."""
    return portal_map().portals.get(portal_id)


def successors(portal):
    known = portal_map()
    return [known.portals[pk] for pk in known.successors.get(portal.pk, ()) if pk in known.portals]


def canonical_host(portal):
    return portal_map().canonical.get(portal.pk)


def family_ids(portal):
    """The portal and the portals above it (a province's alert shows on its wards' portals)."""
    known, ids = portal_map(), []
    while portal is not None and portal.pk not in ids:
        ids.append(portal.pk)
        portal = known.portals.get(portal.parent_id)
    return ids


def children(portal):
    known = portal_map()
    return [p for p in known.portals.values() if p.parent_id == portal.pk]


@contextmanager
def override(portal):
    token = _current.set(portal)
    try:
        yield portal
    finally:
        _current.reset(token)


def activate(portal, known=None):
    """Answer as `portal` until deactivate(); with `known`, the map to use meanwhile."""
    return _current.set(portal), _pinned.set(known)


def deactivate(token):
    portal_token, map_token = token
    _pinned.reset(map_token)
    _current.reset(portal_token)
