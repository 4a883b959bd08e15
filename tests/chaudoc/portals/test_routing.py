"""Requests are routed by host name: each portal answers on its own names with its own pages;
an unknown name gets a plain 404 (the default portal while it is the only one)."""

import json
import re

import pytest
from django.test import override_settings

from chaudoc.portals import current as portals
from tests.factories import make_article, make_portal

from .conftest import HOST_A, HOST_B

pytestmark = pytest.mark.django_db


def get(client, path, host, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def test_an_install_with_one_portal_answers_any_allowed_host_with_it(client):
    article = make_article("Tin của cổng duy nhất")
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert response.wsgi_request.portal == portals.default_portal()


def test_each_portal_answers_on_its_host_with_its_own_banner_and_news(client, two_portals):
    a, b = two_portals
    page_a = get(client, "/", HOST_A).content.decode()
    page_b = get(client, "/", HOST_B).content.decode()
    assert "Chào mừng đến với Trang thông tin điện tử phường Châu Đốc" in page_a
    assert "UBND phường Vĩnh Tế" in page_b
    assert a.article.title in page_a and b.article.title not in page_a
    assert b.article.title in page_b and a.article.title not in page_b


def test_two_host_names_of_one_portal_show_the_same_portal(client, two_portals):
    a, _b = two_portals
    for host in (HOST_A, "www." + HOST_A, HOST_A.upper() + ":443"):
        response = get(client, "/", host)
        assert response.status_code == 200
        assert response.wsgi_request.portal == a


def test_an_unknown_host_gets_a_plain_404_and_no_portal_page(client, two_portals):
    response = get(client, "/", "khac.angiang.gov.vn")
    body = response.content.decode()
    assert response.status_code == 404
    assert "khac.angiang.gov.vn" in body
    assert "phường" not in body.lower()  # no portal's name, banner or news


def test_a_host_outside_allowed_hosts_is_refused_before_any_portal(client, two_portals):
    assert get(client, "/", "evil.example.com").status_code == 400


def test_health_probes_answer_on_any_allowed_host(client, two_portals):
    assert get(client, "/healthz", "khac.angiang.gov.vn").status_code == 200


def test_an_article_of_portal_b_is_not_found_on_portal_a(client, two_portals):
    a, b = two_portals
    assert get(client, b.article.get_absolute_url(), HOST_B).status_code == 200
    assert get(client, b.article.get_absolute_url(), HOST_A).status_code == 404
    assert get(client, b.category.get_absolute_url(), HOST_A).status_code == 404
    assert get(client, b.category.get_absolute_url() + "rss/", HOST_A).status_code == 404


def test_canonical_open_graph_and_publisher_name_the_articles_portal(client, two_portals):
    a, _b = two_portals
    body = get(client, a.article.get_absolute_url(), "www." + HOST_A).content.decode()
    canonical = re.search(r'rel="canonical" href="([^"]+)"', body).group(1)
    assert canonical == f"https://{HOST_A}{a.article.get_absolute_url()}"
    assert f'property="og:url" content="https://{HOST_A}/' in body
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["publisher"]["name"] == "UBND phường Châu Đốc"


def test_sitemaps_feeds_robots_and_search_of_a_list_nothing_of_b(client, two_portals):
    a, b = two_portals
    pages = [
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-categories.xml",
        "/robots.txt",
        "/rss/",
        "/atom/",
        "/tim-kiem/?q=bai+cua+phuong",
        "/so-do-trang/",
    ]
    for path in pages:
        body = get(client, path, HOST_A).content.decode()
        assert HOST_B not in body, path
        assert b.article.slug not in body and b.category.slug not in body, path
    search = get(client, "/tim-kiem/?q=bai+cua+phuong", HOST_A).content.decode()
    assert a.article.get_absolute_url() in search
    assert a.article.slug in get(client, "/sitemap-articles.xml", HOST_A).content.decode()
    assert (
        f"Sitemap: https://{HOST_A}/sitemap.xml"
        in get(client, "/robots.txt", HOST_A).content.decode()
    )


def test_a_portal_without_a_host_name_uses_portal_url(client, settings):
    settings.PORTAL = {**settings.PORTAL, "url": "https://chaudoc.example.vn:8443"}
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://chaudoc.example.vn:8443/sitemap.xml" in body


def test_a_portals_host_keeps_portal_urls_scheme_and_port(client, settings):
    settings.ALLOWED_HOSTS = [".localhost", "testserver"]
    settings.PORTAL = {**settings.PORTAL, "url": "http://127.0.0.1:8000"}
    make_portal("Phường Vĩnh Tế", "vinhte.localhost")
    body = get(client, "/robots.txt", "vinhte.localhost:8000").content.decode()
    assert "Sitemap: http://vinhte.localhost:8000/sitemap.xml" in body


def test_the_host_map_costs_no_query_once_read(client, two_portals, django_assert_num_queries):
    get(client, "/healthz", HOST_A)
    portals.portal_map()
    with django_assert_num_queries(0):
        assert portals.portal_map().for_host(HOST_B).short_name == "Phường Vĩnh Tế"


def test_a_new_host_name_is_seen_at_once(client, two_portals):
    a, _b = two_portals
    assert get(client, "/", "moi.angiang.gov.vn").status_code == 404
    a.hosts.create(host="moi.angiang.gov.vn")
    assert get(client, "/", "moi.angiang.gov.vn").status_code == 200


@override_settings(LANGUAGE_CODE="vi")
def test_admin_answers_on_any_portals_host(client, two_portals, admin_user):
    client.force_login(admin_user)
    for host in (HOST_A, HOST_B):
        assert get(client, "/quan-tri/", host).status_code == 200


@pytest.mark.parametrize(
    "typed", ["javascript:alert(1)", "chaudoc.vn:8000", "<b>x</b>", "a b.vn", "https://a.vn/"]
)
def test_a_host_name_that_is_not_one_is_refused(typed):
    from django.core.exceptions import ValidationError

    from chaudoc.portals.models import PortalHost

    portal = make_portal("Phường thử")
    with pytest.raises(ValidationError):
        PortalHost(portal=portal, host=typed).full_clean()


def test_a_host_name_differing_only_in_case_is_the_same_name():
    from django.core.exceptions import ValidationError

    from chaudoc.portals.models import PortalHost

    portal = make_portal("Phường thử", "chaudoc.angiang.gov.vn")
    with pytest.raises(ValidationError, match="đã tồn tại|already exists"):
        PortalHost(portal=portal, host=" ChauDoc.AnGiang.gov.vn. ").full_clean()


@pytest.mark.parametrize("path", ["/tim-kiem/", "/so-do-trang/"])
def test_search_and_site_map_describe_the_portal_they_are_on(client, two_portals, path):
    """Since 1 July 2025 there is no Châu Đốc city: each page names its own portal."""
    _a, b = two_portals
    html = get(client, path, HOST_B).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1]
    assert b.name in description and "thành phố" not in description
    assert 'placeholder="Nhập từ khóa cần tìm…"' in html
