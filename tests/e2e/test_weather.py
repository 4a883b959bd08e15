"""The weather block, the weather page and the flood banner in a real browser."""

import json
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.e2e.checks import axe_violations, describe, html_errors
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import make_location, make_reading, make_station
from tests.weather.conftest import fixture_bytes
from weather.providers.open_meteo import OpenMeteo


def recorded_for_today():
    """The recorded answer with its dates moved to today, so the live pages show it all."""
    data = json.loads(fixture_bytes("open_meteo_chau_doc.json"))
    today = timezone.localdate()
    shift = today - timezone.datetime.fromisoformat(data["daily"]["time"][0]).date()
    for key in ("time", "sunrise", "sunset"):
        data["daily"][key] = [
            (timezone.datetime.fromisoformat(v) + shift).isoformat()[: len(v)]
            for v in data["daily"][key]
        ]
    data["current"]["time"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    return json.dumps(data).encode()


@pytest.fixture
def weather(transactional_db, monkeypatch):
    make_location()
    station = make_station()
    now = timezone.now()
    for n in range(30, 0, -1):  # a rising flood: 2.45 m a month ago, 3.20 m today
        make_reading(
            station,
            Decimal("3.20") - Decimal(n) * Decimal("0.025"),
            now - timedelta(days=n, hours=2),
        )
    make_reading(station, "3.20", now - timedelta(hours=1))
    body = recorded_for_today()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    monkeypatch.setattr(OpenMeteo, "transport", transport)
    call_command("fetch_weather", verbosity=0)
    return station


def no_horizontal_scroll(page):
    root = "document.documentElement"
    return page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")


@pytest.fixture
def axe_page(browser):
    """A page whose context lets axe-core be injected despite the site's CSP."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def wcag_violations(page):
    return describe(axe_violations(page))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_home_block_and_weather_page_in_vietnamese_and_english(
    weather, live_url, axe_page, shot, viewport
):
    page = axe_page
    page.set_viewport_size(viewport)
    page.goto(live_url + "/")
    block = page.locator(".weather-block")
    text = block.inner_text()
    assert "DỰ BÁO KHÍ TƯỢNG" in text  # shown in capitals, as on the seed page
    assert "Cập nhật lúc" in text and "29,6" in text and "Có mây" in text
    assert "Hôm nay" in text and "Báo động 1 (BĐ1)" in text and "3,20\xa0m" in text
    assert "Dữ liệu: Open-Meteo (CC BY 4.0)" in text
    assert block.locator("img[src$='.svg']").count() >= 6
    assert page.locator(".alert").inner_text().startswith("THÔNG BÁO KHẨN")
    assert no_horizontal_scroll(page)
    assert wcag_violations(page) == ""
    shot(page, "1-home-vi")

    page.get_by_role("link", name="Dự báo 7 ngày và mực nước sông").click()
    page.wait_for_url("**/thoi-tiet/")
    assert page.inner_text("h1") == "Thời tiết và mực nước sông tại Châu Đốc"
    assert page.locator(".forecast-table tbody tr").count() == 7
    chart = page.get_by_role("img", name="Mực nước sông Hậu tại trạm Châu Đốc trong 30 ngày qua")
    assert chart.is_visible()
    page.get_by_text("Số liệu của biểu đồ dưới dạng bảng").click()
    assert page.locator(".river-table tbody tr").count() >= 30
    assert no_horizontal_scroll(page)
    assert wcag_violations(page) == ""
    shot(page, "2-weather-vi")

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/thoi-tiet/")
    assert page.inner_text("h1") == "Weather and river level in Châu Đốc"
    assert "Slight rain showers" in page.inner_text(".forecast-table")
    assert page.get_by_role(
        "img", name="Water level of the Hậu river at Châu Đốc over the last 30 days"
    ).is_visible()
    assert wcag_violations(page) == ""
    shot(page, "3-weather-en")

    page.goto(live_url + "/en/")
    text = page.locator(".weather-block").inner_text()
    assert "WEATHER FORECAST" in text and "Updated at" in text and "Partly cloudy" in text
    assert "Alarm level 1 (BĐ1)" in text
    shot(page, "4-home-en")


def test_a_dismissed_flood_banner_stays_hidden_until_the_river_gets_worse(weather, live_url, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_url + "/thoi-tiet/")
    banner = page.locator(".alert")
    assert "Báo động 1 (BĐ1)" in banner.inner_text()
    page.get_by_role("button", name="Ẩn thông báo này").click()
    assert banner.is_hidden()
    page.goto(live_url + "/")
    assert page.locator(".alert").is_hidden()

    make_reading(weather, "3.60", timezone.now())  # BĐ2: more severe, so it shows again
    page.goto(live_url + "/")
    assert page.locator(".alert").is_visible()
    assert "Báo động 2 (BĐ2)" in page.locator(".alert").inner_text()

    make_reading(weather, "2.90", timezone.now() + timedelta(minutes=1))
    page.goto(live_url + "/")
    assert page.locator(".alert").count() == 0


def test_weather_pages_are_valid_html(weather):
    client = Client()
    make_reading(weather, "3.60", timezone.now())  # the flood banner is on every page
    documents = {
        url: client.get(url).content.decode()
        for url in ("/", "/en/", "/thoi-tiet/", "/en/thoi-tiet/")
    }
    assert all("Thông báo khẩn" in html or "Urgent notice" in html for html in documents.values())
    errors = html_errors(documents)
    assert not errors, "\n".join(f"{url}: {msgs}" for url, msgs in errors.items())
