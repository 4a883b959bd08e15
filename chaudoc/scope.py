"""Ward scope: a ward editor only ever reaches the content of the wards they belong to.

Users holding `chaudoc.access_all_wards` (moderators; superusers hold every permission) are
not scoped. Everyone else on the staff, with or without wards, is: no ward, no content.
"""

from functools import reduce

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404

from chaudoc.models import Ward

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

    def get_changeform_initial_data(self, request):
        """Values pre-filled from the query string (?ward=3) that cannot name a row are left
        out: the autocomplete widgets would fail on them ("?ward=abc" was a server error)."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation:
                continue
            try:
                for item in value if isinstance(value, list) else [value]:
                    field.target_field.to_python(item)
            except ValidationError:
                del initial[name]
        return initial

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
