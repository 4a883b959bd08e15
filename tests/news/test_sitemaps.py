from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from chaudoc.publishing.states import Status
from tests.factories import make_article, make_category, make_ward

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def schema(name):
    return etree.XMLSchema(etree.parse(str(FIXTURES / name)))


@pytest.fixture
def site():
    category, ward = make_category("Kinh tế"), make_ward("Vĩnh Mỹ")
    visible = make_article(
        "Tin đã đăng",
        category=category,
        ward=ward,
        title_en="Published news",
        published_at=timezone.now() - timedelta(days=2),
    )
    make_article("Bản nháp mật", category=category, status=Status.DRAFT)
    make_article(
        "Tin tương lai", category=category, published_at=timezone.now() + timedelta(days=2)
    )
    return {"category": category, "ward": ward, "article": visible}


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_sitemap_index_and_every_section_validate_against_the_sitemaps_org_schema(client, site):
    index = fetch(client, "/sitemap.xml")
    schema("siteindex.xsd").assertValid(index)
    sections = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert {s.rsplit("/", 1)[1] for s in sections} == {
        "sitemap-static.xml",
        "sitemap-articles.xml",
        "sitemap-categories.xml",
        "sitemap-wards.xml",
        "sitemap-albums.xml",
        "sitemap-participation.xml",  # questions and answers, drafts (participation/)
        "sitemap-about.xml",  # introduction pages, leaders (about/)
        "sitemap-schedule.xml",  # the work schedule's weeks (schedule/)
        "sitemap-documents.xml",  # the register and the disclosure sections (documents/)
    }
    urlset_schema = schema("sitemap-with-alternates.xsd")
    for section in sections:
        urlset_schema.assertValid(fetch(client, section.replace("http://testserver", "")))


def test_articles_have_lastmod_and_vi_en_alternates_with_x_default(client, site):
    urlset = fetch(client, "/sitemap-articles.xml")
    article = site["article"]
    vi = f"http://testserver/tin-tuc/{article.slug}/"
    en = f"http://testserver/en/tin-tuc/{article.slug}/"
    assert urlset.xpath("//s:url/s:loc/text()", namespaces=NS) == [vi, en]
    (url,) = urlset.xpath(f"//s:url[s:loc='{vi}']", namespaces=NS)
    assert (
        url.findtext("s:lastmod", namespaces=NS)
        == timezone.localtime(article.updated_at).date().isoformat()
    )
    links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    assert links == {"vi": vi, "en": en, "x-default": vi}


def test_drafts_and_future_articles_stay_out_of_the_sitemap(client, site):
    body = client.get("/sitemap-articles.xml").content.decode()
    assert "ban-nhap-mat" not in body and "tin-tuong-lai" not in body


def test_categories_wards_and_static_pages_are_listed(client, site):
    locs = set()
    for section in ("categories", "wards", "static"):
        locs |= set(fetch(client, f"/sitemap-{section}.xml").xpath("//s:loc/text()", namespaces=NS))
    assert f"http://testserver{site['category'].get_absolute_url()}" in locs
    assert f"http://testserver{site['ward'].get_absolute_url()}" in locs
    assert {
        "http://testserver/",
        "http://testserver/so-do-trang/",
        "http://testserver/en/so-do-trang/",
    } <= locs


def test_robots_txt_names_the_sitemap(client, site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /quan-tri/" in lines and "Disallow: /en/tim-kiem/?" in lines


def test_html_site_map_page_lists_categories_and_wards(client, site):
    response = client.get(reverse("site_map"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Sơ đồ trang - " in html
    assert f'href="{site["category"].get_absolute_url()}"' in html
    assert f'href="{site["ward"].get_absolute_url()}">Phường Vĩnh Mỹ</a>' in html
    assert 'href="/rss/"' in html
    footer = html[html.index("<footer") :]
    assert 'href="/so-do-trang/"' in footer
