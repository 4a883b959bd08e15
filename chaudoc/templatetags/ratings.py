"""`{% rating_widget obj %}`: "Thông tin này có hữu ích không?" under any public object of a
registered model (chaudoc.ratings.registry). The same HTML for every reader, no query: it can
sit on cached pages."""

from django import template

from chaudoc.ratings import registry
from chaudoc.ratings.models import Reason

register = template.Library()


@register.inclusion_tag("includes/rating.html")
def rating_widget(obj):
    label = obj._meta.label_lower
    if registry.model_for(label) is None:
        return {"target": None}
    return {"target": f"{label}:{obj.pk}", "reasons": Reason.choices, "uid": f"r{obj.pk}"}
