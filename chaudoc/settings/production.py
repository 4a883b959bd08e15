"""`make serve`, gunicorn (chaudoc.wsgi and chaudoc.asgi default to it) and the benchmarks.

Refuses to start without a real SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. HTTPS (redirect,
HSTS, secure cookies), SMTP mail, hashed static files and two-step verification for moderators
come from base.py and this module, never from DEBUG: DEBUG=true shows Django's error pages (and
lets Django serve /media/) and changes nothing else. Each safeguard is turned off only by its
own variable (SECURE_SSL_REDIRECT, SECURE_COOKIES, SECURE_HSTS_SECONDS, EMAIL_BACKEND,
TWO_FACTOR_REQUIRED), e.g. by bench/ on plain-HTTP loopback."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEV_SECRET_KEY, PORTAL, SECRET_KEY, env_bool, portal_origin

# A production server that falls back to a known key or to any host is an open door.
if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")


def _default_origin():
    """https:// and the first ALLOWED_HOSTS name, when PORTAL_URL is unset."""
    if os.environ.get("PORTAL_URL", "").strip():
        return ""  # portal_origin reads it
    host = ALLOWED_HOSTS[0]
    if host.startswith(".") or "*" in host:
        raise ImproperlyConfigured("Set PORTAL_URL: the first ALLOWED_HOSTS entry is a pattern.")
    return f"https://{host}"


PORTAL = {**PORTAL}
PORTAL["url"], FORCE_SCRIPT_NAME = portal_origin(_default_origin())

# HTTPS at the proxy: deploy/nginx.conf terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
# The portal's own host and its subdomains are HTTPS-only; preload is only a header flag
# until someone submits the domain to the browsers' list.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
