"""Every URL pattern, found by walking the resolver, answers malformed requests with a 4xx (or
a harmless 2xx/3xx), never a 500: bad page numbers, huge queries, NUL bytes, invalid UTF-8,
unknown slugs and ids, and methods the page does not take."""

from collections import Counter

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse
from reversion.models import Version

from chaudoc.pages.sitemaps import sections
from chaudoc.publishing.workflow import BUTTONS
from tests.factories import make_editor, make_staff
from tests.security.limits import REQUEST_LINE_LIMIT, request_line, words
from tests.security.routes import all_routes, fillings, own_urls
from tests.security.stage import build, editor_for, superuser_request, type_into, typed_fields

pytestmark = pytest.mark.django_db

# Query values, as raw query-string text (already percent-encoded where they must be). "long"
# fills every parameter below at once, as long as the stack lets a request line be (longer ones
# never reach the app: nginx answers 414, tests/stack/test_long_urls.py).
LONG = words(20)  # "giảm nghèo" 20 times, about 480 bytes
MALFORMED_VALUES = {
    "text": "abc",
    "negative": "-1",
    "zero": "0",
    "huge": "99999",
    "long": LONG,
    "nul": "a%00b",
    "bad-utf8": "%ff%fe%fd",
}
# Parameters the portal's pages read (pagination, search and its filters, the admin's lists).
PARAMETERS = [
    "page",
    "p",
    "q",
    "o",
    "ids",
    "next",
    "date_from",
    "date_to",
    "category",
    "ward",
    "status__exact",
    "_changelist_filters",
    "_to_field",
    "_popup",
]
# The admin's lists and forms read no page numbers of ours: the text, size and encoding cases.
STAFF_VALUES = {k: MALFORMED_VALUES[k] for k in ("text", "long", "nul", "bad-utf8")}
PATH_VALUES = {
    "unknown": "khong-ton-tai-999999",
    "unknown-id": "999999",
    "nul": "abc%00",
    "bad-utf8": "%ff%fe",
    "long": "a" * 10_000,
}
METHODS = ["post", "put", "patch", "delete", "options", "head"]


@pytest.fixture
def site(db):
    root = make_staff("quantri", superuser=True)
    stage = build(range(2))
    request = superuser_request(root)
    for label, objects in stage.items():  # a saved version for the revert pages
        model_admin = editor_for(apps.get_model(label), request)
        type_into(
            model_admin,
            request,
            objects[0],
            {f: "Sửa" for f in typed_fields(model_admin, request, objects[0])[:1]},
        )
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


def _known_url(route, client, values, hints=()):
    """A URL of `route` that names something that exists (the first that is not a 404): one
    of the stage's own URLs (`hints`) when one is of this route, else the first filling."""
    for url in hints:
        if route.matches(url) and client.get(url).status_code != 404:
            return url
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


def _sweep(client, routes, values, table, malformed, hints=()):
    for route in routes:
        url = route.url() if not route.params else _known_url(route, client, values, hints)
        if url is None:
            continue
        table[(route.template, "GET")] = client.get(url).status_code
        for label, value in malformed.items():
            query = "&".join(f"{name}={value}" for name in PARAMETERS)
            if label == "long":  # as long as a client can send: at least half the limit
                line = request_line(f"{url}?{query}")
                assert REQUEST_LINE_LIMIT / 2 < line < REQUEST_LINE_LIMIT, (url, line)
            table[(route.template, f"GET ?{label}")] = client.get(f"{url}?{query}").status_code
        for label, path in _path_variants(route):
            table[(route.template, f"GET path {label}")] = client.get(path).status_code
        for method in METHODS:
            table[(route.template, method.upper())] = getattr(client, method)(url).status_code


