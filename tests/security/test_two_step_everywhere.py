"""Two-step verification guards every staff right, not a URL prefix: a moderator or an
administrator whose session owes its second factor (not enrolled yet, or the code not entered)
gets from every URL pattern, found by walking the resolver, no more than an anonymous reader
does, or a redirect to enrolment or to the code step. A staff view added later, at any URL, is
walked and held to the same rule without a change here."""

import re

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from chaudoc.pages.sitemaps import sections
from chaudoc.publishing.states import Status
from chaudoc.publishing.workflow import BUTTONS
from chaudoc.signin import twofactor
from tests.factories import (
    NOW,
    make_album,
    make_article,
    make_location,
    make_moderator,
    make_staff,
    make_ward,
    save_version,
)
from tests.security.routes import all_routes, fillings

pytestmark = pytest.mark.django_db

# Titles of unpublished work: a body (or a Location) naming one carries staff content.
SECRETS = [
    "Bản nháp mật phường A",
    "Secret draft of ward A",
    "Bài chờ duyệt mật phường B",
    "Album nháp mật phường A",
    "Album chờ duyệt mật phường B",
]
TWO_STEP_PAGES = ("/quan-tri/xac-thuc-hai-buoc/", "/quan-tri/login/ma-xac-thuc/")
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
REDIRECTS = (301, 302, 303, 307, 308)


@pytest.fixture
def stage(settings):
    with time_machine.travel(NOW, tick=False):  # pages with a clock in them (feeds) compare
        yield _stage(settings)


def _stage(settings):
    settings.OTP_REQUIRED_FOR_MODERATORS = True
    settings.PAGE_CACHE_SECONDS = 0
    ward_a, ward_b = make_ward("Phường A mật"), make_ward("Phường B mật")
    articles = [
        make_article(SECRETS[0], title_en=SECRETS[1], status=Status.DRAFT, ward=ward_a),
        make_article(SECRETS[2], status=Status.PENDING, ward=ward_b),
    ]
    albums = [
        make_album(SECRETS[3], status=Status.DRAFT, ward=ward_a, photos=1),
        make_album(SECRETS[4], status=Status.PENDING, ward=ward_b),
    ]
    root = make_staff("quantri", superuser=True)
    save_version(articles[0], root)
    save_version(albums[0], root)
    location = make_location()
    return {
        "articles": articles,
        "albums": albums,
        "wards": [ward_a, ward_b],
        "location": location,
        "root": root,
    }


def _candidates(stage):
    """Values for every kind of URL parameter, the unpublished work first."""
    objects = [*stage["articles"], *stage["albums"], *stage["wards"], stage["location"]]
    pks = list(dict.fromkeys(str(o.pk) for o in objects))
    slugs = [o.slug for o in objects if getattr(o, "slug", "")]
    named = {
        "action": [str(b) for b in BUTTONS],
        "version_id": [str(v.pk) for v in Version.objects.all()],
        "content_type_id": [
            str(ContentType.objects.get_for_model(o).pk)
            for o in (stage["articles"][0], stage["albums"][0])
        ],
        "section": list(sections()),
        "app_label": ["news", "gallery"],
        "url": ["khong-ton-tai/"],
        "path": ["khong-ton-tai.jpg"],
    }

    def values(name, kind):
        if name in named:
            return named[name]
        return slugs if kind == "slug" else pks if kind == "int" else pks + slugs

    return values


