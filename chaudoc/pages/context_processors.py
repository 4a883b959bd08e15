from django.conf import settings
from django.urls import translate_url

from chaudoc.portals import current as portals


def portal(request):
    """Site-wide context: portal identity, navigation and the language switcher's targets."""
    return {
        "PORTAL": getattr(request, "portal", None) or portals.current(),
        "language_urls": language_urls(request.get_full_path()),
    }


def language_urls(path):
    """(code, name, this page's address in that language) for the language switcher."""
    return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]
