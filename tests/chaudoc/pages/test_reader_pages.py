"""What every public page gives every reader, as served: reading options, landmarks, one h1,
form errors tied to their fields, light images (WebP renditions with srcset, lazy body images).
The browser checks (axe-core, the Nu HTML Checker, 200 % text) are in tests/e2e/test_standards.py.
"""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import Http404
from lxml import html as lxml_html
from PIL import Image

from chaudoc.media.images import RENDITION_WIDTHS
from chaudoc.pages.views import media
from tests.factories import image_upload, make_article, make_ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(
        "Ảnh bìa và ảnh trong bài",
        title_en="Cover and body pictures",
        cover=image_upload("bia.jpg", size=(1600, 1000)),
        cover_alt_vi="Quang cảnh hội nghị",
        body_vi='<p>Mở đầu.</p><figure><img src="/media/editor/a.jpg" alt="Ảnh trong bài" '
        'width="1200" height="800" loading="eager"></figure>',
    )


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return lxml_html.fromstring(response.content)


def urls(article):
    from tests.factories import make_album

    ward = make_ward("Núi Sam")
    album = make_album("Trao quà Tết", photos=1)
    return {
        "albums": "/hinh-anh/",
        "album": album.get_absolute_url(),
        "home": "/",
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "ward": ward.get_absolute_url(),
        "search": "/tim-kiem/?q=anh+bia",
        "site map": "/so-do-trang/",
        "weather": "/thoi-tiet/",
    }


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_page_has_skip_link_landmarks_one_h1_and_reading_options(client, article, language):
    for name, url in urls(article).items():
        doc = page(client, language + url)
        assert doc.xpath("//body/a[1]/@href") == ["#main"], name
        assert len(doc.xpath("//main[@id='main']")) == 1, name
        assert doc.xpath("//header") and doc.xpath("//footer") and doc.xpath("//nav"), name
        assert len(doc.xpath("//h1")) == 1, name
        buttons = doc.xpath("//*[@class='reader-tools']//button")
        assert [b.text_content().split(" (")[0] for b in buttons[:2]] == ["A-", "A+"], name
        assert buttons[2].get("aria-pressed") == "false", name
        assert all(img.get("alt") is not None for img in doc.xpath("//img")), name


def test_reading_options_are_named_in_the_readers_language(client):
    vi, en = page(client, "/"), page(client, "/en/")
    names = "//*[@class='reader-tools']//button"
    assert [b.text_content() for b in vi.xpath(names)] == [
        "A- (chữ nhỏ hơn)",
        "A+ (chữ lớn hơn)",
        "Tương phản cao",
    ]
    assert [b.text_content() for b in en.xpath(names)] == [
        "A- (smaller text)",
        "A+ (larger text)",
        "High contrast",
    ]


def test_pages_load_one_stylesheet_one_deferred_script_and_no_inline_script(client, article):
    """No inline script (the CSP forbids them) and nothing from elsewhere: the deferred
    portal.js, plus the tiny render-blocking prefs.js in <head> that applies the reader's
    remembered text size and contrast before the first paint."""
    for url in urls(article).values():
        doc = page(client, url)
        assert len(doc.xpath("//link[@rel='stylesheet']")) == 1
        scripts = doc.xpath("//script[not(@type='application/ld+json')]")
        assert all(s.get("src", "").startswith(settings.STATIC_URL) for s in scripts), url
        assert not any((s.text or "").strip() for s in scripts), url
        assert [script_loading(s) for s in scripts] == [
            ("prefs.js", "blocking"),
            ("portal.js", "defer"),
        ], url
        assert doc.xpath("//head/script[contains(@src, '/prefs.js')]"), url
        assert doc.xpath("//link[@rel='icon']/@href")


def script_loading(script):
    """("name.js", "defer" | "async" | "blocking") of a <script src>."""
    name = script.get("src").rsplit("/", 1)[1]
    if script.get("defer") is not None:
        return name, "defer"
    return name, "async" if script.get("async") is not None else "blocking"


def test_the_render_blocking_prefs_script_stays_tiny():
    with open(finders.find("js/prefs.js"), "rb") as source:
        assert len(source.read()) < 1024


def test_search_form_ties_errors_and_hint_to_their_fields(client):
    doc = page(client, "/tim-kiem/?q=giam+ngheo&date_from=2024-05-01&date_to=2024-01-01")
    field = doc.get_element_by_id("id_date_to")
    assert field.get("aria-invalid") == "true"
    (error,) = [doc.get_element_by_id(i) for i in field.get("aria-describedby").split()]
    assert "trước ngày bắt đầu" in error.text_content()
    query = doc.get_element_by_id("id_q")
    hint = doc.get_element_by_id(query.get("aria-describedby"))
    assert "giam ngheo" in hint.text_content()


def test_covers_offer_webp_renditions_made_on_save(client, article):
    for width in RENDITION_WIDTHS:
        with default_storage.open(getattr(article, f"cover_webp_{width}").name) as stored:
            with Image.open(stored) as img:
                assert img.format == "WEBP" and img.size == (width, round(1000 * width / 1600))
    doc = page(client, article.get_absolute_url())
    (source,) = doc.xpath("//figure[@class='cover']/picture/source")
    assert source.get("type") == "image/webp"
    assert [c.split()[1] for c in source.get("srcset").split(", ")] == [
        "320w",
        "480w",
        "640w",
        "1024w",
        "1600w",
    ]
    assert source.get("sizes")
    (img,) = doc.xpath("//figure[@class='cover']//img")  # (lxml nests it in <source>)
    assert (img.get("width"), img.get("height")) == ("1600", "1000")
    assert img.get("src") == article.cover.url  # the original, for browsers without WebP


def test_a_small_cover_gets_no_rendition_wider_than_itself(client):
    small = make_article(
        "Ảnh nhỏ", cover=image_upload("nho.jpg", size=(600, 400)), cover_alt_vi="Ảnh nhỏ"
    )
    doc = page(client, small.get_absolute_url())
    (source,) = doc.xpath("//figure[@class='cover']/picture/source")
    assert [c.split()[1] for c in source.get("srcset").split(", ")] == ["320w", "480w", "600w"]


def test_list_images_are_lazy_after_the_first_and_body_images_are_lazy(client, article):
    make_article(
        "Bài thứ hai",
        category=article.category,
        title_en="Second",
        cover=image_upload("hai.jpg", size=(900, 600)),
        cover_alt_vi="Ảnh hai",
    )
    listing = page(client, article.category.get_absolute_url())
    loading = [img.get("loading") for img in listing.xpath("//main//img")]
    assert loading == [None, "lazy"]  # the first may be the largest paint: it loads at once
    doc = page(client, article.get_absolute_url())
    (body_img,) = doc.xpath("//div[@class='body']//img")
    assert body_img.get("loading") == "lazy" and body_img.get("decoding") == "async"
    assert doc.xpath("//figure[@class='cover']//img/@loading") == []


def test_a_media_path_too_long_for_the_file_system_is_not_found(rf, tmp_path):
    """`make run` serves uploads through Django: a path the file system refuses (ENAMETOOLONG)
    was a 500; it is a 404, like any missing file."""
    (tmp_path / "anh.jpg").write_bytes(b"\xff\xd8\xff")
    assert media(rf.get("/media/anh.jpg"), "anh.jpg", document_root=tmp_path).status_code == 200
    with pytest.raises(Http404):
        media(rf.get("/media/x"), "giảm nghèo " * 1000, document_root=tmp_path)
