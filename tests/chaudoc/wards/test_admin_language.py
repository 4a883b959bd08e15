"""Every admin page a ward editor, a moderator and an administrator can open is in Vietnamese:
no English word outside user content (tests/chaudoc/wards/english.py finds them).

The pages are the index, each app's page, and for every model its list (with a search that
finds nothing, so the empty-list sentences show), add and change forms, history and delete
pages; the workflow's and the revert page; the password and two-step pages; the login, 403 and
404 pages. Every admin URL pattern must be among them (a page added later is walked too).

The two-step pages are walked by each role as they meet them: setting up an authenticator (and
a wrong code), the code step of a sign-in (and a wrong code), the status page of an account
with a device (and a wrong password), the new recovery codes; and the administrator's pages of
the authenticator apps and recovery codes (lists, add, change, history, delete).
"""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import resolve, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from chaudoc.jobs.runner import enqueue
from chaudoc.publishing.workflow import BUTTONS
from chaudoc.search.models import SearchQueryCount
from chaudoc.signin import twofactor
from chaudoc.signin.views import NEW_CODES_KEY
from readaloud.models import AudioTrack
from readaloud.tasks import make_audio
from tests.chaudoc.wards.english import foreign_words, is_foreign, page_texts, words_of
from tests.factories import (
    NOW,
    make_article,
    make_editor,
    make_forecast_day,
    make_moderator,
    make_staff,
    make_ward,
    save_version,
)
from tests.security import stage
from tests.security.routes import all_routes
from weather.models import CurrentConditions

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

# Admin URL patterns that are not pages: JSON, redirects, a POST-only door.
NOT_PAGES = {
    "admin:jsi18n",
    "admin:autocomplete",
    "admin:view_on_site",
    "admin:logout",
    "admin:login",  # the portal's own login page (twofactor:login) takes its place
    "admin:participation_export",  # a CSV or XLSX download of a draft's comments
}
# Left out: the rows of django-axes (named by their English __str__). Its lists are checked on
# the index all the same. django-otp's device pages are walked (chaudoc/signin/admin.py names
# their fields in Vietnamese).
LIBRARY_MODELS = {"axes"}
UNTRANSLATABLE = set()
# The data a page shows as it is: stored text of these apps is user content.
CONTENT_APPS = {
    "chaudoc",
    "news",
    "gallery",
    "weather",
    "about",
    "schedule",
    "participation",
    "documents",
    "otp_totp",
    "otp_static",
    "reversion",
}


def test_the_detector_finds_english_and_passes_vietnamese():
    texts = page_texts(
        "<main><h1>Lịch sử</h1><p>Chọn bài viết để sửa</p><a title='Show counts'>4 entries</a>"
        "<input type='submit' value='Save'><script>var history;</script></main>"
    )
    assert set(foreign_words(texts)) == {"Show", "counts", "entries", "Save"}
    assert not foreign_words(["Trang thông tin điện tử thành phố Châu Đốc, An Giang"])
    assert not foreign_words(["Không kèm giao thức hay cổng, ví dụ chaudoc.angiang.gov.vn."])
    assert set(foreign_words(["Government portal.gov"])) == {"Government", "portal", "gov"}
    assert is_foreign("History") and is_foreign("OTP_STATIC".split("_")[1])
    assert not is_foreign("nghiêng") and not is_foreign("nguyen") and not is_foreign("khuya")


@pytest.fixture
def users():
    ward = make_ward("Châu Phú A")
    editor = make_editor("bien-tap", ward)
    for name in ("first_name", "last_name"):
        setattr(editor, name, "Nguyễn" if name == "first_name" else "Văn An")
    editor.save()
    return {
        "editor": (editor, ward),
        "moderator": (make_moderator("kiem-duyet"), ward),
        "administrator": (make_staff("quan-tri", superuser=True), ward),
    }


