"""A resident's walk through the real pages, as they would click them, on a desktop (1280 px)
and on a phone (390 px): from the home page to a document found by its number, its PDF
downloaded, then this week's work schedule through the menu, and a leader's biography through
the introduction's leaders page. Each step is saved under test-artifacts/<test>/."""

import datetime

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
# Production's DEBUG; the uploaded photos served as a web server would.
demo, live_url, _media_in_tmp = shared_demo_fixtures(
    DEBUG=False, ROOT_URLCONF="tests.e2e.media_urls"
)


def fits(page):
    """Nothing wider than the window: no sideways scrolling on a phone."""
    root = "document.documentElement"
    return page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")


def menu_in_sight(page):
    """Every entry of the main menu inside the window: none to find by swiping sideways."""
    return page.evaluate(
        "[...document.querySelectorAll('.main-nav .menu > ul > li > a')]"
        ".every(a => { const r = a.getBoundingClientRect();"
        " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; })"
    )


def menu(page, name):
    return page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name=name, exact=True
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_resident_walks_to_a_document_its_pdf_the_schedule_and_a_leader(
    demo, live_url, page, shot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "125/QĐ-UBND" in page.inner_text(".documents-block")
    assert fits(page) and menu_in_sight(page)
    shot(page, "1-home")

    # The register through the menu, the document by its number typed without marks.
    menu(page, "Văn bản").click()
    page.wait_for_url("**/van-ban/")
    page.get_by_label("Số, ký hiệu").fill("125 qd ubnd")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/van-ban/?*")
    assert "1 văn bản" in page.inner_text(".result-count")
    assert fits(page)
    shot(page, "2-register-by-number")

    page.get_by_role("link", name="125/QĐ-UBND").click()
    page.wait_for_url("**/van-ban/125-qd-ubnd-2026/")
    assert page.inner_text("h1") == "Quyết định 125/QĐ-UBND"
    assert "Còn hiệu lực" in page.inner_text(".metadata")
    assert fits(page)
    shot(page, "3-document")

    link = page.locator(".document-files a").first
    assert "(PDF, " in page.inner_text(".document-files")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"125-qd-ubnd-{download.url.split('/')[-2]}.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    served = page.request.get(download.url)  # the same URL, to read how it was served
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["content-disposition"].startswith("attachment;")
    assert served.headers["x-content-type-options"] == "nosniff"

    # This week's schedule through the menu, today marked.
    menu(page, "Lịch công tác").click()
    page.wait_for_url("**/lich-cong-tac/")
    assert page.inner_text("h1") == "Lịch công tác của lãnh đạo"
    days = page.locator(".schedule-day-title").all_inner_texts()
    assert [d.split(",")[0] for d in days] == WEEKDAYS
    today = datetime.date.today()
    marked = page.locator(".schedule-day.is-today .schedule-day-title").inner_text()
    assert marked.startswith(f"{WEEKDAYS[today.weekday()]}, {today:%d/%m/%Y}")
    assert "hôm nay" in marked
    assert page.locator(".schedule-entry").count() >= 6
    assert "điều chỉnh" in page.inner_text(".schedule-week")  # the demo's moved visit
    assert "/lanh-dao/" in page.locator(".schedule-meta a").first.get_attribute("href")
    assert fits(page)
    shot(page, "4-schedule-this-week")

    # A leader's biography through the introduction and its leaders page.
    menu(page, "Giới thiệu").click()
    page.wait_for_url("**/gioi-thieu/")
    assert fits(page)
    shot(page, "5-introduction")
    page.get_by_role("link", name="Lãnh đạo", exact=True).click()
    page.wait_for_url("**/lanh-dao/")
    cards = page.locator(".leader-card")
    assert cards.count() >= 2
    assert fits(page)
    shot(page, "6-leaders")
    cards.first.get_by_role("link").first.click()
    page.wait_for_url("**/lanh-dao/*/")
    assert "(mẫu)" in page.inner_text("h1")  # the demo's leaders are samples, and say so
    assert page.get_by_role("heading", name="Tiểu sử tóm tắt").is_visible()
    assert page.get_by_role("heading", name="Nhiệm vụ được phân công").is_visible()
    assert "Sinh năm" in page.inner_text(".leader")
    assert fits(page)
    shot(page, "7-leader-biography")
