from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

from chaudoc.portals.history import history_notice as unit_history_notice
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


@register.simple_tag
def history_notice(obj):
    """GOV.UK-style history notice on content a former unit published (chaudoc.portals)."""
    text = unit_history_notice(obj)
    if not text:
        return ""
    return format_html('<p class="notice history-notice" role="note">{}</p>', text)


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
    return mark_safe(sanitize_html(value, lazy_images=True))


@register.filter
def isotime(value):
    """Machine-readable time for <time datetime>: seconds precision, local offset."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def picture(renditions, alt, sizes, css_class="", lazy=False):
    """An image with its renditions (chaudoc.media.images.RenditionSet): WebP candidates for the
    browsers that take them, JPEG ones for the others, so a phone loads a small one. The one
    renderer of article covers, cards, album covers and photos.

    Width and height keep the page from moving while it loads; `lazy` for images below the
    fold (the first image of a page should load at once: it is often the largest paint).
    """
    if not renditions:
        return ""
    fallback = renditions.fallback
    loading = mark_safe(' loading="lazy" decoding="async"') if lazy else ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    jpeg = renditions.jpeg_srcset
    chosen = format_html(' srcset="{}" sizes="{}"', jpeg, sizes) if jpeg else ""
    img = format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}"{}{}>',
        fallback.url,
        chosen,
        fallback.width or "",
        fallback.height or "",
        alt,
        css,
        loading,
    )
    if not jpeg:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>',
        renditions.webp_srcset,
        sizes,
        img,
    )
