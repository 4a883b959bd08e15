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
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from chaudoc.abbreviations.models import Abbreviation
from chaudoc.portals.current import default_portal
from chaudoc.publishing.states import Status
from documents.demo import sample_pdf
from tests.about import factories as about_factories
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


def _intro_page(i, row):
    # Every other page's map is a PDF: its description is then the download link's text.
    if i % 2:
        shown = {"file": ContentFile(sample_pdf(["Ban do"]), name=f"ban-do{i}.pdf")}
    else:
        shown = {"image": image_upload(f"ban-do{i}.jpg")}
    return about_factories.make_page(
        f"Trang giới thiệu sân khấu {i}",
        title_en=f"Stage page {i}",
        summary_en="Summary.",
        body_en="<p>Body.</p>",
        ward=row["chaudoc.ward"],
        **shown,
        image_alt_vi="Bản đồ",
        image_alt_en="Map",
        image_text_vi="Bản đồ bằng lời.",
        image_text_en="The map in words.",
        published_at=timezone.now() - timedelta(minutes=i + 1),
    )


def _leader(i, row):
    return about_factories.make_leader(
        f"Lãnh đạo sân khấu {i}",
        position_en="Vice-Chairman",
        biography_en="<p>Born in 1975.</p>",
        duties_en="<p>Economy.</p>",
        photo=image_upload(f"chan-dung{i}.jpg"),
        photo_alt_vi="Ảnh chân dung",
        photo_alt_en="Portrait",
        order=i,
    )


def _office(i, row):
    return about_factories.make_office(
        f"Phòng sân khấu {i}",
        name_en=f"Stage office {i}",
        duties_vi="Tham mưu.",
        duties_en="Advice.",
        head=row["about.leader"],
        head_title_vi="Trưởng phòng",
        head_title_en="Head",
        head_name="Người đứng đầu",
        address_vi="Số 1 Lê Lợi",
        address_en="1 Lê Lợi Street",
        email=f"phong{i}@example.vn",
        is_contact_point=row["first"],
        order=i,
    )


def _entry(i, row):
    return about_factories.make_entry(
        f"Lịch công tác sân khấu {i}",
        content_en=f"Stage engagement {i}",
        chair=row["about.leader"],
        chair_text_vi="Lãnh đạo tỉnh",
        chair_text_en="Provincial leader",
        participants_en="Offices",
        place_en="Meeting room",
        preparing_office=row["about.office"],
        ward=row["chaudoc.ward"],
    )


def _question(i, row):
    """A question answered and published, with its resident's contact details."""
    from participation import flow
    from participation.models import Question

    question = flow.receive(
        Question(
            portal=row["chaudoc.portal"],
            topic=row["participation.topic"],
            ward=row["chaudoc.ward"],
            name=f"Người hỏi {i}",
            email=f"nguoi-hoi-{i}@example.vn",
            phone=f"0912{i:06d}",
            title=f"Câu hỏi sân khấu {i}",
            question="Nội dung câu hỏi.",
            may_publish=True,
        )
    )
    Question.objects.filter(pk=question.pk).update(
        stage=Question.Stage.PUBLISHED,
        answer="<p>Trả lời.</p>",
        office=row["participation.office"],
        assignee=row["auth.user"],
        published_at=timezone.now() - timedelta(minutes=i + 1),
    )
    question.refresh_from_db()
    question.save()
    return question


def _consultation(i, row):
    from participation.models import Consultation

    now = timezone.now()
    consultation = Consultation.objects.create(
        portal=row["chaudoc.portal"],
        title=f"Dự thảo sân khấu {i}",
        body="<p>Toàn văn dự thảo.</p>",
        office=row["participation.office"],
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        is_published=True,
    )
    consultation.files.create(title=f"Tệp dự thảo {i}", file=f"du-thao/tep-{i}.pdf")
    return consultation


def _rating(i, row):
    from django.contrib.contenttypes.models import ContentType

    from chaudoc.ratings.models import Rating

    article = row["news.article"]
    return Rating.objects.create(
        portal=row["chaudoc.portal"],
        content_type=ContentType.objects.get_for_model(article),
        object_id=article.pk,
        helpful=bool(i % 2),
        reason="clear",
    )


