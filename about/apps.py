from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR


def _crud(*models):
    return [f"{verb}_{model}" for model in models for verb in ("add", "change", "view", "delete")]


class AboutConfig(AppConfig):
    name = "about"
    verbose_name = _("Introduction")
    # Collected by chaudoc.wards.roles: ward editors prepare introduction pages of their ward,
    # moderators publish them and keep the unit's leaders, offices, procedures and links.
    # The menu is the administrators' (superusers').
    role_permissions = {
        WARD_EDITOR: [*_crud("intropage")],
        MODERATOR: [
            *_crud("intropage", "leader", "office", "procedure", "weblink"),
            "publish_intropage",
        ],
    }

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from about import menu
        from about.models import IntroPage, Leader, MenuItem, Office, Procedure, WebLink
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.publishing import history
        from chaudoc.ratings import registry

        invalidate_on_change(IntroPage, Leader, Office, Procedure, WebLink, MenuItem)
        history.register(IntroPage)
        registry.register(IntroPage)
        for model in (MenuItem, WebLink, IntroPage):
            post_save.connect(menu.changed, sender=model, dispatch_uid=f"about-menu-{model}")
            post_delete.connect(menu.changed, sender=model, dispatch_uid=f"about-menu-d-{model}")

        from about import search, sitemaps  # noqa: F401
