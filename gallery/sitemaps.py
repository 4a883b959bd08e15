from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.pages.sitemaps import PortalSitemap, register
from gallery.models import Album


class AlbumSitemap(PortalSitemap):
    html_title = _("Activity photos")
    changefreq = "weekly"

    def items(self):
        # The list of albums first, then each album, newest first.
        albums = (
            Album.objects.published()
            .for_portal()
            .only("slug", "title", "title_vi", "title_en", "updated_at")
        )
        return ["list", *albums.order_by("-published_at", "-pk")]

    def location(self, item):
        return reverse("gallery:list") if item == "list" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "list" else item.updated_at

    def item_label(self, item):
        return _("All albums") if item == "list" else str(item)


register("albums", AlbumSitemap)
