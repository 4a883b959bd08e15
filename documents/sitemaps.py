from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.pages.sitemaps import PortalSitemap, register
from documents.models import ORDER, Document

PAGES = [
    ("documents:list", _("All documents")),
    ("documents:disclosures", _("Public disclosure")),
    ("documents:plans", _("Strategies, plans and programmes")),
    ("documents:projects", _("Public investment and procurement")),
    ("documents:budget", _("Budget")),
    ("documents:statistics", _("Statistics")),
    ("documents:access", _("Access to information")),
]


class DocumentSitemap(PortalSitemap):
    html_title = _("Documents")
    changefreq = "weekly"

    def items(self):
        documents = (
            Document.objects.published()
            .for_portal()
            .only("slug", "number", "summary", "summary_vi", "summary_en", "updated_at")
        )
        return [*PAGES, *documents.order_by(*ORDER)]

    def location(self, item):
        return reverse(item[0]) if isinstance(item, tuple) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, tuple) else item.updated_at

    def item_label(self, item):
        return item[1] if isinstance(item, tuple) else f"{item.number}: {item.summary}"


register("documents", DocumentSitemap)
