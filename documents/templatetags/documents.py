"""What the documents register offers other pages: the home page's latest documents."""

from django import template

from documents.models import ORDER, Document

register = template.Library()

HOME_DOCUMENTS = 5


@register.inclusion_tag("documents/includes/home_block.html", takes_context=True)
def documents_block(context, count=HOME_DOCUMENTS):
    """The home page's "Văn bản mới": the latest published documents of the portal."""
    documents = (
        Document.objects.published()
        .for_portal()
        .for_language()
        .for_listing()
        .order_by(*ORDER)[:count]
    )
    return {"documents": list(documents), "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.simple_tag
def validity_of(document, today=None):
    return document.validity(today)
