"""The site's URLs plus the uploaded media, for browser tests that must show photos (the live
server serves static files but not media; MEDIA_ROOT is a per-test folder, read per request)."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from chaudoc.urls import handler404, handler500, urlpatterns  # noqa: F401


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*urlpatterns, path("media/<path:path>", media)]
