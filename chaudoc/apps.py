from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
)
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR


class ChaudocConfig(AppConfig):
    name = "chaudoc"
    verbose_name = _("Portal")
    # Collected by chaudoc.wards.roles, as every app's.
    role_permissions = {
        WARD_EDITOR: ["view_ward", "view_abbreviation", "view_searchquerycount"],
        MODERATOR: [
            "add_ward",
            "change_ward",
            "view_ward",
            "delete_ward",
            "access_all_wards",
            "add_abbreviation",
            "change_abbreviation",
            "view_abbreviation",
            "delete_abbreviation",
            "view_searchquerycount",
            "view_portal",
            "move_archive",
            "view_rating",  # the ratings report (chaudoc/ratings/)
        ],
    }

    def ready(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from chaudoc.abbreviations import table as abbreviations
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.portals.current import (
            bump_version,
            ensure_default_portal,
            migration_ended,
            migration_started,
        )
        from chaudoc.portals.models import Portal, PortalHost
        from chaudoc.publishing import notifications
        from chaudoc.publishing.workflow import state_changed
        from chaudoc.signin.twofactor import device_removed
        from chaudoc.wards.models import Ward
        from chaudoc.wards.roles import setup_roles_after_migrate

        abbreviations.connect()
        state_changed.connect(notifications.state_changed, dispatch_uid="notifications:state")

        invalidate_on_change(Ward, Portal, PortalHost)
        # Every process reads the host → portal map again after a change (chaudoc.portals).
        for model in (Portal, PortalHost):
            uid = f"portals:{model._meta.label}"
            post_save.connect(bump_version, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(bump_version, sender=model, dispatch_uid=uid + ":delete")
        m2m_changed.connect(
            bump_version, sender=Portal.successors.through, dispatch_uid="portals:successors"
        )
        # A flush (tests) or a migration changes portals without a model signal.
        pre_migrate.connect(migration_started, dispatch_uid="portals:migrating")
        post_migrate.connect(migration_ended, dispatch_uid="portals:migrated")
        post_migrate.connect(ensure_default_portal, sender=self, dispatch_uid="portals:migrate")
        # The owner hears by e-mail when their authenticator is removed, by them or an admin.
        post_delete.connect(device_removed, sender=TOTPDevice, dispatch_uid="twofactor:removed")
        # Once per migrate (sender: this app), after the permissions of every app exist.
        post_migrate.connect(setup_roles_after_migrate, sender=self)
