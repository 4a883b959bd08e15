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

# Albums follow the articles' workflow: editors prepare them in their ward, moderators publish.
GALLERY_EDITING = [
    "gallery.add_album",
    "gallery.change_album",
    "gallery.view_album",
    "gallery.delete_album",
    "gallery.add_photo",
    "gallery.change_photo",
    "gallery.view_photo",
    "gallery.delete_photo",
]

ROLE_PERMISSIONS = {
    WARD_EDITOR: [
        "news.add_article",
        "news.change_article",
        "news.view_article",
        "news.delete_article",
        "news.view_category",
        "chaudoc.view_ward",
        *GALLERY_EDITING,
    ],
    MODERATOR: [
        "news.add_article",
        "news.change_article",
        "news.view_article",
        "news.delete_article",
        "news.publish_article",
        "news.change_published_slug",
        "news.add_category",
        "news.change_category",
        "news.view_category",
        "news.delete_category",
        "chaudoc.add_ward",
        "chaudoc.change_ward",
        "chaudoc.view_ward",
        "chaudoc.delete_ward",
        "chaudoc.access_all_wards",
        *GALLERY_EDITING,
        "gallery.publish_album",
    ],
}


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
        for name, perms in ROLE_PERMISSIONS.items():
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
