"""Head tags every page carries: canonical URL, hreflang alternates, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from chaudoc.pages.origin import absolute_uri

register = template.Library()

# As Django's json_script: nothing in the data can close the <script> element or open a comment.
_JSON_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context.get("request")
    if path is None and request is None:
        return ""
    return absolute_uri(path or request.path)


def _page_suffix(request):
    page = request.GET.get("page", "")
    return f"?page={int(page)}" if page.isdigit() and 1 < int(page) < 10**6 else ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page without tracking or filter parameters (a list page keeps its page number)."""
    request = context.get("request")
    if request is None:
        return ""
    return absolute_uri(request.path) + _page_suffix(request)


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context, obj=None):
    """This page in every language; for a translatable `obj`, only the languages it has."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    suffix = _page_suffix(request)
    links = [
        (code, absolute_uri(translate_url(request.path, code)) + suffix)
        for code, _ in settings.LANGUAGES
        if obj is None or obj.is_translated(code)
    ]
    links.append(("x-default", dict(links)[settings.LANGUAGE_CODE]))
    return {"links": links}


@register.filter
def json_ld(data):
    """<script type="application/ld+json"> with `data`: a data block, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