def verified(user):
    """A session of `user` that has entered its code."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def unverified_sessions():
    """Sessions that owe their second factor: not enrolled, and enrolled without the code."""
    accounts = {
        "moderator, not enrolled": make_moderator("kiemduyet"),
        "superuser, not enrolled": make_staff("quantri2", superuser=True),
        "moderator, code not entered": make_moderator("kiemduyet2"),
        "superuser, code not entered": make_staff("quantri3", superuser=True),
    }
    sessions = {}
    for label, user in accounts.items():
        if label.endswith("code not entered"):
            TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        sessions[label] = client
    return sessions


def _shows_staff_content(response):
    text = response.content + response.get("Location", "").encode()
    return [s for s in SECRETS if s.encode() in text]


def _same_as_anonymous(response, anonymous):
    if response.status_code != anonymous.status_code:
        return False
    if response.status_code in REDIRECTS:
        return response["Location"] == anonymous["Location"]
    return CSRF_TOKEN.sub(b"", response.content) == CSRF_TOKEN.sub(b"", anonymous.content)


def _to_two_step(response):
    if response.status_code not in REDIRECTS:
        return False
    target = response["Location"].split("?", 1)[0].removeprefix("/en")
    return target in TWO_STEP_PAGES


def _url_for(route, verified_client, values):
    """A URL of `route` naming something that exists: the first a verified administrator
    opens (200), else the first that is not a 404."""
    first = fallback = None
    for _filled, url in fillings(route, values):
        first = first or url
        status = verified_client.get(url).status_code
        if status == 200:
            return url
        if status != 404:
            fallback = fallback or url
    return fallback or first


def walk(stage, routes=None):
    """Walk every URL pattern (or those of `routes`); return (staff routes, leaks).

    A staff route is one where a verified administrator gets what an anonymous reader does
    not. A leak is an answer to an unverified session that is neither what an anonymous
    reader gets nor a redirect to enrolment or the code step, or that names unpublished work."""
    values = _candidates(stage)
    admin = verified(stage["root"])
    moderator = verified(make_moderator("kiemduyet_ok"))
    anonymous = Client(raise_request_exception=False)
    sessions = unverified_sessions()
    staff_routes, leaks = set(), []
    for route in all_routes() if routes is None else routes:
        url = route.url() if not route.params else _url_for(route, admin, values)
        if url is None:
            continue
        anon = anonymous.get(url)
        for reference in (admin, moderator):
            seen = reference.get(url)
            if not _same_as_anonymous(seen, anon) or _shows_staff_content(seen):
                staff_routes.add((route.name, url))
        anon_post = anonymous.post(url)
        open_view = route.name in twofactor.OPEN_VIEWS
        for label, client in sessions.items():
            for method, expected in (("GET", anon), ("POST", anon_post)):
                if method == "POST" and open_view:
                    continue  # signing in and out: the two-step pages themselves
                response = client.get(url) if method == "GET" else client.post(url)
                named = _shows_staff_content(response)
                allowed = (
                    open_view or _to_two_step(response) or _same_as_anonymous(response, expected)
                )
                if named or not allowed:
                    leaks.append(
                        f"{label}: {method} {url} -> {response.status_code} "
                        f"{response.get('Location', '')} {named or ''}"
                    )
    for label, client in sessions.items():  # nothing on the way signed them out
        assert "_auth_user_id" in client.session, label
    return staff_routes, leaks


# The walk is long: it runs in CHUNKS parts (every CHUNKS-th pattern), which xdist spreads
# over its workers; each part makes the checks that concern its own patterns.
CHUNKS = 4
MET_STAFF_VIEWS = {
    "news:preview",
    "gallery:preview",
    "ckeditor_browse",
    "ckeditor_upload",
    "admin:news_article_change",
    "admin:gallery_album_changelist",
    "admin:index",
}


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_url_pattern_gives_staff_content_to_a_session_without_its_second_factor(stage, chunk):
    routes = all_routes()[chunk::CHUNKS]
    staff_routes, leaks = walk(stage, routes)
    assert not leaks, "\n".join(leaks)
    names = {name for name, _url in staff_routes}
    # The walk really meets staff views, inside the admin's prefix and outside it.
    assert MET_STAFF_VIEWS & {r.name for r in routes} <= names
    urls = {url for _name, url in staff_routes}
    english = [r for r in routes if r.language == "en"]
    if any(r.name in MET_STAFF_VIEWS and r.is_admin for r in english):
        assert any(u.startswith("/en/quan-tri/") for u in urls)
    if any(r.name in {"news:preview", "gallery:preview"} for r in english):
        assert any(u.startswith("/en/xem-truoc/") for u in urls)
    assert len(staff_routes) > 100 // CHUNKS


def test_the_walk_parts_cover_every_pattern_and_both_preview_languages():
    routes = all_routes()
    parts = [routes[chunk::CHUNKS] for chunk in range(CHUNKS)]
    assert sum(len(part) for part in parts) == len(routes)
    assert MET_STAFF_VIEWS <= {r.name for r in routes}
    assert {("news:preview", "en"), ("admin:index", "en")} <= {(r.name, r.language) for r in routes}


@pytest.mark.urls("tests.security.later_staff_urls")
def test_a_staff_view_added_at_any_url_is_walked_and_refused_without_the_second_factor(stage):
    """tests/security/later_staff_urls.py: the project's URLs plus two staff views. The walk
    finds them by itself (all_routes() reads the URL configuration); one known staff view is
    walked beside them, the rest of the project's patterns by the test above."""
    routes = [r for r in all_routes() if r.name in {"staff_report", "staff_stats", "news:preview"}]
    staff_routes, leaks = walk(stage, routes)
    assert not leaks, "\n".join(leaks)
    assert {"staff_report", "staff_stats", "news:preview"} <= {n for n, _u in staff_routes}
