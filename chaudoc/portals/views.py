"""Pages of former units: a dissolved unit's page sends readers to its successor (301), or
names its successors when it was split."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from chaudoc.portals import current as portals
from chaudoc.portals.origin import portal_origin


def successor_link(portal):
    return portal_origin(portal) + reverse("home")


def former_unit(request, unit, successors):
    """301 to the one successor's home page; a short page naming them after a split. `unit` is
    a former portal or a former ward."""
    successors = list(successors)
    if not successors:
        return None
    if len(successors) == 1:
        return HttpResponsePermanentRedirect(successor_link(successors[0]))
    context = {
        "unit": unit,
        "successors": [(portal, successor_link(portal)) for portal in successors],
    }
    return render(request, "chaudoc/portals/former_unit.html", context)


def former_portal(request):
    """The home page of a dissolved portal (None while it has no successor)."""
    portal = request.portal
    if portal.dissolved_on is None:
        return None
    return former_unit(request, portal, portals.successors(portal))
