import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.urls import reverse

from chaudoc.publishing.states import Status
from tests.factories import image_upload, make_article, make_category, make_ward

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def news():
    economy, culture = make_category("Kinh tế"), make_category("Văn hóa")
    nui_sam = make_ward("Núi Sam")
    covered = make_article(
        "Khánh thành chợ Châu Đốc mới",
        category=economy,
        ward=nui_sam,
        lead_vi="Chợ mới có 500 sạp.",
        cover=image_upload("cho.jpg", size=(800, 600)),
        cover_alt_vi="Toàn cảnh chợ",
        published_at=datetime(2023, 12, 29, 17, 0, tzinfo=VN),
    )
    plain = make_article(
        "Lễ hội Vía Bà Chúa Xứ",
        category=culture,
        lead_vi="Hàng vạn du khách.",
        published_at=datetime(2023, 12, 28, 8, 30, tzinfo=VN),
    )
    make_article("Bản nháp", category=economy, status=Status.DRAFT)
    make_article("Tin hẹn giờ", category=economy, published_at=datetime.now(VN) + timedelta(days=3))
    return {
        "economy": economy,
        "culture": culture,
        "ward": nui_sam,
        "covered": covered,
        "plain": plain,
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_latest_news_feed_lists_published_articles_with_leads(client, news, name):
    response, feed = parse(client, reverse(f"news:{name}"))
    assert feed.version == ("rss20" if name == "feed_rss" else "atom10")
    assert [e.title for e in feed.entries] == [
        "Khánh thành chợ Châu Đốc mới",
        "Lễ hội Vía Bà Chúa Xứ",
    ]
    first = feed.entries[0]
    assert first.summary == "Chợ mới có 500 sạp."
    assert first.link == "http://testserver" + news["covered"].get_absolute_url()
    assert "Tin mới" in feed.feed.title


def test_rss_dates_carry_the_plus_seven_offset(client, news):
    response, feed = parse(client, reverse("news:feed_rss"))
    assert feed.entries[0].published == "Fri, 29 Dec 2023 17:00:00 +0700"
    assert feed.entries[1].published == "Thu, 28 Dec 2023 08:30:00 +0700"
    assert feed.entries[0].published_parsed[:5] == (2023, 12, 29, 10, 0)  # in UTC


def test_atom_dates_carry_the_plus_seven_offset(client, news):
    response, feed = parse(client, reverse("news:feed_atom"))
    assert feed.entries[0].published == "2023-12-29T17:00:00+07:00"
    assert feed.entries[0].updated.endswith("+07:00")


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_cover_image_is_the_enclosure_with_length_and_type(client, news, name):
    response, feed = parse(client, reverse(f"news:{name}"))
    covered, plain = feed.entries
    (enclosure,) = covered.enclosures
    assert enclosure.href == "http://testserver" + news["covered"].cover.url
    assert int(enclosure.length) == news["covered"].cover.size > 0
    assert enclosure.type == "image/jpeg"
    assert plain.enclosures == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_and_ward_feeds_hold_only_their_articles(client, news, kind):
    _, feed = parse(client, reverse(f"news:category_{kind}", args=[news["culture"].slug]))
    assert [e.title for e in feed.entries] == ["Lễ hội Vía Bà Chúa Xứ"]
    assert "Văn hóa" in feed.feed.title
    _, feed = parse(client, reverse(f"news:ward_{kind}", args=[news["ward"].slug]))
    assert [e.title for e in feed.entries] == ["Khánh thành chợ Châu Đốc mới"]


def test_english_feed_uses_english_texts(client, news):
    article = news["plain"]
    article.title_en = "Lady of the Realm Festival"
    article.save()
    _, feed = parse(client, "/en/rss/")
    assert "Lady of the Realm Festival" in [e.title for e in feed.entries]
    assert "Latest news" in feed.feed.title


def test_english_feed_does_not_escape_apostrophes_twice(client, news):
    from chaudoc.portals.current import default_portal

    portal = default_portal()
    portal.governing_body_en = "People's Committee of Châu Đốc Ward"
    portal.save()
    article = news["plain"]
    article.title_en, article.lead_en = "Lady's Festival", "The ward's biggest festival."
    article.save()
    for url in ("/en/rss/", "/en/atom/"):
        response, feed = parse(client, url)
        assert b"&amp;#x27;" not in response.content and b"&#x27;" not in response.content
        summary = feed.feed.get("subtitle") or feed.feed.get("description")
        assert summary == "The latest news from People's Committee of Châu Đốc Ward."
        entry = next(e for e in feed.entries if e.title == "Lady's Festival")
        assert entry.summary == "The ward's biggest festival."


def test_feeds_page_explains_feeds_and_lists_every_category_feed(client, news):
    response = client.get("/tin-rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<h1" in html and "RSS" in html
    assert 'href="/rss/"' in html and 'href="/atom/"' in html
    for category in (news["economy"], news["culture"]):
        assert f'href="/chuyen-muc/{category.slug}/rss/"' in html
    assert "http://testserver/rss/" in html or "/rss/</code>" in html  # the address to copy
    assert client.get("/en/tin-rss/").status_code == 200


def test_unknown_category_feed_is_404(client, news):
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404


def test_feeds_are_linked_in_the_head_and_footer(client, news):
    html = client.get(reverse("home")).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    footer = html[html.index("<footer") :]
    assert 'href="/tin-rss/"' in footer  # the page explaining feeds, not the raw XML
    page = client.get(news["culture"].get_absolute_url()).content.decode()
    head = page[: page.index("</head>")]
    assert f'href="/chuyen-muc/{news["culture"].slug}/rss/"' in head


def test_markup_typed_into_a_lead_or_a_category_name_stays_text_in_feed_readers(client):
    from lxml import etree

    category = make_category("Tin <b>nóng</b>")
    make_article(
        "Tin có mã độc", category=category, lead_vi='<img src=x onerror="alert(1)"> Chợ mới'
    )
    rss = etree.fromstring(client.get(f"/chuyen-muc/{category.slug}/rss/").content)
    # Readers parse a description as HTML: it must hold the escaped text, not the markup.
    assert rss.findtext("channel/item/description") == (
        '&lt;img src=x onerror="alert(1)"&gt; Chợ mới'
    )
    assert "&lt;b&gt;nóng&lt;/b&gt;" in rss.findtext("channel/description")
    atom = feedparser.parse(client.get(f"/chuyen-muc/{category.slug}/atom/").content)
    # Atom declares its summaries html (escaped likewise) and its subtitle text (left plain).
    assert atom.entries[0].summary == '&lt;img src=x onerror="alert(1)"&gt; Chợ mới'
    assert atom.feed.subtitle_detail.type == "text/plain"
    assert "Tin <b>nóng</b>" in atom.feed.subtitle


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_titles_and_categories_reach_feed_readers_as_plain_text(client, kind):
    category = make_category("<i>Thời sự</i>")
    ward = make_ward("<u>Vĩnh Mỹ</u>")
    make_article(
        '<b>Lũ</b> & "mưa"',
        category=category,
        ward=ward,
        published_at=datetime(2023, 12, 29, 17, 0, tzinfo=VN),
    )
    response, feed = parse(client, reverse(f"news:category_{kind}", args=[category.slug]))
    entry = feed.entries[0]
    # feedparser, like readers that render titles as HTML, would turn markup in them into HTML.
    assert entry.title == 'Lũ & "mưa"'
    assert entry.title_detail.type == "text/plain"
    assert [tag.term for tag in entry.tags] == ["Thời sự", "Phường Vĩnh Mỹ"]
    assert feed.feed.title.startswith("Thời sự - ")
    # The raw XML: the title escaped once for XML, no tag left in any title or category (the
    # descriptions, HTML by definition, keep the escaped text: see the test above).
    raw = response.content.decode()
    assert '<title>Lũ &amp; "mưa"</title>' in raw
    titles = re.findall(r"<title>(.*?)</title>|<category[^>]*>(.*?)</category>|term=\"(.*?)\"", raw)
    for found in titles:
        text = "".join(found)
        assert "&lt;" not in text and "<" not in text, text
