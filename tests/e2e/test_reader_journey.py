import pytest

from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

SEED_SLUG = "hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023"
SEED_TITLE = "Hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023"


# Every test here only reads the demo: one worker loads it once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
demo, live_url, _media_in_tmp = shared_demo_fixtures(DEBUG=True)  # DEBUG as `make run` has it


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reader_opens_seed_article_category_and_switches_language(
    demo, live_url, page, shot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # localhost: phường Châu Đốc, the demo's default portal, holding the former city's archive
    # The unit's name in two lines on every screen; the banner line too where there is room.
    header = page.inner_text("header")
    assert "ỦY BAN NHÂN DÂN" in header.upper() and "PHƯỜNG CHÂU ĐỐC" in header.upper()
    if viewport["width"] >= 1000:
        assert "Chào mừng đến với Trang thông tin điện tử phường Châu Đốc" in header
    shot(page, "1-home")

    page.get_by_role("link", name=SEED_TITLE).first.click()
    page.wait_for_url(f"**/tin-tuc/{SEED_SLUG}/")
    assert page.inner_text("h1") == SEED_TITLE
    assert "Thứ Sáu, 29/12/2023" in page.inner_text(".meta")
    # The seed's first picture is its cover, not shown a second time in the body (issue 21).
    assert page.locator(".body img").count() == 2
    assert page.get_by_role("button", name="In bài viết").is_visible()
    shot(page, "2-article")

    page.locator(".meta a").first.click()
    page.wait_for_url("**/chuyen-muc/tin-tuc-su-kien/")
    assert page.inner_text("h1") == "Tin tức - Sự kiện"
    shot(page, "3-category")

    page.go_back()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/en/tin-tuc/{SEED_SLUG}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "sustainable poverty reduction" in page.inner_text("h1")
    shot(page, "4-article-english")
    root = "document.documentElement"
    assert page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")
