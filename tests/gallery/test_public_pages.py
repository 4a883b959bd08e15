"""What readers see: the album list, an album page, the home block, an article's album, search
and sitemaps. Only Album.objects.published() reaches them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from chaudoc.media.images import renditions_at_once
from chaudoc.publishing.states import Status
from gallery.models import Photo
from gallery.views import ALBUMS_PER_PAGE, PHOTOS_PER_PAGE
from tests.factories import NOW, image_upload, make_album, make_article

pytestmark = pytest.mark.django_db


def has(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


GRID = f"//ul[{has('photo-grid')}]"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def album(settings):
    album = make_album("Trao quà Tết cho hộ nghèo", photos=0, title_en="Tết gifts")
    with renditions_at_once():
        _photos(album)
    album.photos_changed()
    album.refresh_from_db()
    return album


def _photos(album):
    Photo.from_upload(
        album,
        image_upload("a.jpg", size=(2000, 1500)),
        order=1,
        caption_vi="Trao quà tận nhà",
        caption_en="Gifts at the door",
        credit="Minh Tâm",
    )
    for n in range(2, 7):
        Photo.from_upload(
            album, image_upload(f"{n}.jpg", size=(1200, 900)), order=n, caption_vi=f"Ảnh số {n}"
        )
    return album


def test_album_page_offers_webp_and_jpeg_candidates_with_widths(client, album):
    tree = lxml_html.fromstring(page(client, album.get_absolute_url()))
    first = tree.xpath(f"{GRID}//picture")[0]
    (webp,) = first.xpath("source[@type='image/webp']")
    (img,) = first.xpath(".//img")  # (lxml nests it in the void <source>)
    widths = ["320w", "480w", "640w", "1024w", "1600w"]
    assert [c.split()[1] for c in webp.get("srcset").split(", ")] == widths
    assert [c.split()[1] for c in img.get("srcset").split(", ")] == widths
    assert all(c.split()[0].endswith(".webp") for c in webp.get("srcset").split(", "))
    assert all(c.split()[0].endswith(".jpg") for c in img.get("srcset").split(", "))
    assert img.get("sizes") == webp.get("sizes") and "48vw" in img.get("sizes")
    assert (img.get("width"), img.get("height")) == ("640", "480")
    assert img.get("alt") == "Trao quà tận nhà"


def test_photos_below_the_fold_load_lazily(client, album):
    tree = lxml_html.fromstring(page(client, album.get_absolute_url()))
    loading = [img.get("loading") for img in tree.xpath(f"{GRID}//img")]
    assert loading == [None] * 4 + ["lazy"] * 2
    assert all(img.get("width") and img.get("height") for img in tree.xpath("//img"))


def test_without_javascript_each_photo_links_to_its_large_rendition(client, album, settings):
    from PIL import Image

    tree = lxml_html.fromstring(page(client, album.get_absolute_url()))
    links = tree.xpath(f"{GRID}//a[{has('photo-link')}]")
    assert len(links) == 6
    first = links[0].get("href")
    assert first == album.photos.first().large.url
    with Image.open(settings.MEDIA_ROOT / first.removeprefix(settings.MEDIA_URL)) as img:
        assert img.size == (1600, 1200) and img.format == "JPEG"
    # The lightbox is in the one deferred script; before it only the tiny blocking prefs.js
    # (remembered text size and contrast). No inline script, nothing from elsewhere.
    scripts = tree.xpath("//script")
    assert all(
        s.get("src", "").startswith(settings.STATIC_URL) and not (s.text or "").strip()
        for s in scripts
    )
    assert [(s.get("src").rsplit("/", 1)[1], s.get("defer") is not None) for s in scripts] == [
        ("prefs.js", False),
        ("portal.js", True),
    ]
    assert len(tree.xpath("//link[@rel='stylesheet']")) == 1


def test_captions_and_credit_are_shown_under_the_photos(client, album):
    html = page(client, album.get_absolute_url())
    assert "Trao quà tận nhà" in html and "(Ảnh: Minh Tâm)" in html


def test_english_page_shows_english_captions_and_marks_vietnamese_fallbacks(client, album):
    tree = lxml_html.fromstring(page(client, "/en" + album.get_absolute_url()))
    captions = tree.xpath(f"{GRID}//figcaption")
    assert captions[0].text_content().startswith("Gifts at the door")
    assert captions[0].get("lang") is None
    assert captions[1].text_content().strip() == "Ảnh số 2"
    assert captions[1].get("lang") == "vi"
    assert tree.xpath("//h1")[0].text_content() == "Tết gifts"


def test_rendering_a_page_never_makes_a_rendition(client, album, settings):
    photo = album.photos.first()
    missing = photo.webp_320
    (settings.MEDIA_ROOT / missing.name).unlink()
    html = page(client, album.get_absolute_url())
    assert missing.url in html  # the URL is computed, the file is neither checked nor made
    assert not (settings.MEDIA_ROOT / missing.name).exists()


@pytest.mark.parametrize(
    "status, when, code",
    [
        (Status.DRAFT, -1, 404),
        (Status.PENDING, -1, 404),
        (Status.REJECTED, -1, 404),
        (Status.PUBLISHED, +1, 404),
        (Status.WITHDRAWN, -1, 410),
    ],
)
def test_only_published_albums_are_public(client, status, when, code):
    album = make_album(
        "Album ẩn",
        status=status,
        published_at=timezone.now() + timedelta(days=when),
        status_reason="Ảnh chưa xin phép",
    )
    html = page(client, album.get_absolute_url(), status=code)
    if code == 410:
        assert "Ảnh chưa xin phép" in html
    assert "Album ẩn" not in page(client, "/hinh-anh/")


def test_trashed_and_expired_albums_are_not_public(client):
    trashed = make_album("Trong thùng rác", deleted_at=NOW)
    expired = make_album("Hết hạn", expires_at=timezone.now() - timedelta(hours=1))
    for album in (trashed, expired):
        page(client, album.get_absolute_url(), status=404)


def test_album_list_paginates_newest_first(client):
    for n in range(ALBUMS_PER_PAGE + 2):
        make_album(
            f"Album số {n:02d}", photos=0, published_at=timezone.now() - timedelta(hours=n + 1)
        )
    first = lxml_html.fromstring(page(client, "/hinh-anh/"))
    cards = f"//*[{has('album-card')}]//*[{has('card-title')}]/a"
    titles = [a.text_content() for a in first.xpath(cards)]
    assert titles[:2] == ["Album số 00", "Album số 01"] and len(titles) == ALBUMS_PER_PAGE
    second = page(client, "/hinh-anh/?page=2")
    assert "Album số 13" in second and "Trang 2 / 2" in second
    page(client, "/hinh-anh/?page=xyz", status=404)  # as the articles' lists: not an error


def test_album_list_cards_show_the_cover_and_the_photo_count(client, album):
    tree = lxml_html.fromstring(page(client, "/hinh-anh/"))
    (card,) = tree.xpath(f"//*[{has('album-card')}]")
    assert "6 ảnh" in card.text_content()
    cover = card.xpath(".//picture//img")[0].get("src")
    assert cover == album.cover.thumb.url and album.cover == album.photos.first()


def test_long_albums_are_paged(client, settings):
    from gallery.models import Photo as PhotoModel

    album = make_album("Album dài")
    source = PhotoModel.from_upload(album, image_upload())
    PhotoModel.objects.bulk_create(
        [
            PhotoModel(album=album, image=source.image.name, width=64, height=48, order=n)
            for n in range(2, PHOTOS_PER_PAGE + 5)
        ]
    )
    first = lxml_html.fromstring(page(client, album.get_absolute_url()))
    assert len(first.xpath(f"{GRID}/li")) == PHOTOS_PER_PAGE
    second = lxml_html.fromstring(page(client, album.get_absolute_url() + "?page=2"))
    assert len(second.xpath(f"{GRID}/li")) == 4
    assert "Ảnh 52: Album dài" in second.xpath("//main//img")[-1].get("alt")


def test_home_block_shows_the_latest_albums_with_a_link_to_all(client, album):
    make_album("Album nháp", status=Status.DRAFT, photos=1)
    make_album("Album không ảnh")  # nothing to show on the home page
    tree = lxml_html.fromstring(page(client, "/"))
    (block,) = tree.xpath(f"//*[{has('gallery-block')}]")
    assert block.xpath(".//h2")[0].text_content().strip() == "Hình ảnh hoạt động"
    titles = [t.text_content() for t in block.xpath(f".//*[{has('gallery-block-title')}]")]
    assert titles == ["Trao quà Tết cho hộ nghèo"]
    assert block.xpath(".//a")[-1].get("href") == "/hinh-anh/"
    assert block.xpath(".//img")[0].get("loading") == "lazy"


def test_article_page_shows_its_published_album(client, album):
    article = make_article("Trao quà Tết", album=album)
    tree = lxml_html.fromstring(page(client, article.get_absolute_url()))
    (section,) = tree.xpath(f"//*[{has('article-album')}]")
    assert section.xpath(".//h2/a")[0].get("href") == album.get_absolute_url()
    assert len(section.xpath(".//img")) == 6


def test_article_page_hides_an_album_readers_may_not_see(client):
    draft = make_album("Album nháp", status=Status.DRAFT, photos=1)
    article = make_article("Tin có album nháp", album=draft)
    assert "article-album" not in page(client, article.get_absolute_url())


def test_search_finds_albums_without_tone_marks_and_by_caption(client, album):
    html = page(client, "/tim-kiem/?q=trao+qua+tet")
    assert album.get_absolute_url() in html and "Album" in html
    assert album.get_absolute_url() in page(client, "/tim-kiem/?q=tan+nha")  # a caption
    draft = make_album("Trao quà bí mật", status=Status.DRAFT)
    assert draft.get_absolute_url() not in page(client, "/tim-kiem/?q=bi+mat")


def test_albums_are_in_the_sitemap_and_the_site_map_page(client, album):
    xml = page(client, "/sitemap-albums.xml")
    assert f"http://testserver{album.get_absolute_url()}" in xml
    assert "http://testserver/en/hinh-anh/" in xml
    assert "Trao quà Tết cho hộ nghèo" in page(client, "/so-do-trang/")


def test_staff_preview_an_unpublished_album(client, album, moderator):
    album.status = Status.PENDING
    album.save()
    client.force_login(moderator)
    response = client.get(f"/xem-truoc/hinh-anh/{album.pk}/")
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
    client.logout()
    assert client.get(f"/xem-truoc/hinh-anh/{album.pk}/").status_code == 404
