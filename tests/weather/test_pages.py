import re
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command

from tests.factories import (
    NOW,
    make_alert,
    make_location,
    make_reading,
    make_staff,
    make_station,
)
from weather.models import ForecastDay, RiverReading

pytestmark = pytest.mark.django_db


def assert_one_h1(html):
    """Full HTML validation is the Nu HTML Checker's job (tests/e2e/test_weather.py)."""
    assert html.count("<h1") == 1


@pytest.fixture
def full_data(open_meteo):
    make_location()
    station = make_station()
    for days_ago in range(40):
        level = Decimal("2.20") + Decimal(40 - days_ago) * Decimal("0.025")
        make_reading(station, level, NOW - timedelta(days=days_ago, hours=3))
    make_alert("Thông báo thử nghiệm")
    open_meteo.success()
    with time_machine.travel(NOW, tick=False):
        call_command("fetch_weather", verbosity=0)
    return station


@pytest.mark.parametrize("url", ["/", "/en/", "/thoi-tiet/", "/en/thoi-tiet/"])
def test_pages_answer_with_one_h1(client, full_data, url):
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        response = client.get(url)
    assert response.status_code == 200
    assert_one_h1(response.content.decode())


@pytest.mark.parametrize("url", ["/", "/thoi-tiet/", "/en/thoi-tiet/"])
def test_pages_without_any_weather_data_answer_with_one_h1(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_one_h1(response.content.decode())


def test_weather_page_has_the_seven_day_table_and_a_chart_with_a_text_alternative(
    client, full_data
):
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        html = client.get("/thoi-tiet/").content.decode()
    assert '<h1 class="page-title">Thời tiết và mực nước sông tại Châu Đốc</h1>' in html
    table = re.search(r'<table class="forecast-table">.*?</table>', html, re.S).group(0)
    assert table.count('<th scope="row">') == 7
    assert "Mưa rào nhẹ" in table and "24,6–31,4" in table and "3,2&nbsp;mm" in table
    assert "khả năng 45%" in table and "06:00 / 17:34" in table
    svg = re.search(r"<svg viewBox.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-title-' in svg
    assert "<title id=" in svg and "trong 30 ngày qua" in svg
    assert "<desc id=" in svg and "Mức báo động: BĐ1 3,00 m, BĐ2 3,50 m, BĐ3 4,00 m." in svg
    assert "<polyline" in svg and svg.count('class="alarm-line') == 3
    data = re.search(r'<table class="river-table">.*?</table>', html, re.S).group(0)
    assert data.count('<th scope="row">') == 30  # one reading a day, 30 days back
    assert "Báo động 1 (BĐ1)" in data and "Dưới mức báo động 1" in data
    assert "Dữ liệu" in html and "Open-Meteo" in html


def test_weather_page_in_english(client, full_data):
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        html = client.get("/en/thoi-tiet/").content.decode()
    assert "Weather and river level in Châu Đốc" in html
    assert "Slight rain showers" in html and "24.6–31.4" in html
    assert "Hậu river at Châu Đốc" in html and "Alarm level 1 (BĐ1)" in html
    assert "over the last 30 days" in html


def test_chart_needs_no_javascript_or_cdn(client, full_data):
    html = client.get("/thoi-tiet/").content.decode()
    assert "<script" not in html.replace('<script src="/static/js/', "")
    assert "https://cdn" not in html and "//cdn" not in html


def test_other_locations_have_their_own_page_and_unknown_ones_404(client, full_data):
    make_location(
        "Tịnh Biên", is_default=False, latitude=Decimal("10.55"), longitude=Decimal("104.98")
    )
    response = client.get("/thoi-tiet/tinh-bien/")
    assert response.status_code == 200
    assert "Tịnh Biên" in response.content.decode()
    assert 'href="/thoi-tiet/tinh-bien/"' in client.get("/thoi-tiet/").content.decode()
    assert client.get("/thoi-tiet/khong-co/").status_code == 404


def test_views_never_call_the_provider(client, full_data, open_meteo):
    client.get("/")
    client.get("/thoi-tiet/")
    assert len(open_meteo.requests) == 1  # the fetch in the fixture, none from the pages


# --- admin ----------------------------------------------------------------------------------


def test_moderator_enters_a_forecast_day_by_hand_and_it_is_marked_manual(client):
    location = make_location()
    client.force_login(make_staff("dieuhanh", superuser=True))
    response = client.post(
        "/quan-tri/weather/forecastday/add/",
        {
            "location": location.pk,
            "date": "2026-11-28",
            "weather_code": "63",
            "temperature_min": "24",
            "temperature_max": "30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    day = ForecastDay.objects.get()
    assert (day.is_manual, day.source, day.weather_code) == (True, "manual", 63)


def test_staff_enter_a_river_reading_in_the_admin(client):
    station = make_station()
    staff = make_staff("thuyvan")
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="riverreading"))
    client.force_login(staff)
    response = client.post(
        "/quan-tri/weather/riverreading/add/",
        {
            "station": station.pk,
            "measured_at_0": "2026-11-27",
            "measured_at_1": "07:00",
            "level": "3.25",
            "source": "Bản tin lũ số 12",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reading = RiverReading.objects.get()
    assert reading.level == Decimal("3.25") and reading.created_by == staff


def test_admin_lists_open_for_a_superuser(client, full_data):
    client.force_login(make_staff("quantri", superuser=True))
    for model in (
        "location",
        "forecastday",
        "currentconditions",
        "fetchlog",
        "station",
        "riverreading",
        "alert",
    ):
        assert client.get(f"/quan-tri/weather/{model}/").status_code == 200, model
    assert client.get("/quan-tri/weather/alert/add/").status_code == 200


def test_load_demo_creates_the_location_and_the_station_without_the_network():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    from weather.models import Location, Station

    location = Location.objects.get()
    assert (location.name, location.latitude, location.longitude, location.timezone) == (
        "Châu Đốc",
        Decimal("10.7000"),
        Decimal("105.1200"),
        "Asia/Ho_Chi_Minh",
    )
    station = Station.objects.get()
    assert (station.river, station.alarm_1, station.alarm_2, station.alarm_3) == (
        "Hậu",
        Decimal("3.00"),
        Decimal("3.50"),
        Decimal("4.00"),
    )
    assert 0 < station.readings.count() <= 30
    assert not station.readings.filter(level__gte=station.alarm_1).exists()
    # Until a real fetch: Open-Meteo's recorded answer, moved to today and stamped as a sample.
    days = ForecastDay.objects.order_by("date")
    assert days.count() == 7 and days[0].date == location.today()
    assert set(days.values_list("source", flat=True)) == {"open-meteo+sample"}


@pytest.mark.parametrize("extra_readings", [0, 300])
def test_weather_queries_stay_fixed_whatever_the_data(
    client, full_data, extra_readings, django_assert_max_num_queries, settings
):
    """Two stations, both in flood with 300 readings or not: home = location+current, days,
    stations, latest readings, alerts, one flood start per station; the weather page adds
    the location list and one chart per station."""
    settings.PAGE_CACHE_SECONDS = 0
    other = make_station("Tân Châu", river="Tiền", is_default=False)
    for n in range(extra_readings):
        make_reading(other, "3.6", NOW - timedelta(hours=n))
    make_reading(full_data, "3.40", NOW)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url, budget in (("/", 7), ("/thoi-tiet/", 10)):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        weather = [q for q in ctx.captured_queries if '"weather_' in q["sql"]]
        assert len(weather) <= budget, (url, [q["sql"][:80] for q in weather])
