"""Every XSS payload, typed into every field staff can type into and sent in every query
parameter, reaches readers and moderators as inert text: rendered by the real templates and
parsed as a browser parses them (tests/security/html_checks.py)."""

from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from reversion.models import Version

from tests.factories import make_article, make_category, make_staff
from tests.security.html_checks import executable_findings, feed_findings, get_forms, text_of
from tests.security.routes import all_routes, own_urls
from tests.security.stage import (
    BUILDERS,
    build,
    editor_for,
    missing_builders,
    show_stations,
    superuser_request,
    tear_down,
    type_into,
    typed_fields,
)
from tests.security.xss_payloads import PAYLOADS, TEMPLATE_SYNTAX

pytestmark = pytest.mark.django_db

# The fields the issue names: each must take (and so render) nearly every payload.
NAMED_FIELDS = [
    ("news.article", "title_vi"),
    ("news.article", "lead_vi"),
    ("news.article", "body_vi"),
    ("news.article", "cover_alt_vi"),
    ("news.article", "title_en"),
    ("news.category", "name_vi"),
    ("chaudoc.ward", "name"),
    ("weather.alert", "text_vi"),
    ("gallery.album", "title_vi"),
    ("gallery.album", "description_vi"),
    ("gallery.photo", "caption_vi"),
    ("gallery.photo", "alt_text_vi"),
    ("about.intropage", "title_vi"),
    ("about.intropage", "image_text_vi"),
    ("about.leader", "name"),
    ("about.office", "name_vi"),
    ("about.procedure", "name_vi"),
    ("about.menuitem", "label_vi"),
    ("schedule.entry", "content_vi"),
    ("schedule.entry", "place_vi"),
    ("documents.document", "summary_vi"),
    ("documents.document", "signer"),
    ("documents.attachment", "title"),
    ("documents.project", "name_vi"),
    ("documents.disclosureitem", "name_vi"),
]
NOT_PAGES = {"healthz", "readyz", "ckeditor_upload", "ckeditor_browse"}
# The stage is built in chunks, so that no page carries all the payloads' banners and menu
# entries at once (pages stay the size readers get, and quick to render).
CHUNK = 14
# Stock Django admin change forms (Django escapes its own widgets) get every STOCK_FORMS-th
# payload; change forms with a template of ours get every payload.
STOCK_FORMS = 3


def findings_in(response):
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        return executable_findings(response.content)
    if "xml" in content_type and response.content.strip():
        return feed_findings(response.content)
    return []


class Sweep:
    """Requests pages and keeps every finding with the URL it came from."""

    def __init__(self):
        self.problems = defaultdict(list)
        self.pages = {}

    def get(self, client, url, data=None):
        response = client.get(url, data)
        assert response.status_code < 500, f"{url} {data} answered {response.status_code}"
        if response.status_code == 200:
            key = url if data is None else f"{url} {data}"
            self.pages[key] = response
            self.problems[key] += findings_in(response)
        return response

    def report(self):
        lines = [f"{url}: {f}" for url, found in self.problems.items() for f in found]
        return f"{len(lines)} findings:\n" + "\n".join(lines[:40])

    @property
    def clean(self):
        return not any(self.problems.values())


def _admin_for(label, request=None):
    return editor_for(apps.get_model(label), request)


def _key(obj, kind):
    return str(obj.pk) if kind == "int" else getattr(obj, "slug", None) or str(obj.pk)


def public_routes():
    return [
        r
        for r in all_routes()
        if not r.is_admin and r.name not in NOT_PAGES and "{path}" not in r.template
    ]


def _shows(response, obj, language):
    # An id may exist in several tables: the page must be about this very object.
    with translation.override(language or "vi"):
        name = escape(str(obj))
    return response.status_code == 200 and name in response.content.decode()


def _translated(label):
    from modeltranslation.translator import translator

    return apps.get_model(label) in translator.get_registered_models()


def object_routes(stage, anonymous, staff):
    """[(route, label, client)]: which model each route with one parameter shows, found by
    trying one object of every model (a route added later is matched the same way). A model
    without translated fields shows the same text in every language: one language will do."""
    found = []
    own = {label: own_urls(objects[:1]) for label, objects in stage.items()}
    for route in public_routes():
        if len(route.params) != 1:
            continue
        ((name, kind),) = route.params
        # The model whose objects give URLs of this route first (an object's own page), then
        # every other.
        labels = sorted(stage, key=lambda label: not any(map(route.matches, own[label])))
        for label in labels:
            objects = stage[label]
            if kind == "slug" and not hasattr(objects[0], "slug"):
                continue
            url = route.url(**{name: _key(objects[0], kind)})
            viewer = next(
                (c for c in (anonymous, staff) if _shows(c.get(url), objects[0], route.language)),
                None,
            )
            if viewer is not None:
                if route.language in (None, "vi") or _translated(label):
                    found.append((route, label, viewer))
                break
    return found


def _type_payloads(stage, numbers, request, accepted):
    for label, objects in stage.items():
        model_admin = _admin_for(label, request)
        for i, obj in zip(numbers, objects, strict=True):
            fields = typed_fields(model_admin, request, obj)
            refused = type_into(model_admin, request, obj, dict.fromkeys(fields, PAYLOADS[i]))
            accepted.update((label, f) for f in fields if f not in refused)


