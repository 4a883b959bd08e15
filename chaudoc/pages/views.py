import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.static import serve

from chaudoc.pages.context_processors import language_urls
from chaudoc.portals.views import former_portal

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120


def home(request):
    """The home page: each app brings its own block (news, weather, gallery template tags);
    a former unit's home page leads to its successors."""
    return former_portal(request) or render(request, "chaudoc/home.html")


def media(request, path, document_root):
    """Uploaded files under `make run` (DEBUG; nginx serves them in production): Django's own
    static view, with a path the file system refuses (too long, say) answered as not found."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:
        raise Http404(path) from error


def page_not_found(request, exception):
    # The missing page is missing in every language: the switcher leads to the home pages.
    switcher = language_urls(reverse("home"))
    return render(request, "404.html", {"language_urls": switcher}, status=404)


def server_error(request):
    # Rendered from static templates without a RequestContext: the database or a context
    # processor may be what failed. Django calls this inside its except block.
    if isinstance(sys.exc_info()[1], DatabaseError):
        response = HttpResponseServerError(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


@never_cache
def healthz(request):
    """Liveness: the process answers. Nothing else is checked."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: the database and the cache both answer."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.warning("readiness: database unavailable", exc_info=True)
        return False


def _cache_ok():
    try:
        cache.set("readyz", "1", 10)
        return cache.get("readyz") == "1"
    except Exception:
        logger.warning("readiness: cache unavailable", exc_info=True)
        return False
