import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from news.models import Article
from tests.factories import make_article, make_category, make_ward

pytestmark = pytest.mark.django_db


def test_vietnamese_is_unprefixed_and_default(client):
    article = make_article("Tin tiếng Việt")
    assert article.get_absolute_url().startswith("/tin-tuc/")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi">' in html
    assert "Trang chủ" in html
    assert "Chào mừng đến với Trang Thông tin điện tử thành phố Châu Đốc" in html


def test_english_page_of_translated_article_shows_english_title(client):
    article = make_article(
        "Hội nghị giảm nghèo",
        title_en="Poverty reduction conference",
        lead_en="English lead",
        body_en="<p>English body</p>",
    )
    html = client.get("/en" + article.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Poverty reduction conference</h1>" in html
    assert "English body" in html
    assert "not been translated" not in html


def test_english_page_of_untranslated_article_shows_vietnamese_with_notice(client):
    article = make_article("Tin chỉ có tiếng Việt", body_vi="<p>Nội dung tiếng Việt</p>")
    html = client.get("/en" + article.get_absolute_url()).content.decode()
    assert "<h1>Tin chỉ có tiếng Việt</h1>" in html
    assert "Nội dung tiếng Việt" in html
    assert "has not been translated into English yet" in html
    assert '<article class="article" lang="vi">' in html


def test_language_switcher_keeps_the_reader_on_the_same_article(client):
    article = make_article("Bài có hai thứ tiếng", title_en="A bilingual article")
    url = article.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'href="/en{url}" hreflang="en"' in html
    html_en = client.get("/en" + url).content.decode()
    assert f'href="{url}" hreflang="vi"' in html_en


# English lists, the language switcher, dates and numbers ------------------------------------


@pytest.fixture
def two_articles():
    category, ward = make_category("Kinh tế", name_en="Economy"), make_ward("Núi Sam")
    both = make_article(
        "Giảm nghèo bền vững hai thứ tiếng",
        category=category,
        ward=ward,
        title_en="Sustainable poverty reduction in English",
        lead_en="Giảm nghèo bền vững: sustainable poverty reduction.",
        body_en="<p>Body</p>",
    )
    vietnamese = make_article("Giảm nghèo bền vững chỉ tiếng Việt", category=category, ward=ward)
    return {"category": category, "ward": ward, "both": both, "vi": vietnamese}


def _lists(two_articles):
    return {
        "home": "/",
        "category": two_articles["category"].get_absolute_url(),
        "ward": two_articles["ward"].get_absolute_url(),
        "search": "/tim-kiem/?q=giam+ngheo",
        "rss": "/rss/",
        "atom": "/atom/",
        "category feed": f"/chuyen-muc/{two_articles['category'].slug}/rss/",
    }


@pytest.mark.parametrize(
    "page", ["home", "category", "ward", "search", "rss", "atom", "category feed"]
)
def test_english_lists_leave_out_articles_without_an_english_title(client, two_articles, page):
    url = _lists(two_articles)[page]
    english = client.get("/en" + url).content.decode()
    assert "Sustainable poverty reduction in English" in english
    assert "chỉ tiếng Việt" not in english
    vietnamese = client.get(url).content.decode()
    assert "hai thứ tiếng" in vietnamese  # (search marks the words it found)
    assert "chỉ tiếng Việt" in vietnamese


def test_related_news_in_english_lists_only_english_articles(client, two_articles):
    third = make_article("Tin thứ ba", category=two_articles["category"], title_en="Third")
    html = client.get("/en" + third.get_absolute_url()).content.decode()
    assert "Sustainable poverty reduction in English" in html
    assert "chỉ tiếng Việt" not in html


def test_english_sitemap_lists_an_article_only_when_it_has_an_english_title(client, two_articles):
    xml = etree.fromstring(client.get("/sitemap-articles.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in xml.findall("s:url/s:loc", ns)]
    both, vi_only = two_articles["both"].get_absolute_url(), two_articles["vi"].get_absolute_url()
    assert sum(loc.endswith(both) for loc in locs) == 2  # /... and /en/...
    assert [loc for loc in locs if loc.endswith(vi_only)] == [f"http://testserver{vi_only}"]


def test_one_rule_decides_what_each_language_lists(two_articles):
    published = Article.objects.published()
    assert set(published.for_language("vi")) == {two_articles["both"], two_articles["vi"]}
    assert set(published.for_language("en")) == {two_articles["both"]}
    Article.objects.filter(pk=two_articles["vi"].pk).update(title_en="")
    assert set(published.for_language("en")) == {two_articles["both"]}


def test_untranslated_english_article_is_canonical_in_vietnamese_without_hreflang(client):
    article = make_article("Chỉ có tiếng Việt")
    url = article.get_absolute_url()
    html = client.get("/en" + url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert 'hreflang="en" href' not in html


def _switcher_targets(html):
    nav = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    return {code: url for url, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)}


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize(
    "page",
    [
        "home",
        "translated article",
        "untranslated article",
        "category",
        "ward",
        "search",
        "site map",
        "weather",
        "not found",
        "missing article",
    ],
)
def test_language_switcher_never_leads_to_a_404(client, two_articles, language, page):
    url = {
        "home": "/",
        "translated article": two_articles["both"].get_absolute_url(),
        "untranslated article": two_articles["vi"].get_absolute_url(),
        "category": two_articles["category"].get_absolute_url(),
        "ward": two_articles["ward"].get_absolute_url(),
        "search": "/tim-kiem/?q=giam+ngheo",
        "site map": "/so-do-trang/",
        "weather": "/thoi-tiet/",
        "not found": "/khong-co-trang-nay/",
        "missing article": "/tin-tuc/khong-co-bai-nay/",
    }[page]
    response = client.get(language + url)
    assert response.status_code == (404 if page in ("not found", "missing article") else 200)
    targets = _switcher_targets(response.content.decode())
    assert set(targets) == {"vi", "en"}
    for code, target in targets.items():
        assert client.get(target).status_code == 200, (code, target)
        assert target.startswith("/en/") == (code == "en")


def test_dates_and_numbers_follow_each_language(client):
    published = datetime(2023, 12, 29, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    article = make_article(
        "Ngày giờ và con số",
        title_en="Dates and numbers",
        published_at=published,
        view_count=1234567,
    )
    vi = client.get(article.get_absolute_url()).content.decode()
    en = client.get("/en" + article.get_absolute_url()).content.decode()
    assert "Thứ Sáu, 29/12/2023 - 17:00" in vi and "Lượt xem: 1.234.567" in vi
    assert "Friday, 29/12/2023 - 17:00" in en and "Views: 1,234,567" in en
    assert 'datetime="2023-12-29T17:00:00+07:00"' in vi
    home_vi, home_en = client.get("/").content.decode(), client.get("/en/").content.decode()
    assert ">29/12/2023</time>" in home_vi and ">29/12/2023</time>" in home_en