def test_no_malformed_request_to_any_url_pattern_gets_a_server_error(site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    root, stage = site
    values = _candidates(stage)
    hints = own_urls(obj for objects in stage.values() for obj in objects)
    # The admin answers in English under /en/ through the same views: swept once, in Vietnamese.
    routes = [r for r in all_routes() if not (r.is_admin and r.language == "en")]
    anonymous = Client(enforce_csrf_checks=True, raise_request_exception=False)
    staff = Client(enforce_csrf_checks=True, raise_request_exception=False)
    staff.force_login(root)
    table = {}
    _sweep(anonymous, routes, values, table, MALFORMED_VALUES, hints)
    anonymous_cases = len(table)
    staff_table = {}
    _sweep(staff, [r for r in routes if r.is_admin], values, staff_table, STAFF_VALUES, hints)
    table.update({(t, f"staff {case}"): s for (t, case), s in staff_table.items()})

    errors = {case: status for case, status in table.items() if status >= 500}
    assert not errors, "\n".join(f"{status} {t} {case}" for (t, case), status in errors.items())
    assert anonymous_cases > 1000 and len(staff_table) > 1000
    statuses = Counter(table.values())
    assert statuses[404] > 100 and statuses[405] > 10 and statuses[403] > 100  # really refused


def test_the_sweep_covers_every_url_pattern_and_language():
    routes = all_routes()
    names = {r.name for r in routes}
    assert {
        "home",
        "search",
        "news:article",
        "news:category",
        "weather:index",
        "admin:news_article_change",
        "sitemap_section",
    } <= names
    assert {r.language for r in routes} == {None, "vi", "en"}


# Date extremes and the admin's own parameters, one parameter at a time (several bad values in
# one query string hide each other: the first refused one answers for all).

DATE_EXTREMES = {
    "last-day": "9999-12-31",
    "first-day": "0001-01-01",
    "year-10000": "10000-01-01",
    "negative": "-1",
    "huge": "99999999999999999999",
}
BAD_VALUES = {
    **DATE_EXTREMES,
    "nul": "a%00b",
    "text": "abc",
    "last-minute": "9999-12-31+23:59",
    "empty": "",
}
ADMINS = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("name", ["date_from", "date_to"])
@pytest.mark.parametrize("value", DATE_EXTREMES.values(), ids=DATE_EXTREMES.keys())
def test_search_by_a_date_at_the_calendars_end_answers_with_a_message(
    client, language, name, value
):
    response = client.get(f"{language}/tim-kiem/?q=giam+ngheo&{name}={value}")
    assert response.status_code == 200
    assert name in response.context["form"].errors


@pytest.fixture
def admin_stage(db):
    """One object of every model the admin edits, a ward editor of its ward, an
    administrator."""
    stage = build(range(1))
    editor = make_editor("bientap-quet", stage["chaudoc.ward"][0])
    root = make_staff("quantri-quet", superuser=True)
    return stage, {"editor": editor, "administrator": root}


def _admin_client(admin_stage, role):
    client = Client(raise_request_exception=False)
    client.force_login(admin_stage[1][role])
    return client


def _model_admin(label):
    return admin.site.get_model_admin(apps.get_model(label))


def _filter_parameters(model_admin, user):
    """Every parameter the list reads: each filter's, the date hierarchy's, search, order."""
    request = RequestFactory().get("/")
    request.user = user
    names = {"q", "o", "p", "all", "_to_field"}
    for spec in model_admin.get_changelist_instance(request).filter_specs:
        names.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        names.update(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(names)


def _assert_no_server_error(client, urls):
    errors = []
    for url in urls:
        status = client.get(url).status_code
        if status >= 500:
            errors.append(f"{status} {url}")
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "administrator"])
@pytest.mark.parametrize("label", ADMINS)
def test_no_bad_list_filter_value_gets_a_server_error(admin_stage, role, label):
    model_admin = _model_admin(label)
    user = admin_stage[1][role]
    url = reverse(f"admin:{label.replace('.', '_')}_changelist")
    client = _admin_client(admin_stage, role)
    if not model_admin.has_view_or_change_permission(_user_request(user)):
        assert client.get(f"{url}?q=a%00b").status_code == 403  # not theirs: refused
        return
    params = _filter_parameters(model_admin, user)
    _assert_no_server_error(
        client, [f"{url}?{name}={value}" for name in params for value in BAD_VALUES.values()]
    )
    hierarchy = model_admin.date_hierarchy
    if hierarchy:  # a whole day at the calendar's ends
        _assert_no_server_error(
            client,
            [
                f"{url}?{hierarchy}__year={y}&{hierarchy}__month={m}&{hierarchy}__day={d}"
                for y, m, d in [(9999, 12, 31), (1, 1, 1), (9999, 12, 0), (2026, 2, 30)]
            ],
        )


def _user_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _autocomplete_sources():
    """(app_label, model_name, field_name) of every autocomplete field of every admin."""
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.autocomplete_fields:
            yield model._meta.app_label, model._meta.model_name, field_name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "administrator"])
def test_no_bad_autocomplete_request_gets_a_server_error(admin_stage, role):
    sources = [
        *_autocomplete_sources(),
        ("news", "article", "khong-co"),
        ("news", "khong-co", "album"),
        ("khong-co", "article", "album"),
        ("news", "article", "title_vi"),
        ("news", "article", "a%00b"),
    ]
    assert len(sources) > 5
    terms = ["", "a", "a%00b", "%ff%fe", "giảm+nghèo" * 50, "%25", "'"]
    _assert_no_server_error(
        _admin_client(admin_stage, role),
        [
            f"/quan-tri/autocomplete/?term={term}&app_label={app}&model_name={model}"
            f"&field_name={field}"
            for app, model, field in sources
            for term in terms
        ],
    )


def test_a_nul_byte_in_an_autocomplete_term_is_refused_with_a_message(admin_client):
    response = admin_client.get(
        "/quan-tri/autocomplete/?term=a%00b&app_label=news&model_name=article&field_name=album"
    )
    assert response.status_code == 400
    assert "Null" in response.json()["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "administrator"])
@pytest.mark.parametrize("label", ADMINS)
def test_no_bad_prefilled_value_on_an_add_or_change_page_gets_a_server_error(
    admin_stage, role, label
):
    model_admin = _model_admin(label)
    stage, users = admin_stage
    request = _user_request(users[role])
    urls = []
    if model_admin.has_add_permission(request):
        urls.append(reverse(f"admin:{label.replace('.', '_')}_add"))
    obj = stage.get(label, [None])[0]
    if obj is not None and model_admin.has_view_or_change_permission(request, obj):
        urls.append(reverse(f"admin:{label.replace('.', '_')}_change", args=[obj.pk]))
    if not urls:  # nothing this role may open: refused, whatever the values
        response = _admin_client(admin_stage, role).get(
            reverse(f"admin:{label.replace('.', '_')}_add") + "?id=a%00b"
        )
        assert response.status_code == 403
        return
    names = list(model_admin.get_form(request).base_fields)
    assert names
    # Each pre-filled value is taken or left out by itself: one bad value per field at once.
    _assert_no_server_error(
        _admin_client(admin_stage, role),
        [
            f"{url}?" + "&".join(f"{name}={value}" for name in names)
            for url in urls
            for value in BAD_VALUES.values()
        ],
    )


def test_a_list_filter_with_a_nul_byte_goes_back_to_the_list_with_a_message(admin_client):
    response = admin_client.get("/quan-tri/news/article/?status__exact=a%00b", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("?e=1")
    assert any("Null" in str(m) for m in response.context["messages"])
