"""The portal's admin site: Django's, with three rules for every admin registered on it.

- A relation offers and accepts only what the user's list of the related model shows
  (chaudoc.wards.scope.ScopedRelationsMixin, given to every ModelAdmin and inline at registration).
- Bad values in the address never reach the database: list filters with a NUL byte or a date
  outside the calendar go back to the whole list with a message (Django's own ?e=1 redirect);
  pre-filled values (?published_at=...) that the form field cannot take are left out.
- "View on site" (/quan-tri/r/<content type>/<id>/) answers only for objects the user may view
  through their ModelAdmin, and only where readers get a page; Django's own redirect answers
  for any object of any model to any staff member.
"""

import datetime

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from chaudoc.wards.scope import ScopedRelationsMixin

NUL = "\x00"
# Dates the admin accepts from the address: a year either side of the calendar's ends is kept
# free, so that "the next day" or a time zone shift never leaves it.
FIRST_YEAR, LAST_YEAR = datetime.MINYEAR + 1, datetime.MAXYEAR - 1


def has_nul(query):
    return any(NUL in key or any(NUL in v for v in values) for key, values in query.lists())


def nul_message():
    return str(ProhibitNullCharactersValidator.message)


class RequestValuesAdminMixin:
    """Values taken from the query string, checked before they reach a query or a widget."""

    def get_changelist_instance(self, request):
        if has_nul(request.GET):
            self.message_user(request, nul_message(), messages.ERROR)
            raise IncorrectLookupParameters(nul_message())
        self._check_date_hierarchy(request)
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            self.message_user(
                request,
                _("The list's filters in the address are not valid; the whole list is shown."),
                messages.WARNING,
            )
            raise

    def _check_date_hierarchy(self, request):
        field = self.date_hierarchy
        if not field:
            return
        year = request.GET.get(f"{field}__year")
        if year is None:
            return
        try:
            year = int(year)
        except ValueError:
            return  # Django's own check refuses it
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.message_user(
                request,
                _("Choose a year between %(first)d and %(last)d.")
                % {
                    "first": FIRST_YEAR,
                    "last": LAST_YEAR,
                },
                messages.ERROR,
            )
            raise IncorrectLookupParameters(year)

    def get_changeform_initial_data(self, request):
        """Only values the form's field takes are pre-filled; others are left out (an
        autocomplete or a split date widget failed on them: "?published_at=abc" was a 500)."""
        initial = super().get_changeform_initial_data(request)
        fields = self.get_form(request).base_fields
        for name, value in list(initial.items()):
            try:
                initial[name] = self._initial_value(fields.get(name), name, value)
            except (ValidationError, ValueError, TypeError, OverflowError):
                del initial[name]
        return initial

    def _initial_value(self, form_field, name, value):
        """`value` if the form's field takes it (a date and time in one value, as links write
        it, made the split widget's pair); raises otherwise."""
        if form_field is None:
            raise ValueError(name)  # not on this form: nothing to fill
        if isinstance(form_field, forms.MultiValueField) and isinstance(value, str):
            value = cleaned = self.opts.get_field(name).to_python(value)
            if not isinstance(value, datetime.datetime):
                raise ValueError(name)
            if timezone.is_naive(value):
                value = cleaned = timezone.make_aware(value)
        else:
            cleaned = form_field.clean(value)
        if isinstance(cleaned, datetime.date) and not FIRST_YEAR <= cleaned.year <= LAST_YEAR:
            raise ValueError(name)
        if isinstance(cleaned, datetime.datetime):
            timezone.localtime(cleaned)  # OverflowError at the calendar's ends
        return value


class HiddenLinksAdminMixin:
    """The delete page lists what goes with an object, but not the rows of the many-to-many
    tables Django makes by itself ("User-group relationship: User_groups object (1)"): they
    have no name in any language and are only the links, which go with the object anyway."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        every = apps.get_models(include_auto_created=True)
        links = [model._meta for model in every if model._meta.auto_created]
        prefixes = tuple(f"{capfirst(opts.verbose_name)}: " for opts in links)
        plurals = {str(opts.verbose_name_plural) for opts in links}
        model_count = {name: n for name, n in model_count.items() if str(name) not in plurals}
        return _without(to_delete, prefixes), model_count, perms_needed, protected


def _without(nested, prefixes):
    kept = []
    for item in nested:
        if isinstance(item, list):
            kept.append(_without(item, prefixes))
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return [item for item in kept if item != []]


class PortalAdminMixin(RequestValuesAdminMixin, HiddenLinksAdminMixin, ScopedRelationsMixin):
    pass


def _with_mixin(cls, mixin):
    if issubclass(cls, mixin):
        return cls
    return type(
        cls.__name__, (mixin, cls), {"__module__": cls.__module__, "__qualname__": cls.__qualname__}
    )


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin registered here, Django's own (groups) included, gets the portal's rules;
        so do its inlines."""
        admin_class = _with_mixin(admin_class or admin.ModelAdmin, PortalAdminMixin)
        inlines = [_with_mixin(inline, ScopedRelationsMixin) for inline in admin_class.inlines]
        if inlines != list(admin_class.inlines):
            admin_class = type(
                admin_class.__name__,
                (admin_class,),
                {
                    "inlines": inlines,
                    "__module__": admin_class.__module__,
                    "__qualname__": admin_class.__qualname__,
                },
            )
        return super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        return [
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            )
            if getattr(pattern, "name", None) == "view_on_site"
            else pattern
            for pattern in super().get_urls()
        ]

    def autocomplete_view(self, request):
        if has_nul(request.GET):
            return JsonResponse({"error": nul_message()}, status=400)
        return super().autocomplete_view(request)

    def view_on_site(self, request, content_type_id, object_id):
        """The readers' page of an object the user may view in this admin, or 404."""
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, ContentType.DoesNotExist):
            model = None
        url = self._public_url(request, model, unquote(object_id)) if model else None
        if not url:
            raise Http404
        return HttpResponseRedirect(url)

    def _public_url(self, request, model, object_id):
        if self.is_registered(model):
            model_admin = self.get_model_admin(model)
            obj = model_admin.get_object(request, object_id)
            if obj is None or not model_admin.has_view_permission(request, obj):
                return None
            return _site_url(model_admin, obj)
        # A model edited only inline (an album's photos): through its parent's admin.
        for parent_admin in self._registry.values():
            for inline in parent_admin.get_inline_instances(request):
                if inline.model is not model:
                    continue
                url = self._inline_url(request, parent_admin, inline, object_id)
                if url:
                    return url
        return None

    def _inline_url(self, request, parent_admin, inline, object_id):
        links = [
            f
            for f in inline.model._meta.fields
            if f.many_to_one
            and f.related_model is parent_admin.model
            and (not inline.fk_name or f.name == inline.fk_name)
        ]
        try:
            child = inline.model._default_manager.filter(pk=object_id).first()
        except (ValueError, ValidationError):
            return None
        for link in links:
            parent = child and parent_admin.get_object(request, str(getattr(child, link.attname)))
            if (
                parent is not None
                and parent_admin.has_view_permission(request, parent)
                and inline.has_view_permission(request, parent)
                and _site_url(parent_admin, parent)  # the parent's readers see it
            ):
                return _site_url(inline, child)
        return None


def _site_url(model_admin, obj):
    view_on_site = model_admin.view_on_site
    if callable(view_on_site):
        return view_on_site(obj)
    if view_on_site and hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return None
