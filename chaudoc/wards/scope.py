"""Ward scope: a ward editor only ever reaches the content of the wards they belong to.

Users holding `chaudoc.access_all_wards` (moderators; superusers hold every permission) are
not scoped. Everyone else on the staff, with or without wards, is: no ward, no content.
"""

from functools import reduce

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404

from chaudoc.wards.models import Ward

ALL_WARDS_PERM = "chaudoc.access_all_wards"


def is_scoped(user):
    return not user.has_perm(ALL_WARDS_PERM)


def ward_ids(user):
    """The ids of the user's wards, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_ward_ids"):
        user._ward_ids = frozenset(user.wards.values_list("pk", flat=True))
    return user._ward_ids


def user_wards(user):
    """The wards the user may file content under."""
    wards = Ward.objects.all()
    return wards.filter(pk__in=ward_ids(user)) if is_scoped(user) else wards


def in_scope(user, ward_id):
    """City-wide content (no ward) is out of every ward editor's scope."""
    return not is_scoped(user) or (ward_id is not None and ward_id in ward_ids(user))


def limit(queryset, user, lookup="ward"):
    """`queryset` cut down to the rows the user may reach; `lookup` leads from a row to its ward."""
    if not is_scoped(user):
        return queryset
    return queryset.filter(**{f"{lookup}__in": ward_ids(user)})


def ward_id_of(obj, lookup="ward"):
    if lookup == "pk":
        return obj.pk
    *path, last = lookup.split("__")
    holder = reduce(getattr, path, obj)
    return getattr(holder, f"{last}_id") if holder is not None else None


class WardScopedAdminMixin:
    """For every admin that holds ward content: lists, search, autocomplete lookups, pop-ups and
    objects opened by URL are limited to the editor's wards; the ward field only offers them."""

    ward_lookup = "ward"  # "pk" for the Ward admin itself, "album__ward" for a photo

    def get_queryset(self, request):
        return limit(super().get_queryset(request), request.user, self.ward_lookup)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and is_scoped(request.user):
            # Not "it does not exist" but not found *for you*: another ward's row stays unseen.
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scoped = db_field.name == self.ward_lookup and is_scoped(request.user)
        if scoped:
            kwargs["queryset"] = user_wards(request.user)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if scoped and field is not None:
            field.required = True
            field.help_text = ""  # "leave empty for city-wide" is not for them
        return field

    def _reaches(self, request, obj):
        return obj is None or in_scope(request.user, ward_id_of(obj, self.ward_lookup))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._reaches(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._reaches(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._reaches(request, obj)


class ScopedRelationsMixin:
    """For every ModelAdmin and inline: a relation offers, and accepts, only the rows the user's
    list of the related model shows (its ModelAdmin's get_queryset: their wards, no trash for
    editors), so a crafted POST cannot link another ward's album, nor the form show its title.
    A value the row already holds stays valid (a moderator may have linked a city-wide album)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._related_queryset(db_field, request, kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._related_queryset(db_field, request, kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _related_queryset(self, db_field, request, using=None):
        model = db_field.remote_field.model
        manager = model._default_manager.using(using)
        if not self.admin_site.is_registered(model):
            return manager.all()
        related_admin = self.admin_site.get_model_admin(model)
        visible = related_admin.get_queryset(request).order_by().values("pk")
        queryset = manager.filter(pk__in=visible)
        ordering = related_admin.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or obj.pk is None:
            return form
        for name, field in form.base_fields.items():
            queryset = getattr(field, "queryset", None)
            try:
                db_field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if queryset is None or not db_field.many_to_one:
                continue
            current = getattr(obj, db_field.attname)
            if current is not None:
                target = db_field.target_field.name
                field.queryset = queryset | queryset.model._default_manager.filter(
                    **{target: current}
                )
        return form
