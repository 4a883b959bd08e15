"""Security headers that Django 5.2 does not set itself (CSP, Permissions-Policy), and the
client's address behind our proxy.

A few lines of our own rather than a dependency: one policy for public pages, one for the admin.
"""

import functools
import ipaddress

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.http import url_has_allowed_host_and_scheme

ADMIN_PREFIXES = ("/quan-tri/", "/en/quan-tri/", "/ckeditor/")


class StaleSessionCookieMiddleware:
    """A session cookie naming no session (expired, or made up to skip the page cache) is
    deleted in the response, so a browser stops sending it and is served from the cache again.
    Django's SessionMiddleware deletes it only when the page reads the session; this reads it
    (one lookup, only for requests that carry the cookie). Just after SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            request.session.get(SESSION_KEY)  # loads it: an unknown key leaves it empty
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith(ADMIN_PREFIXES)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = (
                settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
            )
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if admin:
            # CKEditor's image dialog opens the file browser in a frame of the same origin.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


@functools.lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


def _trusted(address):
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The address a request came from: the one function for the sign-in lockout (django-axes,
    AXES_CLIENT_IP_CALLABLE) and the view-count limit.

    X-Forwarded-For counts only when the connection itself comes from a trusted proxy
    (TRUSTED_PROXIES): then each trusted proxy has appended the address it saw, and the client is
    the right-most entry that is not a trusted proxy. Anything left of it is whatever the client
    chose to send. A request reaching gunicorn from anywhere else is keyed on REMOTE_ADDR, so
    nobody picks their own address by header. (django-ipware's proxy settings trust the header
    without looking at who connected, and it is one dependency more.)"""
    remote = request.META.get("REMOTE_ADDR") or ""
    address = _address(remote)
    # No address at all: gunicorn bound to a unix socket, which only nginx can open.
    if remote and (address is None or not _trusted(address)):
        return remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = _address(entry)
        if hop is None:
            break  # not written by a proxy of ours: stop at the last hop we can vouch for
        address = hop
        if not _trusted(hop):
            break
    return str(address) if address is not None else remote


_web_address = URLValidator(schemes=["http", "https"])


def is_safe_link(value):
    """A link typed by staff that goes where it says: a path on this site that every browser
    reads as one (Django's url_has_allowed_host_and_scheme: not `//host`, `/\\host`,
    `/<TAB>/host`, control characters...), or a full http(s) address. Checked when it is saved
    and again when it is shown, for links saved before the rule."""
    if not isinstance(value, str) or not value:
        return False
    if value.startswith("/"):
        return url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    try:
        _web_address(value)
    except ValidationError:
        return False
    return True