def _reference(model, name, **fields):
    from django.apps import apps

    return apps.get_model("documents", model).objects.create(name_vi=name, **fields)


def _document(i, row):
    from documents.models import Attachment, Document

    document = Document.objects.create(
        number=f"{i + 1}/QĐ-SK",
        doc_type=row["documents.documenttype"],
        issuer=row["documents.issuer"],
        field=row["documents.field"],
        signer=f"Người ký {i}",
        summary_vi=f"Văn bản sân khấu {i}",
        summary_en=f"Stage document {i}",
        ward=row["chaudoc.ward"],
        status=Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=i + 1),
    )
    from django.core.files.base import ContentFile

    from documents.demo import sample_pdf

    Attachment.objects.create(
        document=document, file=ContentFile(sample_pdf([f"Van ban {i}"]), name=f"vb{i}.pdf")
    )
    return document


def _project(i, row):
    from documents.models import Project

    project = Project.objects.create(
        name_vi=f"Dự án sân khấu {i}", goal_vi="Mục tiêu.", field=row["documents.field"]
    )
    project.documents.add(row["documents.document"])
    return project


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
    "about.intropage": _intro_page,
    "about.leader": _leader,
    "about.office": _office,
    "about.procedure": lambda i, row: about_factories.make_procedure(
        f"Thủ tục sân khấu {i}", name_en=f"Stage procedure {i}", code=f"1.{i:06d}"
    ),
    "about.weblink": lambda i, row: about_factories.make_link(
        f"Liên kết sân khấu {i}", name_en=f"Stage link {i}", order=i
    ),
    "about.menuitem": lambda i, row: about_factories.make_menu_item(
        f"Mục sân khấu {i}", "about:contacts", label_en=f"Stage entry {i}", order=90 + i
    ),
    "schedule.entry": _entry,
    "participation.topic": lambda i, row: __import__(
        "participation.models", fromlist=["Topic"]
    ).Topic.objects.create(portal=row["chaudoc.portal"], name=f"Lĩnh vực sân khấu {i}"),
    "participation.office": lambda i, row: __import__(
        "participation.models", fromlist=["Office"]
    ).Office.objects.create(portal=row["chaudoc.portal"], name=f"Phòng sân khấu {i}"),
    "participation.calendarday": lambda i, row: __import__(
        "participation.models", fromlist=["CalendarDay"]
    ).CalendarDay.objects.create(
        date=timezone.localdate() + timedelta(days=400 + i), note=f"Ngày làm bù {i}"
    ),
    "participation.question": _question,
    "participation.questionevent": lambda i, row: row["participation.question"].events.first(),
    "participation.consultation": _consultation,
    "participation.consultationfile": lambda i, row: row["participation.consultation"].files.get(),
    "participation.comment": lambda i, row: row["participation.consultation"].comments.create(
        name=f"Người góp ý {i}",
        email=f"nguoi-gop-y-{i}@example.vn",
        body="Góp ý sân khấu.",
        state="approved",
    ),
    "participation.contactview": lambda i, row: __import__(
        "participation.models", fromlist=["ContactView"]
    ).ContactView.objects.create(
        user=row["auth.user"], question=row["participation.question"], what="question"
    ),
    "chaudoc.rating": _rating,
    "documents.documenttype": lambda i, row: _reference("DocumentType", f"Loại sân khấu {i}"),
    "documents.issuer": lambda i, row: _reference("Issuer", f"Cơ quan sân khấu {i}"),
    "documents.field": lambda i, row: _reference("Field", f"Lĩnh vực sân khấu {i}"),
    "documents.document": _document,
    "documents.attachment": lambda i, row: row["documents.document"].attachments.get(),
    "documents.project": _project,
    "documents.disclosureitem": lambda i, row: _reference(
        "DisclosureItem", f"Thông tin sân khấu {i}", link="/van-ban/"
    ),
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
