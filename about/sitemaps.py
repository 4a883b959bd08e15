from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from about.models import IntroPage, Leader
from chaudoc.pages.sitemaps import PortalSitemap, register
from chaudoc.portals import current as portals

SECTIONS = {
    "about:index": _("Introduction"),
    "about:chart": _("Organisation chart"),
    "about:leaders": _("Leaders"),
    "about:contacts": _("Contact"),
    "about:procedures": _("Administrative procedures"),
}


class AboutSitemap(PortalSitemap):
    html_title = _("Introduction")
    changefreq = "monthly"

    def items(self):
        pages = (
            IntroPage.objects.published()
            .for_portal()
            .only("slug", "title", "title_vi", "title_en", "updated_at")
            .order_by("order", "id")
        )
        leaders = Leader.objects.filter(portal=portals.current().pk, is_active=True).only(
            "slug", "name"
        )
        return [*SECTIONS, *pages, *leaders]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return getattr(item, "updated_at", None)

    def item_label(self, item):
        return SECTIONS[item] if isinstance(item, str) else str(item)


register("about", AboutSitemap)
