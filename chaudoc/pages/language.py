"""Django's LocaleMiddleware, without a Vary the portal's URLs make untrue.

With i18n_patterns(prefix_default_language=False), as chaudoc/urls.py has them, LocaleMiddleware
takes every request's language from its path alone: "/en/..." is English and any other path the
default language, whatever Accept-Language or a cookie says (process_request). Its
process_response still adds "Vary: Accept-Language" to every unprefixed answer, which would
make the page cache and nginx keep one copy of each page per browser language for nothing. This
subclass keeps everything else of Django's and leaves Vary as the view set it when the language
cannot have come from the request's headers.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if not i18n_patterns_used or prefixed_default_language:
            return super().process_response(request, response)
        vary = response.headers.get("Vary")
        response = super().process_response(request, response)
        if vary is None:
            del response.headers["Vary"]
        else:
            response.headers["Vary"] = vary
        return response
