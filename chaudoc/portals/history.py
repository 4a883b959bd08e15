"""Unit history: who published a row, and the notice a former unit's content carries (in the
manner of GOV.UK's history mode: the page stays, and says under whom it was published)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from chaudoc.portals import current as portals


def publishing_unit(obj):
    """The portal that published `obj`: the one it was moved from, or the one holding it."""
    return portals.get(getattr(obj, "published_by_id", None) or obj.portal_id)


def history_notice(obj):
    """The notice for content published by a unit dissolved since, or ""."""
    unit = publishing_unit(obj)
    if unit is None or unit.dissolved_on is None:
        return ""
    return _(
        "This content was published by %(body)s, before the reorganisation of "
        "administrative units on %(date)s."
    ) % {"body": unit.publisher, "date": date_format(unit.dissolved_on, "d/m/Y")}
