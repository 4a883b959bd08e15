"""Every URL pattern, found by walking the resolver, answers malformed requests with a 4xx (or
a harmless 2xx/3xx), never a 500: bad page numbers, huge queries, NUL bytes, invalid UTF-8,
unknown slugs and ids, and methods the page does not take."""

from collections import Counter

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from reversion.models import Version

from chaudoc.sitemaps import sections
from chaudoc.workflow import BUTTONS
from tests.factories import make_staff
from tests.security.routes import all_routes, fillings
from tests.security.stage import build, editor_for, superuser_request, type_into, typed_fields

pytestmark = pytest.mark.django_db

LONG = "giảm nghèo " * 1000  # 11,000 characters
# Query values, as raw query-string text (already percent-encoded where they must be).
MALFORMED_VALUES = {
    "text": "abc", "negative": "-1", "zero": "0", "huge": "99999",
    "long": LONG.replace(" ", "+"), "nul": "a%00b", "bad-utf8": "%ff%fe%fd",
}
# Parameters the portal's pages read (pagination, search and its filters, the admin's lists).
PARAMETERS = ["page", "p", "q", "o", "ids", "next", "date_from", "date_to", "category", "ward",
              "status__exact", "_changelist_filters", "_to_field", "_popup"]
# The admin's lists and forms read no page numbers of ours: the text, size and encoding cases.
STAFF_VALUES = {k: MALFORMED_VALUES[k] for k in ("text", "long", "nul", "bad-utf8")}
PATH_VALUES = {"unknown": "khong-ton-tai-999999", "unknown-id": "999999", "nul": "abc%00",
               "bad-utf8": "%ff%fe", "long": "a" * 10_000}
METHODS = ["post", "put", "patch", "delete", "options", "head"]


@pytest.fixture
def site(db):
    root = make_staff("quantri", superuser=True)
    stage = build(range(2))
    request = superuser_request(root)
    for label, objects in stage.items():  # a saved version for the revert pages
        model_admin = editor_for(apps.get_model(label), request)
        type_into(model_admin, request, objects[0], {
            f: "Sửa" for f in typed_fields(model_admin, request, objects[0])[:1]
        })
    return root, stage


def _candidates(stage):
    objects = [obj for objs in stage.values() for obj in objs]
    by_model = {}
    for label, objs in stage.items():
        app_label, model_name = label.split(".")
        by_model[f"/quan-tri/{app_label}/{model_name}/"] = [str(o.pk) for o in objs]
    slugs = [o.slug for o in objects if getattr(o, "slug", "")]
    pks = sorted({str(o.pk) for o in objects})
    named = {
        "action": [str(b) for b in BUTTONS],
        "version_id": [str(v.pk) for v in Version.objects.all()[:6]],
        "content_type_id": [str(ContentType.objects.get_for_model(o).pk) for o in objects[:3]],
        "section": list(sections()),
        "app_label": ["news", "weather", "chaudoc", "auth"],
        "url": ["khong-ton-tai/"],
        "id": pks,
    }

    def values(route, name, kind):
        for prefix, ids in by_model.items():
            if prefix in route.template and name == "object_id":
                return ids
        if name in named:
            return named[name]
        return slugs if kind == "slug" else pks if kind == "int" else slugs + pks

    return values


def _known_url(route, client, values):
    """A URL of `route` that names something that exists (the first that is not a 404)."""
    first = None
    for _filled, url in fillings(route, lambda name, kind: values(route, name, kind)):
        first = first or url
        if client.get(url).status_code != 404:
            return url
    return first


def _path_variants(route):
    if not route.params:
        return
    for label, value in PATH_VALUES.items():
        filled = {name: value for name, _kind in route.params}
        yield label, route.url(**filled)


def _sweep(client, routes, values, table, malformed):
    for route in routes:
        url = route.url() if not route.params else _known_url(route, client, values)
        if url is None:
            continue
        table[(route.template, "GET")] = client.get(url).status_code
        for label, value in malformed.items():
            query = "&".join(f"{name}={value}" for name in PARAMETERS)
            table[(route.template, f"GET ?{label}")] = client.get(f"{url}?{query}").status_code
        for label, path in _path_variants(route):
            table[(route.template, f"GET path {label}")] = client.get(path).status_code
        for method in METHODS:
            table[(route.template, method.upper())] = getattr(client, method)(url).status_code


def test_no_malformed_request_to_any_url_pattern_gets_a_server_error(site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    root, stage = site
    values = _candidates(stage)
    # The admin answers in English under /en/ through the same views: swept once, in Vietnamese.
    routes = [r for r in all_routes() if not (r.is_admin and r.language == "en")]
    anonymous = Client(enforce_csrf_checks=True, raise_request_exception=False)
    staff = Client(enforce_csrf_checks=True, raise_request_exception=False)
    staff.force_login(root)
    table = {}
    _sweep(anonymous, routes, values, table, MALFORMED_VALUES)
    anonymous_cases = len(table)
    staff_table = {}
    _sweep(staff, [r for r in routes if r.is_admin], values, staff_table, STAFF_VALUES)
    table.update({(t, f"staff {case}"): s for (t, case), s in staff_table.items()})

    errors = {case: status for case, status in table.items() if status >= 500}
    assert not errors, "\n".join(f"{status} {t} {case}" for (t, case), status in errors.items())
    assert anonymous_cases > 1000 and len(staff_table) > 1000
    statuses = Counter(table.values())
    assert statuses[404] > 100 and statuses[405] > 10 and statuses[403] > 100  # really refused


def test_the_sweep_covers_every_url_pattern_and_language():
    routes = all_routes()
    names = {r.name for r in routes}
    assert {"home", "search", "news:article", "news:category", "weather:index",
            "admin:news_article_change", "sitemap_section"} <= names
    assert {r.language for r in routes} == {None, "vi", "en"}
