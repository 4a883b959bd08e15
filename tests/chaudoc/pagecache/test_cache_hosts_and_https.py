"""The page cache where it meets the request's host and scheme (issue 14, findings 3 and 4).

A cached page carries the same security headers and redirect as a freshly rendered one, through
both doors (Django's middleware and the WSGI wrapper in front of it); and no host name, port or
SCRIPT_NAME a client sends can change what another reader is given: absolute URLs come from
PORTAL_URL, and the cache keeps pages of different hosts apart.
"""

import json
import re

import feedparser
import pytest
from lxml import etree, html

from tests.chaudoc.pagecache.doors import wsgi_get
from tests.factories import make_album, make_article

pytestmark = pytest.mark.django_db

ORIGIN = "https://chaudoc.example.vn"
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
)


@pytest.fixture
def production_security(settings):
    """The security settings production runs with (chaudoc/settings/production.py)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    return settings


@pytest.fixture
def two_hosts(settings):
    settings.ALLOWED_HOSTS = ["chaudoc.example.vn", "other.example.vn", "testserver"]
    settings.PORTAL = {**settings.PORTAL, "url": ORIGIN}
    return settings


def security_headers(response_headers):
    return {name: response_headers.get(name) for name in SECURITY_HEADERS}


def test_a_cache_hit_carries_the_security_headers_of_the_miss(client, production_security):
    article = make_article("Tin có tiêu đề bảo mật")
    url = article.get_absolute_url()
    miss = client.get(url, **HTTPS)
    hit = client.get(url, **HTTPS)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert security_headers(hit) == security_headers(miss)


def test_a_hit_through_the_wsgi_door_carries_hsts_too(client, production_security):
    article = make_article("Tin qua cửa WSGI có HSTS")
    miss = client.get(article.get_absolute_url(), **HTTPS)
    status, headers, body = wsgi_get(article.get_absolute_url(), **HTTPS)
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert security_headers(headers) == security_headers(miss)
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_revalidation_over_https_keeps_hsts(client, production_security):
    article = make_article("Tin được hỏi lại bằng ETag")
    etag = client.get(article.get_absolute_url(), **HTTPS)["ETag"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag, **HTTPS)
    assert again.status_code == 304
    assert again["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_is_redirected_even_when_the_page_is_cached(client, production_security):
    article = make_article("Tin chỉ mở qua HTTPS")
    url = article.get_absolute_url()
    client.get(url, **HTTPS)
    assert client.get(url, **HTTPS)["X-Page-Cache"] == "hit"
    plain = client.get(url)
    assert plain.status_code == 301
    assert plain["Location"] == f"https://testserver{url}"
    status, _, body = wsgi_get(url)  # the WSGI door leaves it to Django's redirect
    assert (status, body) == ("599 Reached Django", b"reached Django")


def test_without_the_redirect_plain_http_and_https_are_cached_apart(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    article = make_article("Tin qua hai giao thức")
    url = article.get_absolute_url()
    assert "Strict-Transport-Security" in client.get(url, **HTTPS)
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "miss"  # not the HTTPS copy
    assert "Strict-Transport-Security" not in plain  # HSTS is only ever sent over HTTPS


def head_urls(page):
    tree = html.fromstring(page.content)
    found = tree.xpath('//link[@rel="canonical" or @rel="alternate"]/@href')
    found += tree.xpath('//meta[starts-with(@property, "og:")]/@content')
    found = [u for u in found if "://" in u or u.startswith("//")]
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        found += re.findall(r'"(https?://[^"]+)"', json.dumps(json.loads(block)))
    return [u for u in found if not u.startswith("https://schema.org")]


def test_absolute_urls_come_from_configuration_not_the_host(client, two_hosts):
    article = make_article("Tin có ảnh bìa và địa chỉ chuẩn", title_en="A story at its origin")
    url = article.get_absolute_url()
    page = client.get(url, HTTP_HOST="other.example.vn:8443", SCRIPT_NAME="/evil")
    found = head_urls(page)
    assert f"{ORIGIN}{url}" in found and f"{ORIGIN}/en{url}" in found
    assert found and all(u.startswith(ORIGIN + "/") for u in found), found
    assert "/evil" not in page.content.decode()
    switcher = html.fromstring(page.content).xpath('//nav[@class="lang-switch"]//a/@href')
    assert switcher and all(link.startswith("/") and not link.startswith("//") for link in switcher)


def test_a_page_cached_for_one_host_is_never_served_for_another(client, two_hosts):
    article = make_article("Tin của một tên miền")
    url = article.get_absolute_url()
    client.get(url, HTTP_HOST="other.example.vn")
    assert client.get(url, HTTP_HOST="other.example.vn")["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_HOST="chaudoc.example.vn")["X-Page-Cache"] == "miss"
    assert client.get(url, HTTP_HOST="chaudoc.example.vn:8080")["X-Page-Cache"] == "miss"
    status, headers, _ = wsgi_get(url, host="chaudoc.example.vn")
    assert headers["X-Page-Cache"] == "hit"  # the copy rendered for this very host
    status, _, body = wsgi_get(url, host="third.example.vn")
    assert body == b"reached Django"


def test_a_script_name_header_changes_no_link(client):
    article = make_article("Tin không theo tiền tố lạ")
    url = article.get_absolute_url()
    poisoned = client.get(url, SCRIPT_NAME="/evil")
    reader = client.get(url)
    for page in (poisoned, reader):
        assert page.status_code == 200
        assert "/evil" not in page.content.decode()


def every_url_in(xml_bytes):
    root = etree.fromstring(xml_bytes)
    urls = [el.text for el in root.iter("{*}loc")]
    urls += root.xpath("//@href")
    return urls


@pytest.mark.parametrize("path", ["/rss/", "/atom/", "/en/rss/"])
def test_feeds_link_to_the_configured_origin(client, two_hosts, path):
    make_article("Tin trong nguồn tin có ảnh", title_en="A story in the feed")
    response = client.get(path, HTTP_HOST="other.example.vn:8443", SCRIPT_NAME="/evil")
    feed = feedparser.parse(response.content)
    links = [feed.feed.link] + [e.link for e in feed.entries]
    links += [enc.href for e in feed.entries for enc in e.get("enclosures", [])]
    links += re.findall(rb'(?:href|url)="([^"]+)"', response.content)
    links = [x.decode() if isinstance(x, bytes) else x for x in links]
    assert len(links) > 2 and all(link.startswith(ORIGIN + "/") for link in links), links


def test_sitemaps_and_robots_name_the_configured_origin(client, two_hosts):
    make_article("Tin trong sơ đồ trang web")
    make_album("Album trong sơ đồ", photos=1)
    evil = {"HTTP_HOST": "other.example.vn:8443", "SCRIPT_NAME": "/evil"}
    index = client.get("/sitemap.xml", **evil)
    sections = every_url_in(index.content)
    assert sections and all(u.startswith(ORIGIN + "/sitemap-") for u in sections), sections
    listed = []
    for section in sections:
        urls = every_url_in(client.get(section.removeprefix(ORIGIN), **evil).content)
        assert all(u.startswith(ORIGIN + "/") for u in urls), (section, urls)
        listed += urls
    assert len(listed) > 5
    robots = client.get("/robots.txt", **evil).content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots
