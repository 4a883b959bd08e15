"""The portal app's models, defined in their rooms (Django finds an app's models here; their
app label stays "chaudoc", so tables and migrations are unchanged)."""

from chaudoc.abbreviations.models import Abbreviation
from chaudoc.portals.models import Portal, PortalHost, PortalMembership
from chaudoc.publishing.models import StateChange
from chaudoc.ratings.models import Rating
from chaudoc.search.models import SearchQueryCount, SearchWord
from chaudoc.wards.models import Ward, WardMembership

__all__ = [
    "Abbreviation",
    "SearchQueryCount",
    "Portal",
    "PortalHost",
    "PortalMembership",
    "Rating",
    "SearchWord",
    "StateChange",
    "Ward",
    "WardMembership",
]
