from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Activity photos")

    def ready(self):
        from chaudoc import history
        from chaudoc.cache import invalidate_on_change
        from gallery.models import Album, Photo

        invalidate_on_change(Album, Photo)
        history.register(Album)

        # Albums in the site search and the sitemaps; photo files go with their rows.
        from gallery import search, sitemaps, uploads  # noqa: F401
