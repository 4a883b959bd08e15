"""A portal's canonical origin: its canonical host name, with the scheme and port of the
configured origin (PORTAL_URL); a portal without a host name of its own (the one portal of a
single-unit install) uses PORTAL_URL as it is."""

from urllib.parse import urlsplit

from django.conf import settings

from chaudoc.portals import current as portals


def configured_origin():
    parts = urlsplit(settings.PORTAL["url"])
    return f"{parts.scheme}://{parts.netloc}"


def portal_origin(portal=None):
    """E.g. "https://chaudoc.angiang.gov.vn" for phường Châu Đốc."""
    portal = portal or portals.current()
    host = portals.canonical_host(portal)
    if not host:
        return configured_origin()
    parts = urlsplit(settings.PORTAL["url"])
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"
