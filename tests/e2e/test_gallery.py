"""An album in Chromium: what a phone downloads, and the lightbox walked with the keyboard,
by touch, and checked by axe-core."""

from pathlib import Path

import pytest
from PIL import Image

from tests.e2e.checks import axe_violations, describe
from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

ALBUM = "/hinh-anh/hoi-nghi-tong-ket-giam-ngheo-ben-vung-2023/"


def _large_photo():
    """A large photo too, so the page offers every width up to 1600 px."""
    from django.core.files.base import ContentFile

    from chaudoc.media.images import renditions_at_once
    from gallery.demo import demo_photo
    from gallery.models import Album
    from gallery.uploads import add_photos

    album = Album.objects.get(slug=ALBUM.split("/")[2])
    with renditions_at_once():  # part of the demo as loaded: its renditions are made
        add_photos(album, [ContentFile(demo_photo(7, size=(2400, 1800)), name="lon.jpg")])


# Every test here only reads the demo: one worker loads it once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
demo, live_url, _media_in_tmp = shared_demo_fixtures(
    _large_photo, ROOT_URLCONF="tests.e2e.media_urls"
)


@pytest.fixture
def axe_context(browser):
    context = browser.new_context(bypass_csp=True, has_touch=True)
    yield context
    context.close()


def fetched_widths(settings, urls):
    """{url: width} of the media images the browser asked for, read from the files."""
    widths = {}
    for url in urls:
        path = Path(settings.MEDIA_ROOT) / url.split("/media/", 1)[1]
        with Image.open(path) as img:
            widths[url] = img.width
    return widths


def test_phone_loads_only_small_webp_renditions(demo, live_url, page, settings, shot):
    page.set_viewport_size(PHONE)
    requested = []
    page.on("request", lambda r: requested.append(r.url) if "/media/" in r.url else None)
    page.goto(live_url + ALBUM)
    for _ in range(8):  # scroll down, as a reader does, so lazy photos load
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(150)
    page.wait_for_load_state("networkidle")
    shot(page, "album-phone")
    root = "document.documentElement"
    assert page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")  # nothing sticks out
    page.locator("a.photo-link").first.click()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    shot(page, "lightbox-phone")
    widths = fetched_widths(settings, requested)
    assert len(widths) >= 7, requested  # every thumbnail, and the lightbox's photos
    assert all(url.endswith(".webp") for url in widths), widths  # Chromium takes WebP
    assert max(widths.values()) <= 1024, widths


def test_lightbox_walked_with_the_keyboard_and_closed(demo, live_url, axe_context, settings, shot):
    page = axe_context.new_page()
    page.set_viewport_size(DESKTOP)
    page.goto(live_url + ALBUM)
    shot(page, "1-album")
    violations = axe_violations(page)
    assert not violations, describe(violations)

    first = page.locator("a.photo-link").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert page.inner_text(".lightbox-counter") == "Ảnh 1 / 7"
    assert page.inner_text("#lightbox-caption").startswith("Quang cảnh hội nghị")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.wait_for_function("document.querySelector('.lightbox img').complete")
    shot(page, "2-lightbox-first")
    violations = axe_violations(page)  # with the dialog open too
    assert not [v for v in violations if v["impact"] in ("serious", "critical")], describe(
        violations
    )

    page.keyboard.press("ArrowRight")
    assert page.inner_text(".lightbox-counter") == "Ảnh 2 / 7"
    assert page.inner_text("#lightbox-caption").startswith("Lãnh đạo thành phố")
    shot(page, "3-lightbox-next")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.inner_text(".lightbox-counter") == "Ảnh 7 / 7"  # round the album
    for _ in range(5):  # focus stays inside the open dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog.lightbox') !== null")
    assert page.get_attribute("#lightbox-caption", "aria-live") == "polite"

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement === document.querySelector('a.photo-link')")
    shot(page, "4-closed")


def test_lightbox_follows_a_swipe(demo, live_url, axe_context):
    page = axe_context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(live_url + ALBUM)
    page.locator("a.photo-link").first.click()
    cdp = page.context.new_cdp_session(page)

    def swipe(start, end):
        for kind, x in (
            ("touchStart", start),
            ("touchMove", (start + end) // 2),
            ("touchEnd", end),
        ):
            points = [] if kind == "touchEnd" else [{"x": x, "y": 400}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
        page.wait_for_timeout(200)

    def counter():
        return page.evaluate("document.querySelector('.lightbox-counter')?.textContent") or page.url

    swipe(300, 80)  # right to left: the next photo
    assert counter() == "Ảnh 2 / 7"
    swipe(80, 300)
    assert counter() == "Ảnh 1 / 7"
