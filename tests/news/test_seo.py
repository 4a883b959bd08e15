import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from PIL import Image

from tests.factories import image_upload, make_article, make_category, make_staff, make_ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    author = make_staff("phongvien", first_name="Lan", last_name="Nguyễn Thị")
    return make_article(
        "Hội nghị </script><script>alert(1)</script> giảm nghèo",
        author=author,
        title_en="Poverty reduction conference",
        lead_vi='Tóm tắt có "ngoặc kép" & ký tự <b>lạ</b>.',
        cover=image_upload("bia.jpg", size=(1600, 1000)),
        cover_alt_vi="Quang cảnh hội nghị",
        published_at=datetime(2023, 12, 29, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content).head


def meta(head, prop):
    found = head.xpath(f'meta[@property="{prop}"]/@content | meta[@name="{prop}"]/@content')
    return found[0] if found else None


@pytest.mark.parametrize("page", ["home", "category", "ward", "article", "search", "site_map"])
def test_every_page_has_title_description_canonical_and_hreflang(client, article, page):
    ward = make_ward("Núi Sam")
    urls = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "ward": ward.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": reverse("search"),
        "site_map": reverse("site_map"),
    }
    path = urls[page]
    head = head_of(client, path)
    title = head.findtext("title")
    assert title and (page == "home" or title != "Trang Thông tin điện tử thành phố Châu Đốc")
    assert meta(head, "description")
    assert head.xpath('link[@rel="canonical"]/@href') == [f"http://testserver{path}"]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in head.xpath('link[@rel="alternate"][@hreflang]')
    }
    assert alternates == {
        "vi": f"http://testserver{path}",
        "en": f"http://testserver/en{path}",
        "x-default": f"http://testserver{path}",
    }


def test_pages_have_titles_of_their_own(client, article):
    titles = {
        head_of(client, url).findtext("title")
        for url in (
            "/",
            article.category.get_absolute_url(),
            article.get_absolute_url(),
            reverse("search"),
            reverse("site_map"),
        )
    }
    assert len(titles) == 5


def test_canonical_drops_tracking_parameters_but_keeps_the_page(client, article):
    for n in range(12):
        make_article(f"Tin số {n}", category=article.category)
    url = article.category.get_absolute_url()
    head = head_of(client, url + "?utm_source=zalo&page=2")
    assert head.xpath('link[@rel="canonical"]/@href') == [f"http://testserver{url}?page=2"]


def test_article_has_open_graph_with_a_1200x630_rendition(client, article):
    head = head_of(client, article.get_absolute_url())
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == article.title
    assert meta(head, "og:description") == article.lead
    assert meta(head, "og:url") == f"http://testserver{article.get_absolute_url()}"
    assert meta(head, "og:locale") == "vi_VN"
    assert meta(head, "og:locale:alternate") == "en_US"
    name = article.cover_og.name
    assert meta(head, "og:image") == f"http://testserver{default_storage.url(name)}"
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "630")
    with default_storage.open(name) as stored, Image.open(stored) as img:
        assert img.size == (1200, 630) and img.format == "JPEG"
    english = head_of(client, "/en" + article.get_absolute_url())
    assert meta(english, "og:locale") == "en_US"


def test_rendition_is_made_on_save_not_in_the_readers_request(client, article, monkeypatch):
    import chaudoc.media.images

    assert default_storage.exists(article.cover_og.name)
    monkeypatch.setattr(chaudoc.media.images.Image, "open", None)  # any decoding now would fail
    assert client.get(article.get_absolute_url()).status_code == 200


def test_json_ld_news_article_parses_with_required_properties(client, article):
    response = client.get(article.get_absolute_url())
    page = lxml_html.fromstring(response.content)
    (script,) = page.xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2023-12-29T17:00:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["image"] == [page.head.xpath('meta[@property="og:image"]/@content')[0]]
    assert data["author"] == {"@type": "Person", "name": "Lan Nguyễn Thị"}
    assert data["publisher"]["name"] == "UBND thành phố Châu Đốc"


def test_article_text_cannot_break_out_of_the_json_ld_block(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script" not in block.lower() and "<" not in block
    assert "<script>alert(1)</script>" not in html


def test_article_offers_print_save_and_share_without_third_party_scripts(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    page = lxml_html.fromstring(html)
    assert "In bài viết" in html and "Lưu bài viết" in html
    url = f"http://testserver{article.get_absolute_url()}"
    shares = page.xpath('//ul[@class="share"]//a/@href')
    assert any(
        h.startswith("https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F") for h in shares
    )
    assert any(h.startswith("https://sp.zalo.me/share_to?url=") for h in shares)
    assert page.xpath("//button[@data-copy-link]/@data-copy-link") == [url]
    scripts = page.xpath("//script")
    assert all(
        s.get("src", "").startswith("/static/") or s.get("type") == "application/ld+json"
        for s in scripts
    )
    assert all(not (s.text or "").strip() for s in scripts if s.get("src"))
    source = page.xpath('//p[contains(@class, "print-source")]')[0].text_content()
    assert url in source and "Thứ Sáu, 29/12/2023" in source


def test_article_shows_its_view_count(client, article):
    type(article).objects.filter(pk=article.pk).update(view_count=1234)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Lượt xem: 1.234" in html


def test_search_result_pages_are_not_indexed(client, article):
    head = head_of(client, reverse("search") + "?q=giam+ngheo")
    assert meta(head, "robots") == "noindex, follow"
    assert meta(head_of(client, reverse("search")), "robots") is None


def test_header_has_an_accessible_search_form(client):
    page = lxml_html.fromstring(client.get("/").content)
    (form,) = page.xpath('//header//form[@role="search"]')
    assert form.get("action") == reverse("search")
    (field,) = form.xpath('.//input[@type="search"][@name="q"]')
    assert form.xpath(f'.//label[@for="{field.get("id")}"]')[0].text_content().strip()
    assert form.xpath('.//button[@type="submit"]')


def test_article_category_links_are_unchanged_for_a_future_article(client):
    category = make_category("Thông báo")
    make_article("Tin sắp đăng", category=category, published_at=timezone.now() + timedelta(days=1))
    assert client.get(category.get_absolute_url()).status_code == 200
