"""Permissions under names a Vietnamese administrator reads.

Django names the permissions of every model "Can add article", "Can change article"... from the
model's untranslated verbose name and stores that English in the database. The group and user
admin pages list them by these names; here they are named again, in the reader's language, from
the codename and the model's (translated) verbose name. A model's own permissions (Meta.permissions)
keep their name, which the model marked for translation.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


def permission_name(permission):
    """'Có thể thêm bài viết' for news.add_article; a model's own permission by its name."""
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and model_name == model._meta.model_name and action in DEFAULT_ACTIONS:
        return DEFAULT_ACTIONS[action] % {"name": model._meta.verbose_name}
    return gettext(permission.name)


# Apps whose permissions no role is given: the sign-in libraries, history and Django's own
# bookkeeping are for administrators, who are superusers. Their permissions are not offered.
NOT_FOR_ROLES = [
    "admin",
    "contenttypes",
    "sessions",
    "axes",
    "otp_totp",
    "otp_static",
    "reversion",
    "captcha",  # django-simple-captcha's one-use challenges (participation/abuse.py)
]


class PermissionsField(forms.ModelMultipleChoiceField):
    """The permission choices of the group and user forms, named as above."""

    def __init__(self, queryset, **kwargs):
        queryset = queryset.exclude(content_type__app_label__in=NOT_FOR_ROLES)
        super().__init__(queryset.select_related("content_type"), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.content_type} | {permission_name(obj)}"


class PermissionNamesAdminMixin:
    """For the admins of users and groups: their permission lists use PermissionsField."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)
