from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR

EDITING = [
    f"{verb}_{model}"
    for model in ("album", "photo")
    for verb in ("add", "change", "view", "delete")
]


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Activity photos")
    # Collected by chaudoc.wards.roles. Albums follow the articles' workflow: editors prepare
    # them in their ward, moderators publish.
    role_permissions = {
        WARD_EDITOR: [*EDITING],
        MODERATOR: [*EDITING, "publish_album"],
    }

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.publishing import history
        from gallery.models import Album, Photo

        invalidate_on_change(Album, Photo)
        history.register(Album)

        # Albums in the site search and the sitemaps; photo files go with their rows.
        from gallery import search, sitemaps, uploads  # noqa: F401
