"""A page cached for one portal's host is never served on another's: the host is part of every
cache key, through both doors (the middleware and the WSGI fast path)."""

import pytest

from tests.chaudoc.pagecache.test_cache_hosts_and_https import wsgi_get

from .conftest import HOST_A, HOST_B

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/rss/", "/sitemap-articles.xml", "/robots.txt"])
def test_a_page_cached_for_host_a_is_never_served_on_host_b(client, two_portals, path):
    a, b = two_portals
    first = client.get(path, HTTP_HOST=HOST_A)
    again = client.get(path, HTTP_HOST=HOST_A)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content  # served from the cache
    other = client.get(path, HTTP_HOST=HOST_B).content.decode()
    assert HOST_A not in other and a.article.slug not in other
    assert HOST_B in other or path == "/"


def test_the_wsgi_fast_path_keeps_hosts_apart(client, two_portals):
    a, b = two_portals
    client.get("/", HTTP_HOST=HOST_A)  # fills the cache for host A
    status, _headers, body = wsgi_get("/", host=HOST_A)
    assert status.startswith("200") and a.article.title.encode() in body  # a hit
    status, _headers, body = wsgi_get("/", host=HOST_B)
    assert status.startswith("599")  # a miss: only Django may answer for host B
    assert a.article.title.encode() not in body


def test_editing_a_portal_refreshes_its_cached_pages(client, two_portals):
    a, _b = two_portals
    client.get("/", HTTP_HOST=HOST_A)
    a.banner_vi = "Chào mừng bạn đọc phường Châu Đốc"
    a.save()
    assert "Chào mừng bạn đọc phường Châu Đốc" in client.get("/", HTTP_HOST=HOST_A).content.decode()
