from django import template
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

from chaudoc.text import sanitize_html

register = template.Library()

# Django's Vietnamese catalogue names weekdays "Thứ 6"; the portal writes them out, capitalised.
WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]


@register.filter
def long_date(value, with_time=True):
    """'Thứ Sáu, 29/12/2023 - 14:30' in Vietnamese; 'Friday, 29/12/2023 - 14:30' in English."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    text = f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"
    if with_time:
        text += f" - {local:%H:%M}"
    return text


@register.filter
def short_date(value):
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value), "d/m/Y")



@register.filter
def clean_html(value):
    """Sanitise again on output, so rows written around save() (bulk loads, SQL) stay safe."""
    return mark_safe(sanitize_html(value))


@register.filter
def isotime(value):
    """Machine-readable time for <time datetime>: seconds precision, local offset."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
