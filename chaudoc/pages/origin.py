"""The portal's canonical origin, from configuration (PORTAL_URL).

Every absolute URL the portal writes (canonical and hreflang links, Open Graph, JSON-LD, feeds,
sitemaps, robots.txt, e-mail) starts here, never with the request's Host header: any client
can send any allowed host name, port or SCRIPT_NAME, and cached pages are shared by everyone.
"""

from urllib.parse import urlsplit

from django.conf import settings


def origin():
    """The configured scheme and host, e.g. "https://chaudoc.angiang.gov.vn"."""
    parts = urlsplit(settings.PORTAL["url"])
    return f"{parts.scheme}://{parts.netloc}"


def absolute_uri(path):
    """`path`, as reverse() or get_absolute_url() gives it (script prefix included), at the
    configured origin; an address that is already absolute (object storage) is left alone."""
    if path.startswith(("https://", "http://")):
        return path
    return origin() + path
