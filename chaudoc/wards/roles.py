"""The editorial roles, as permission groups. Idempotent: run after every migrate and by
`setup_roles` / `load_demo`. Administrators are superusers and need no group.

Group names are data in Vietnamese, the language of the people who assign them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

WARD_EDITOR = "Biên tập viên phường/xã"
MODERATOR = "Kiểm duyệt viên"

ROLES = (WARD_EDITOR, MODERATOR)


def role_permissions():
    """{role: ["app_label.codename", ...]}, collected from every installed app: each app's
    AppConfig declares what its content needs in `role_permissions` ({role: [codename, ...]}),
    so this module names no app."""
    wanted = {role: [] for role in ROLES}
    for app_config in global_apps.get_app_configs():
        for role, codenames in getattr(app_config, "role_permissions", {}).items():
            wanted[role] += [f"{app_config.label}.{codename}" for codename in codenames]
    return wanted


def setup_roles(using="default", apps=global_apps):
    """Create the role groups and give them their permissions; returns {name: created}.

    Permissions an administrator added to a group by hand are left in place.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in global_apps.get_app_configs():
        # post_migrate creates permissions app by app; make sure all exist before we use them.
        create_permissions(app_config, verbosity=0, using=using)
    result = {}
    with transaction.atomic(using=using):
        for name, perms in role_permissions().items():
            group, created = Group.objects.using(using).get_or_create(name=name)
            wanted = [_permission(Permission, using, perm) for perm in perms]
            group.permissions.add(*wanted)
            result[name] = created
    return result


def _permission(Permission, using, dotted):
    app_label, codename = dotted.split(".")
    try:
        return Permission.objects.using(using).get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist:
        raise ImproperlyConfigured(f"Role permission {dotted} does not exist.") from None


def setup_roles_after_migrate(sender, using="default", **kwargs):
    setup_roles(using=using)
