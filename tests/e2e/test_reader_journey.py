import pytest
from django.core.management import call_command

from tests.e2e.conftest import DESKTOP, PHONE

SEED_SLUG = "hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023"
SEED_TITLE = "Hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023"


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True  # the live server serves demo media, as `make run` does
    call_command("load_demo", articles=12, verbosity=0)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reader_opens_seed_article_category_and_switches_language(
    demo, live_url, page, shot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # localhost: phường Châu Đốc, the demo's default portal, holding the former city's archive
    banner = "Chào mừng đến với Trang thông tin điện tử phường Châu Đốc"
    assert banner in page.inner_text("header")
    shot(page, "1-home")

    page.get_by_role("link", name=SEED_TITLE).first.click()
    page.wait_for_url(f"**/tin-tuc/{SEED_SLUG}/")
    assert page.inner_text("h1") == SEED_TITLE
    assert "Thứ Sáu, 29/12/2023" in page.inner_text(".meta")
    assert page.locator(".body img").count() == 3
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
