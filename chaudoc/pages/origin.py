"""The canonical origin of the request's portal (chaudoc.portals.origin).

Every absolute URL the portal writes (canonical and hreflang links, Open Graph, JSON-LD, feeds,
sitemaps, robots.txt, e-mail) starts here, never with the request's Host header: any client
can send any allowed host name, port or SCRIPT_NAME, and cached pages are shared by everyone.
A portal's origin is its canonical host name with PORTAL_URL's scheme and port; a portal with
no host name (a single-unit install) answers at PORTAL_URL itself.
"""

from chaudoc.portals.origin import portal_origin


def origin(portal=None):
    """The scheme and host of `portal` (the request's by default), e.g.
    "https://chaudoc.angiang.gov.vn"."""
    return portal_origin(portal)


def absolute_uri(path, portal=None):
    """`path`, as reverse() or get_absolute_url() gives it (script prefix included), at the
    portal's origin; an address that is already absolute (object storage) is left alone."""
    if path.startswith(("https://", "http://")):
        return path
    return origin(portal) + path
