import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_vietnamese_is_unprefixed_and_default(client):
    article = make_article("Tin tiếng Việt")
    assert article.get_absolute_url().startswith("/tin-tuc/")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi">' in html
    assert "Trang chủ" in html
    assert "Chào mừng đến với Trang Thông tin điện tử thành phố Châu Đốc" in html


def test_english_page_of_translated_article_shows_english_title(client):
    article = make_article("Hội nghị giảm nghèo", title_en="Poverty reduction conference",
                           lead_en="English lead", body_en="<p>English body</p>")
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
