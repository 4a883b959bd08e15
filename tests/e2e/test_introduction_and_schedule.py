"""A resident finds this week's work schedule and a leader's biography from the home page,
and the introduction's boundary map, on a desktop and on a phone."""

import datetime

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
demo, live_url, _media_in_tmp = shared_demo_fixtures(DEBUG=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_resident_walks_from_home_to_this_weeks_schedule_and_a_leaders_biography(
    demo, live_url, page, shot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_url + "/")
    block = page.locator(".schedule-block")
    assert block.is_visible()
    shot(page, "1-home")

    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Lịch công tác"
    ).click()
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
    shot(page, "2-schedule")

    page.get_by_role("link", name="Tuần sau").click()
    page.wait_for_url("**/lich-cong-tac/*/tuan-*/")
    assert page.locator(".schedule-day.is-today").count() == 0
    page.go_back()

    page.locator(".schedule-meta a").first.click()
    page.wait_for_url("**/lanh-dao/*/")
    assert "(mẫu)" in page.inner_text("h1")  # the demo's leaders are samples, and say so
    assert page.get_by_role("heading", name="Tiểu sử tóm tắt").is_visible()
    assert page.get_by_role("heading", name="Nhiệm vụ được phân công").is_visible()
    assert "Sinh năm" in page.inner_text(".leader")
    shot(page, "3-leader")

    page.get_by_role("link", name="Giới thiệu").first.click()
    page.wait_for_url("**/gioi-thieu/")
    page.get_by_role("link", name="Bản đồ địa giới hành chính").first.click()
    page.wait_for_url("**/gioi-thieu/ban-do-dia-gioi-*/")
    image = page.locator(".intro-figure img")
    assert image.get_attribute("alt").startswith("Bản đồ phác hoạ địa giới")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert "không phải bản đồ chính thức" in page.inner_text(".intro-figure figcaption")
    crumbs = page.locator(".breadcrumb li").all_inner_texts()
    assert crumbs[:3] == ["Trang chủ", "Giới thiệu", "Điều kiện tự nhiên"]
    shot(page, "4-boundary-map")
    root = "document.documentElement"
    assert page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")
