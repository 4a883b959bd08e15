"""django-axes hook: the lockout page (the client address is chaudoc.pages.security.client_ip).

The page says the same thing whatever the username was, so it tells nobody which accounts exist.
"""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


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
