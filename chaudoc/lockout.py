"""django-axes hooks: the client address behind our proxy, and the lockout page.

The page says the same thing whatever the username was, so it tells nobody which accounts exist.
"""

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def client_ip(request):
    """The address that connected to our outermost trusted proxy.

    Each of the TRUSTED_PROXY_COUNT proxies appends the address it saw to X-Forwarded-For, so
    the entry that many places from the end is the client's; anything before it is whatever
    the client chose to send. Without proxies (or headers) it is REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR")
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if hops <= 0 or len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else None
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in temporarily locked"),
        "minutes": math.ceil(seconds / 60) if seconds else None,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = TemplateResponse(request, "admin/twofactor/lockout.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store, private"
    return response.render()
