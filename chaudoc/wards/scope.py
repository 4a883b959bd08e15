"""Portal and ward scope: staff only ever reach the content of their portals, and a ward
editor only that of the wards they belong to.

Two levels, each lifted by its own permission (superusers hold every permission):
- portal scope: everyone on the staff works on the portals they are a member of
  (chaudoc.portals.models.PortalMembership) and the portals of their wards; holders of
  `chaudoc.access_all_portals` (provincial administrators) on every portal;
- ward scope, inside a portal: holders of `chaudoc.access_all_wards` (moderators) reach all
  of their portals' content; everyone else only their wards' (no ward, no content).
"""

from functools import reduce

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import Http404

from chaudoc.portals import current as portals
from chaudoc.portals.models import Portal
from chaudoc.wards.models import Ward

ALL_WARDS_PERM = "chaudoc.access_all_wards"
ALL_PORTALS_PERM = "chaudoc.access_all_portals"


def is_scoped(user):
    return not user.has_perm(ALL_WARDS_PERM)


def is_portal_scoped(user):
    return not user.has_perm(ALL_PORTALS_PERM)


def portal_ids(user):
    """The ids of the user's portals, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_ids"):
        mine = Portal.objects.filter(Q(memberships__user=user) | Q(wards__editors=user))
        user._portal_ids = frozenset(mine.values_list("pk", flat=True).distinct())
    return user._portal_ids


def user_portals(user):
    """The portals the user may file content under."""
    portals = Portal.objects.all()
    return portals.filter(pk__in=portal_ids(user)) if is_portal_scoped(user) else portals


def in_portal_scope(user, portal_id):
    return not is_portal_scoped(user) or portal_id in portal_ids(user)


def ward_ids(user):
    """The ids of the user's wards, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_ward_ids"):
        user._ward_ids = frozenset(user.wards.values_list("pk", flat=True))
    return user._ward_ids


def user_wards(user):
    """The wards the user may file content under (of their portals)."""
    wards = limit_portals(Ward.objects.all(), user)
    return wards.filter(pk__in=ward_ids(user)) if is_scoped(user) else wards


def in_scope(user, ward_id):
    """City-wide content (no ward) is out of every ward editor's scope."""
    return not is_scoped(user) or (ward_id is not None and ward_id in ward_ids(user))


def limit_portals(queryset, user, lookup="portal"):
    """`queryset` cut down to the rows of the user's portals; `lookup` leads to a row's portal."""
    if not is_portal_scoped(user) or lookup is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": portal_ids(user)})


def limit(queryset, user, lookup="ward", portal_lookup="portal"):
    """`queryset` cut down to the rows the user may reach; `lookup` leads from a row to its
    ward, `portal_lookup` to its portal."""
    queryset = limit_portals(queryset, user, portal_lookup)
    if lookup is None or not is_scoped(user):
        return queryset
    return queryset.filter(**{f"{lookup}__in": ward_ids(user)})


def ward_id_of(obj, lookup="ward"):
    if lookup == "pk":
        return obj.pk
    *path, last = lookup.split("__")
    holder = reduce(getattr, path, obj)
    return getattr(holder, f"{last}_id") if holder is not None else None


def reaches(user, obj, lookup="ward", portal_lookup="portal"):
    """May `user` reach `obj` (its portal, then its ward)?"""
    if portal_lookup is not None and not in_portal_scope(user, ward_id_of(obj, portal_lookup)):
        return False
    return lookup is None or in_scope(user, ward_id_of(obj, lookup))


class WardScopedAdminMixin:
    """For every admin that holds ward content: lists, search, autocomplete lookups, pop-ups and
    objects opened by URL are limited to the editor's wards; the ward field only offers them."""

    ward_lookup = "ward"  # "pk" for the Ward admin itself, "album__ward" for a photo
    portal_lookup = "portal"  # "album__portal" for a photo

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return limit(queryset, request.user, self.ward_lookup, self.portal_lookup)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and (is_scoped(request.user) or is_portal_scoped(request.user)):
            # Not "it does not exist" but not found *for you*: another ward's row stays unseen.
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.portal_lookup:
            kwargs["queryset"] = user_portals(request.user)
            kwargs.setdefault("initial", self._initial_portal(request))
        scoped = db_field.name == self.ward_lookup and is_scoped(request.user)
        if scoped:
            kwargs["queryset"] = user_wards(request.user)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if scoped and field is not None:
            field.required = True
            field.help_text = ""  # "leave empty for city-wide" is not for them
        return field

    def _chooses_portal(self, request):
        """Whether the form asks for the portal: only of staff who work on several."""
        if is_portal_scoped(request.user):
            return len(portal_ids(request.user)) > 1
        return len(portals.portal_map().portals) > 1

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.portal_lookup != "portal" or self._chooses_portal(request):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "portal"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None or self.portal_lookup != "portal" or "portal" in form.base_fields:
            return form
        portal_id = self._initial_portal(request)

        class OwnPortalForm(form):
            """A new row of staff who work on one portal is filed under it, before it is
            validated (its category and ward must be of the same portal)."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk is None and portal_id is not None:
                    self.instance.portal_id = portal_id

        OwnPortalForm.__name__ = form.__name__
        return OwnPortalForm

    def _initial_portal(self, request):
        """New content goes to the portal whose admin host the user is on, if it is theirs."""
        portal = getattr(request, "portal", None)
        if portal is not None and in_portal_scope(request.user, portal.pk):
            return portal.pk
        mine = sorted(portal_ids(request.user))
        return mine[0] if mine else None

    def _reaches(self, request, obj):
        return obj is None or reaches(request.user, obj, self.ward_lookup, self.portal_lookup)

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


class PortalScopedAdminMixin(WardScopedAdminMixin):
    """For admins of rows that belong to a portal but to no ward (categories, alerts): staff
    reach their portals' rows only."""

    ward_lookup = None


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter offering the related rows the user's own list of them shows (their
    portals' categories), used or not: never another portal's."""

    def field_choices(self, field, request, model_admin):
        site = model_admin.admin_site
        if not site.is_registered(field.related_model):
            return super().field_choices(field, request, model_admin)
        related_admin = site.get_model_admin(field.related_model)
        rows = related_admin.get_queryset(request)
        ordering = self.field_admin_ordering(field, request, model_admin)
        return [(row.pk, str(row)) for row in (rows.order_by(*ordering) if ordering else rows)]
