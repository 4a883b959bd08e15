"""An RSS feed of the latest published documents of each type."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from chaudoc.pages.origin import absolute_uri
from chaudoc.portals import current as portals
from documents.models import ORDER, Document, DocumentType

FEED_ITEMS = 20


def plain(text):
    """Plain text, without anything a feed reader could take for markup (as news's feeds)."""
    return " ".join(strip_tags(str(text)).split())


class DocumentTypeFeed(Feed):
    def get_object(self, request, slug):
        self.request_path = request.path
        return get_object_or_404(DocumentType, slug=slug)

    def title(self, doc_type):
        return plain(f"{doc_type.name} - {portals.current().name}")

    def link(self, doc_type):
        return absolute_uri(doc_type.get_absolute_url())

    def feed_url(self, doc_type):
        return absolute_uri(reverse("documents:type_rss", kwargs={"slug": doc_type.slug}))

    def description(self, doc_type):
        return plain(_("The latest documents of this type: %(type)s.") % {"type": doc_type.name})

    def items(self, doc_type):
        return (
            Document.objects.published()
            .for_portal()
            .for_language()
            .for_listing()
            .filter(doc_type=doc_type)
            .order_by(*ORDER)[:FEED_ITEMS]
        )

    def item_title(self, document):
        return plain(f"{document.number}: {document.summary}")

    def item_description(self, document):
        return plain(f"{document.issuer} · {document.issued_on:%d/%m/%Y}")

    def item_link(self, document):
        return absolute_uri(document.get_absolute_url())

    def item_pubdate(self, document):
        return timezone.localtime(document.published_at)