@pytest.fixture
def content(users, settings):
    """One object of every model, Vietnamese only, and the ward's articles in every state."""
    built = stage.build([1])
    for objects in built.values():
        for obj in objects:
            english = [f.name for f in obj._meta.fields if f.name.endswith("_en")]
            if english:
                type(obj)._default_manager.filter(pk=obj.pk).update(**dict.fromkeys(english, ""))
    location = built["weather.location"][0]
    # The rows the portal makes by itself: a query counted, an article's audio, its job.
    SearchQueryCount.objects.create(day=NOW.date(), query="giảm nghèo", searches=12)
    article = built["news.article"][0]
    AudioTrack.objects.create(
        article=article, language="vi", text_hash="0" * 64, file="audio/bai.mp3", engine="espeak"
    )
    enqueue(make_audio, article.pk)
    make_forecast_day(location, NOW.date())
    location.fetch_logs.create(provider="open-meteo", outcome="failed", message="Mạng chập chờn.")
    CurrentConditions.objects.create(
        location=location,
        observed_at=NOW,
        weather_code=2,
        temperature=Decimal("30.5"),
        fetched_at=NOW,
    )
    for label in ("gallery.album", "about.intropage", "schedule.entry"):
        obj = built[label][0]
        save_version(obj, None, "Bản đầu")
        save_version(obj, None, "Sửa")
    document = built["documents.document"][0]
    save_version(document, None, "Bản đầu")
    document.summary_vi = "Trích yếu đã sửa."
    save_version(document, None, "Sửa")
    editor, ward = users["editor"]
    for status in ("draft", "pending", "rejected", "published", "withdrawn"):
        article = make_article(
            f"Bài viết của phường, trạng thái {status}",
            status=status,
            ward=ward,
            author=editor,
            status_reason="Cần bổ sung số liệu." if status in ("rejected", "withdrawn") else "",
        )
        save_version(article, editor, "Bản đầu")
        article.lead_vi = "Tóm tắt đã sửa."
        save_version(article, editor, "Sửa")
    return built


def user_content():
    """The words of every text stored by the portal's apps and of staff names."""
    values = []
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        text_fields = [
            f.name
            for f in model._meta.fields
            if isinstance(f, models.CharField | models.TextField | models.SlugField)
        ]
        if text_fields:
            for row in model._default_manager.values_list(*text_fields):
                values += row
    for user in get_user_model().objects.all():
        values += [user.username, user.first_name, user.last_name, user.email]
    values += apps.get_model("auth", "Group").objects.values_list("name", flat=True)
    return words_of(values) | UNTRANSLATABLE


def model_pages(model, model_admin):
    info = model._meta.app_label, model._meta.model_name
    name = "admin:{}_{}_".format(*info)
    pages = [reverse(name + "changelist"), reverse(name + "changelist") + "?q=khongthay"]
    pages.append(reverse(name + "add"))  # a 403 page where nobody may add
    objects = model._default_manager.order_by("pk")
    for obj in objects[:2]:
        pages += [
            reverse(name + "change", args=[obj.pk]),
            reverse(name + "history", args=[obj.pk]),
            reverse(name + "delete", args=[obj.pk]),
        ]
    if model is TOTPDevice:  # closed (the admin never shows a secret): a 403 page
        first = objects.first()
        pages += [reverse(name + page, args=[first.pk]) for page in ("config", "qrcode")]
    if hasattr(model_admin, "workflow_view"):
        ids = ",".join(str(pk) for pk in objects.values_list("pk", flat=True))
        pages += [
            f"{reverse(name + 'workflow_bulk', args=[action])}?ids={ids}" for action in BUTTONS
        ]
        first = objects.first()
        pages += [reverse(name + "workflow", args=[first.pk, action]) for action in BUTTONS]
        for obj in objects:
            versions = Version.objects.get_for_object(obj).order_by("pk")
            if versions.count() > 1:
                pages.append(reverse(name + "revert", args=[obj.pk, versions.first().pk]))
                break
    return pages


