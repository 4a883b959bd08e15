"""A stage for hostile-input tests: objects of every model the admin edits, and a way to type
text into them through the admin's own forms, as a member of staff would.

The fields come from the admin forms themselves (every text input and textarea a person can
type into), so a field or a model added later is covered without a change here. Only a new
*model* needs a builder in BUILDERS; `missing_builders()` names any that lack one.
"""

from datetime import timedelta

import reversion
from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from chaudoc.abbreviations.models import Abbreviation
from chaudoc.portals.current import default_portal
from chaudoc.publishing.states import Status
from tests.factories import (
    image_upload,
    make_category,
    make_location,
    make_portal,
    make_station,
    make_ward,
)

NOT_TYPED = (forms.HiddenInput, forms.PasswordInput)


def _user(i, row):
    return get_user_model().objects.create_user(
        f"tacgia{i}", f"tacgia{i}@example.vn", first_name="Tác", last_name=f"Giả {i}"
    )


def _article(i, row):
    from news.models import Article

    now = timezone.now()
    return Article.objects.create(
        title_vi=f"Bài viết sân khấu {i}",
        title_en=f"Stage article {i}",
        lead_vi="Tóm tắt.",
        lead_en="Summary.",
        body_vi="<p>Nội dung.</p>",
        body_en="<p>Body.</p>",
        cover=image_upload(f"bia{i}.jpg"),
        cover_alt_vi="Ảnh bìa",
        cover_alt_en="Cover",
        category=row["news.category"],
        ward=row["chaudoc.ward"],
        author=row["auth.user"],
        status=Status.PUBLISHED,
        published_at=now - timedelta(minutes=i + 1),
    )


def _alert(i, row):
    from weather.models import Alert

    now = timezone.now()
    return Alert.objects.create(
        text_vi=f"Thông báo {i}",
        text_en=f"Notice {i}",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
    )


def _reading(i, row):
    from decimal import Decimal

    station = row["weather.station"]
    return station.readings.create(
        level=Decimal("2.10"), measured_at=timezone.now(), source=f"Đài {i}"
    )


def _totp(i, row):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=row["auth.user"], name=f"Điện thoại {i}", confirmed=True)


def _static(i, row):
    from django_otp.plugins.otp_static.models import StaticDevice

    return StaticDevice.objects.create(user=row["auth.user"], name=f"Mã khôi phục {i}")


def _album(i, row):
    from tests.factories import make_album

    return make_album(
        f"Album sân khấu {i}",
        ward=row["chaudoc.ward"],
        photos=1,
        published_at=timezone.now() - timedelta(minutes=i + 1),
    )


# In build order: a builder gets the objects made before it for the same number (row[label]),
# and row["first"] for the first number of a build.
def _portal(i, row):
    """The first row's portal is the one the stage's pages show (the default, which answers
    on testserver); the others are portals of their own."""
    if row["first"]:
        portal = default_portal()
        for host in ("testserver", "localhost"):  # the test client's, the live server's
            portal.hosts.get_or_create(host=host)
        return portal
    return make_portal(f"Phường sân khấu {i}")


BUILDERS = {
    "auth.user": _user,
    "auth.group": lambda i, row: Group.objects.create(name=f"Nhóm {i}"),
    "chaudoc.portal": _portal,
    "chaudoc.portalhost": lambda i, row: row["chaudoc.portal"].hosts.create(
        host=f"san-khau-{i}.example.vn"
    ),
    "chaudoc.ward": lambda i, row: make_ward(f"Phường sân khấu {i}"),
    "chaudoc.abbreviation": lambda i, row: Abbreviation.objects.create(
        short_form=f"VTSK{i}", full_form=f"viết tắt sân khấu {i}"
    ),
    "news.category": lambda i, row: make_category(f"Chuyên mục sân khấu {i}"),
    "news.article": _article,
    "weather.location": lambda i, row: make_location(
        f"Địa điểm {i}", is_default=row["first"], order=i
    ),
    # Every active station's chart is on every page (the river banner): only the first is
    # active while the chunk's other pages render; show_stations() brings out the rest.
    "weather.station": lambda i, row: make_station(
        f"Trạm {i}", is_default=row["first"], is_active=row["first"]
    ),
    "weather.riverreading": _reading,
    "weather.alert": _alert,
    "gallery.album": _album,
    "gallery.photo": lambda i, row: row["gallery.album"].photos.get(),  # edited inline
    "otp_totp.totpdevice": _totp,
    "otp_static.staticdevice": _static,
    "otp_static.statictoken": lambda i, row: row["otp_static.staticdevice"].token_set.create(
        token=f"ma{i:06d}"
    ),
}


