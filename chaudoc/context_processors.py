from django.conf import settings
from django.urls import translate_url

from news.selectors import nav_categories


def portal(request):
    """Site-wide context: portal identity, navigation and the language switcher's targets."""
    path = request.get_full_path()
    return {
        "PORTAL": settings.PORTAL,
        "nav_categories": lambda: nav_categories(request),
        "language_urls": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
    }
