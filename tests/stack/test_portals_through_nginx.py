"""As deployed, with two portals: a page cached for one portal's host, by nginx's micro-cache or
by the app's WSGI fast path, is never served for the other's."""

import pytest

from tests.factories import make_article, make_category, make_portal

from .conftest import serve

pytestmark = [
    pytest.mark.stack,
    pytest.mark.usefixtures("transactional_db"),
    pytest.mark.xdist_group(__name__),
]

HOST_A, HOST_B = "chaudoc.angiang.gov.vn", "vinhte.angiang.gov.vn"


@pytest.fixture(scope="module")
def deployed(django_db_setup):
    hosts = f"{HOST_A},{HOST_B},localhost,127.0.0.1"
    with serve(extra_env={"ALLOWED_HOSTS": hosts, "PORTAL_URL": "http://angiang.gov.vn"}) as up:
        yield up


@pytest.fixture
def portals():
    made = []
    for short_name, host in (("Phường Châu Đốc", HOST_A), ("Phường Vĩnh Tế", HOST_B)):
        portal = make_portal(short_name, host)
        category = make_category(f"Tin {short_name}", portal=portal)
        portal.article = make_article(f"Bài của {short_name}", portal=portal, category=category)
        made.append(portal)
    return made


@pytest.mark.parametrize("door", ["get", "direct"])  # nginx's micro-cache, gunicorn's fast path
@pytest.mark.parametrize("path", ["/", "/rss/", "/robots.txt"])
def test_a_page_cached_for_one_portal_is_never_served_for_another(deployed, portals, door, path):
    a, b = portals
    fetch = getattr(deployed, door)
    for _ in range(3):  # the first fills the caches, the next are served from them
        first = fetch(path, {"Host": HOST_A})
        assert first.status == 200, first.body[:300]
        assert HOST_A in first.body or a.article.title in first.body
    other = fetch(path, {"Host": HOST_B})
    assert other.status == 200
    assert HOST_A not in other.body and a.article.title not in other.body
    assert HOST_B in other.body or b.article.title in other.body


def test_an_unknown_host_gets_the_plain_404_through_nginx(deployed, portals):
    answer = deployed.get("/", {"Host": "localhost"})
    assert answer.status == 404
    assert "Phường" not in answer.body