@translation.override("vi")
def _admin_pages(stage, numbers, staff, sweep):
    for label, objects in stage.items():
        if apps.get_model(label) not in admin.site._registry:
            continue  # edited inline: shown on its parent's change page
        app_label, model_name = label.split(".")
        sweep.get(staff, reverse(f"admin:{app_label}_{model_name}_changelist"))
        ours = _admin_for(label).change_form_template is not None
        for i, obj in zip(numbers, objects, strict=True):
            if ours or i % STOCK_FORMS == 0:
                sweep.get(staff, reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]))
    for article in stage["news.article"]:
        first = Version.objects.get_for_object(article).order_by("pk").first()
        sweep.get(staff, reverse("admin:news_article_revert", args=[article.pk, first.pk]))
        sweep.get(staff, reverse("admin:news_article_workflow", args=[article.pk, "withdraw"]))


def _admin_pages_without_objects(staff, sweep):
    """The admin's other pages (index, add forms with their choice lists, sign-in pages)."""
    for route in all_routes():
        if (
            route.is_admin
            and not route.params
            and route.language == "vi"
            and not (route.name.endswith(("logout", "jsi18n", "autocomplete")))
        ):
            sweep.get(staff, route.url())


# One case per chunk of the stage, so that pytest-xdist's workers share the sweep.
CHUNKS = [
    range(start, min(start + CHUNK, len(PAYLOADS))) for start in range(0, len(PAYLOADS), CHUNK)
]


@pytest.mark.parametrize("numbers", CHUNKS, ids=[f"payloads-{n[0]}-{n[-1]}" for n in CHUNKS])
def test_every_payload_typed_into_every_field_renders_as_inert_text(client, settings, numbers):
    settings.PAGE_CACHE_SECONDS = 0
    root = make_staff("quantri", superuser=True)
    request = superuser_request(root)
    staff = Client()
    staff.force_login(root)
    sweep, accepted, titles = Sweep(), Counter(), 0
    stage = build(numbers)
    routes = object_routes(stage, client, staff)
    _type_payloads(stage, numbers, request, accepted)
    for route in public_routes():
        if not route.params:
            sweep.get(client, route.url())
    for route, label, viewer in routes:
        ((name, kind),) = route.params
        for obj in stage[label]:
            sweep.get(viewer, route.url(**{name: _key(obj, kind)}))
    _admin_pages(stage, numbers, staff, sweep)
    if numbers.start == 0:
        _admin_pages_without_objects(staff, sweep)
    show_stations(stage)
    for route in public_routes():
        if route.name == "weather:index":
            sweep.get(client, route.url())
    assert sweep.clean, sweep.report()
    # Shown as typed: escaped once, never evaluated as a template, never double-escaped.
    for article in stage["news.article"]:
        article.refresh_from_db()
        with translation.override("vi"):
            page = sweep.pages[article.get_absolute_url()]
        assert text_of(page.content, "h1") == [article.title_vi]
        titles += 1
    tear_down(stage)

    assert titles == len(numbers)
    for field in NAMED_FIELDS:
        assert accepted[field] >= 0.8 * len(numbers), (field, accepted[field])
    shown = {label for _route, label, _viewer in routes}
    assert {
        "news.article",
        "news.category",
        "chaudoc.ward",
        "weather.location",
        "gallery.album",
        "about.intropage",
        "about.leader",
        "documents.document",
    } <= shown


def test_the_chunks_hold_every_payload_once():
    assert [i for numbers in CHUNKS for i in numbers] == list(range(len(PAYLOADS)))


def test_every_admin_model_with_text_fields_is_on_the_hostile_stage(db):
    request = superuser_request(make_staff("quantri", superuser=True))
    assert missing_builders(request) == [], (
        "Add a builder to BUILDERS in tests/security/stage.py for these admin models, so that "
        "their fields get the XSS payloads too."
    )
    assert list(BUILDERS)  # and the stage builds every one of them
    stage = build(range(2))
    assert all(len(objects) == 2 for objects in stage.values())


@pytest.fixture
def searchable_news(db):
    category = make_category("Tin cảnh báo")
    now = timezone.now()
    for i in range(25):  # three pages of results and of the category list
        make_article(
            f"Cảnh báo alert script img onerror svg javascript số {i}",
            lead_vi="Tóm tắt có chữ alert và script.",
            category=category,
            published_at=now - timedelta(hours=i + 1),
        )
    return category


def test_every_payload_in_every_query_parameter_renders_as_inert_text(
    client, settings, searchable_news
):
    settings.PAGE_CACHE_SECONDS = 0
    sweep = Sweep()
    routes = [r for r in public_routes() if not r.params]
    forms = defaultdict(set)
    for route in routes:
        for action, names in get_forms(sweep.get(client, route.url()).content).items():
            forms[action] |= names
    assert any("q" in names for names in forms.values())
    lists = [searchable_news.get_absolute_url(), "/en" + searchable_news.get_absolute_url()]
    for i, payload in enumerate(PAYLOADS):
        for action, names in forms.items():
            sweep.get(client, action, {**dict.fromkeys(names, payload), "page": payload})
            sweep.get(client, action, {"q": payload, "page": "2"})
        for url in lists:
            sweep.get(client, url, {"page": payload, payload: payload})
        other = routes[i % len(routes)]
        sweep.get(client, other.url(), {"page": payload, payload: payload, "q": payload})
    assert sweep.clean, sweep.report()

    # A template tag in a query is shown as typed, never evaluated.
    for payload in TEMPLATE_SYNTAX:
        response = client.get(reverse("search"), {"q": payload})
        assert payload in "".join(text_of(response.content, "h1, title, .search-summary, p"))