def admin_pages():
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    pages += [reverse("admin:password_change_done")]
    pages += [reverse("twofactor:enrol"), reverse("twofactor:recovery_codes")]
    pages += ["/quan-tri/khong-co-trang-nay/", "/quan-tri/news/article/999999/change/"]
    labels = {model._meta.app_label for model in admin.site._registry}
    pages += [reverse("admin:app_list", args=[label]) for label in sorted(labels)]
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in LIBRARY_MODELS:
            pages += model_pages(model, model_admin)
    user = get_user_model().objects.get(username="bien-tap")
    pages.append(reverse("admin:auth_user_password_change", args=[user.pk]))
    pages.append(reverse("admin:participation_erase"))  # erasure on request (administrators)
    return pages


def english_on(client, url, known):
    return english_on_response(client.get(url, follow=True), url, known)


def two_step_pages(user):
    """(what, response, text it must show) of every two-step page a user meets, from setting
    up an authenticator to a signed-in account with one (the user leaves with a device). Each
    user from an address of their own: their wrong codes do not lock the next one out."""
    pages = []
    address = f"10.21.0.{user.pk % 250 + 1}"
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    enrol, codes = reverse("twofactor:enrol"), reverse("twofactor:recovery_codes")
    pages.append((enrol, client.get(enrol), "<svg"))  # the QR code and the key
    wrong = {"code": "000000", "password": "sai-mat-khau"}
    pages.append((enrol + " (wrong code)", client.post(enrol, wrong), "errorlist"))
    pages.append((codes, client.get(codes, follow=True), "<svg"))  # shown once: back to setup
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    twofactor.new_recovery_codes(user)
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)  # signed in, code not given yet
    verify = reverse("twofactor:verify")
    pages.append((verify, client.get(verify), 'name="code"'))
    pages.append((verify + " (wrong code)", client.post(verify, {"code": "000000"}), "errorlist"))
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    pages.append((enrol + " (enrolled)", client.get(enrol), 'name="action"'))
    wrong = {"action": "codes", "password": "sai-mat-khau"}
    pages.append((enrol + " (wrong password)", client.post(enrol, wrong), "errornote"))
    session = client.session
    session[NEW_CODES_KEY] = ["abcdefgh", "jkmnpqrs"]
    session.save()
    pages.append((codes, client.get(codes), "jkmn-pqrs"))
    return pages


def english_on_response(response, where, known):
    assert response.status_code < 500, where
    return {
        word: f"{where} [{response.status_code}]: {text}"
        for word, text in foreign_words(page_texts(response.content.decode()), known).items()
    }


def test_every_two_step_page_is_in_vietnamese(users, settings):
    known = user_content()
    found = {}
    for user, _ward in users.values():
        for where, response, shown in two_step_pages(user):
            assert shown in response.content.decode(), where  # the page it should be
            found.update(english_on_response(response, where, known))
    assert not found, "\n".join(f"{word}: {where}" for word, where in sorted(found.items()))


def test_every_admin_page_of_every_role_is_in_vietnamese(users, content):
    pages = admin_pages()
    known = user_content()
    found, visited = {}, set()
    for user, _ward in users.values():
        client = Client()
        client.force_login(user)
        for url in pages:
            visited.add(resolve(url.split("?")[0]).view_name)
            for word, where in english_on(client, url, known).items():
                found.setdefault(word, where)
    anonymous = Client()
    for url in [reverse("twofactor:login"), reverse("twofactor:verify")]:
        visited.add(resolve(url).view_name)
        found.update(english_on(anonymous, url, known))
    logout = Client()
    logout.force_login(users["editor"][0])
    response = logout.post(reverse("admin:logout"))
    found.update(foreign_words(page_texts(response.content.decode()), known))
    assert not found, "\n".join(f"{word}: {where}" for word, where in sorted(found.items()))
    # Named patterns only: the unnamed ones redirect old addresses to the named pages.
    admin_names = {
        route.name
        for route in all_routes()
        if route.is_admin and route.language != "en" and ":" in route.name
    }
    library = {name for name in admin_names if name.partition(":")[2].startswith("axes_")}
    assert admin_names - visited - NOT_PAGES - library == set()
