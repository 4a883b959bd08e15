"""Every request is answered by one portal, chosen by its host name (after Django's
ALLOWED_HOSTS check): `request.portal`, and `chaudoc.portals.current.current()` meanwhile."""

from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect
from django.template import loader

from chaudoc.portals import current as portals
from chaudoc.portals.origin import portal_origin

# Probes answer on any host name (a load balancer asks by address).
EXEMPT_PATHS = ("/healthz", "/readyz")


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in EXEMPT_PATHS:
            return self.get_response(request)
        known = portals.portal_map()
        portal = known.for_host(request.get_host())
        if portal is None:
            return unknown_host(request)
        request.portal = portal
        token = portals.activate(portal, known)
        try:
            response = self.get_response(request)
        finally:
            portals.deactivate(token)
        return moved_archive(request, portal, response)


def unknown_host(request):
    """No portal answers this name: a plain page that names none, rather than another
    portal's pages under a name that is not theirs."""
    context = {"host": request.get_host()}
    body = loader.render_to_string("chaudoc/portals/unknown_host.html", context, request)
    return HttpResponseNotFound(body)


def moved_archive(request, portal, response):
    """A former unit whose archive moved into a successor portal: every address it no longer
    answers is sent, once and for good, to the same address on that portal."""
    target = portal.archive_moved_to_id and portals.get(portal.archive_moved_to_id)
    if response.status_code != 404 or not target or request.method not in ("GET", "HEAD"):
        return response
    return HttpResponsePermanentRedirect(portal_origin(target) + request.get_full_path())