def editor_for(model, request):
    """The admin that edits `model`: its own ModelAdmin, or the inline of another's."""
    if model in admin.site._registry:
        return admin.site._registry[model]
    for model_admin in admin.site._registry.values():
        for inline in model_admin.get_inline_instances(request):
            if inline.model is model:
                return inline
    return None


def _parent(model_admin, request, obj):
    """What the admin's permissions and forms are about: the object, or an inline's parent."""
    if isinstance(model_admin, InlineModelAdmin):
        return getattr(obj, model_admin.get_formset(request).fk.name)
    return obj


def _form_class(model_admin, request, obj):
    if isinstance(model_admin, InlineModelAdmin):
        return model_admin.get_formset(request, _parent(model_admin, request, obj)).form
    return model_admin.get_form(request, obj, change=True)


def superuser_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def typed_fields(model_admin, request, obj):
    """The form fields of `model_admin`'s change form that a person types text into."""
    if not model_admin.has_change_permission(request, _parent(model_admin, request, obj)):
        return []
    form_class = _form_class(model_admin, request, obj)
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, NOT_TYPED)
        and not field.disabled
    ]


def missing_builders(request):
    """Admin models with typed fields and no builder here: the hostile tests would skip them."""
    missing = []
    edited = {model: model_admin for model, model_admin in admin.site._registry.items()}
    for model_admin in admin.site._registry.values():
        edited.update({i.model: i for i in model_admin.get_inline_instances(request)})
    for model, model_admin in edited.items():
        if model._meta.label_lower in BUILDERS or not model_admin.has_change_permission(request):
            continue
        form_class = (
            model_admin.get_formset(request).form
            if isinstance(model_admin, InlineModelAdmin)
            else model_admin.get_form(request, None)
        )
        if any(
            isinstance(f, forms.CharField) and not isinstance(f.widget, NOT_TYPED)
            for f in form_class.base_fields.values()
        ):
            missing.append(model._meta.label_lower)
    return missing


def build(numbers):
    """{label: [object for each number]}: one object of every model per number."""
    rows = [{"first": n == 0} for n in range(len(numbers))]
    for label, builder in BUILDERS.items():
        for i, row in zip(numbers, rows, strict=True):
            row[label] = builder(i, row)
    return {label: [row[label] for row in rows] for label in BUILDERS}


def show_stations(stage):
    from weather.models import Station

    Station.objects.filter(pk__in=[s.pk for s in stage["weather.station"]]).update(is_active=True)


def tear_down(stage):
    for objects in reversed(stage.values()):
        for obj in objects:
            if obj.pk is not None and type(obj)._default_manager.filter(pk=obj.pk).exists():
                obj.delete()


def _put(data, name, widget, value):
    """Write `value` into `data` as `widget` would have sent it from a browser."""
    widget = getattr(widget, "widget", widget)  # the admin's related-object wrapper
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        for suffix, sub, part in zip(widget.widgets_names, widget.widgets, parts, strict=False):
            _put(data, name + suffix, sub, part)
    elif isinstance(widget, forms.CheckboxInput):
        if widget.check_test(value):
            data.setlist(name, ["on"])
    elif isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
        data.setlist(name, [str(v) for v in value or []])
    elif not isinstance(widget, forms.FileInput):
        shown = widget.format_value(value)  # a list for selects
        shown = shown if isinstance(shown, list) else ["" if shown is None else str(shown)]
        data.setlist(name, shown)


def _form_data(form):
    """What a browser would send back for `form` untouched."""
    data = MultiValueDict()
    for bound in form:
        if not bound.field.disabled:
            _put(data, bound.html_name, bound.field.widget, bound.value())
    return data


def type_into(model_admin, request, obj, values):
    """Submit `obj`'s admin change form with `values` typed into the named fields, and save it
    as the admin does (save_model, one django-reversion version). Returns the names of the
    fields whose value the form refused; those keep their earlier value."""
    form_class = _form_class(model_admin, request, obj)
    data = _form_data(form_class(instance=obj))
    original = {name: data.getlist(name) for name in values}
    for name, text in values.items():
        data.setlist(name, [text])
    form = form_class(data, instance=obj)
    refused = set()
    if not form.is_valid():
        refused = set(values) if "__all__" in form.errors else set(form.errors) & set(values)
        for name in refused:
            data.setlist(name, original[name])
        form = form_class(data, instance=obj)
        if not form.is_valid():
            raise AssertionError(f"{obj!r}: the untouched form does not validate: {form.errors}")
    with reversion.create_revision():
        reversion.set_user(request.user)
        if isinstance(model_admin, InlineModelAdmin):
            form.save()  # as the parent admin's save_formset() does
        else:
            saved = form.save(commit=False)
            model_admin.save_model(request, saved, form, change=True)
            form.save_m2m()
    return refused
