"""The introduction's boundary map, on a desktop and on a phone: the picture loads with its
description, its text in words under it, inside the window. (The walk from the home page to the
schedule and a leader's biography is tests/e2e/test_resident_walk.py.)"""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
demo, live_url, _media_in_tmp = shared_demo_fixtures(DEBUG=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_resident_opens_the_boundary_map_from_the_introduction(
    demo, live_url, page, shot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_url + "/gioi-thieu/")
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
    shot(page, "boundary-map")
    root = "document.documentElement"
    assert page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")
