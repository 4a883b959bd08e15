from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chaudoc.pagecache.furniture import furniture
from chaudoc.pagecache.tags import depends_on
from chaudoc.templatetags.portal import WEEKDAYS
from weather import selectors, wmo
from weather.models import PAGE_CACHE_TAGS

register = template.Library()

COMPASS = [
    pgettext_lazy("wind from", "north"),
    pgettext_lazy("wind from", "north-east"),
    pgettext_lazy("wind from", "east"),
    pgettext_lazy("wind from", "south-east"),
    pgettext_lazy("wind from", "south"),
    pgettext_lazy("wind from", "south-west"),
    pgettext_lazy("wind from", "west"),
    pgettext_lazy("wind from", "north-west"),
]


@register.inclusion_tag("weather/includes/block.html", takes_context=True)
def weather_block(context, days=5):
    """The home page's "DỰ BÁO KHÍ TƯỢNG" block: now, the next days and the river."""
    request = context.get("request")

    def build():
        depends_on(*PAGE_CACHE_TAGS)  # also while it is empty: the first import fills it
        location = selectors.default_location()
        return {
            "forecast": selectors.forecast(location, days=days) if location else None,
            "river": selectors.default_river_status(request),
        }

    shown = furniture(f"weather:block:{days}", build, per_language=True)
    return {**shown, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.simple_tag(takes_context=True)
def alert_banners(context):
    depends_on(*PAGE_CACHE_TAGS)
    return selectors.active_banners(request=context.get("request"))


@register.filter
def wmo_label(code):
    return wmo.label(code)


@register.filter
def wmo_icon(code, is_day=True):
    return wmo.icon(code, is_day)


@register.filter
def compass(degrees):
    """Where the wind comes from, in words (8 points)."""
    if degrees is None or degrees == "":
        return ""
    return COMPASS[round(int(degrees) / 45) % 8]


@register.filter
def day_name(value, today=None):
    """'Hôm nay', 'Ngày mai', then the weekday ('Thứ Hai')."""
    today = today or timezone.localdate()
    if value == today:
        return _("Today")
    if value == today + timedelta(days=1):
        return _("Tomorrow")
    return WEEKDAYS[value.weekday()]


@register.filter
def signed(value):
    """A change with its sign: '+0.15' ('+0,15' in Vietnamese)."""
    from django.template.defaultfilters import floatformat

    text = floatformat(abs(value), 2)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text
