from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.pages.sitemaps import PortalSitemap, register


class ScheduleSitemap(PortalSitemap):
    html_title = _("Work schedule")
    changefreq = "daily"

    def items(self):
        return ["schedule:this_week"]

    def location(self, item):
        return reverse(item)

    def item_label(self, item):
        return _("This week's schedule")


register("schedule", ScheduleSitemap)
