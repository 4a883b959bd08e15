"""The home page block "DỰ BÁO KHÍ TƯỢNG" and its labels, with the clock pinned."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.factories import NOW, make_forecast_day, make_location
from weather import wmo

pytestmark = pytest.mark.django_db

WMO_CODES = [
    0,
    1,
    2,
    3,
    45,
    48,
    51,
    53,
    55,
    56,
    57,
    61,
    63,
    65,
    66,
    67,
    71,
    73,
    75,
    77,
    80,
    81,
    82,
    85,
    86,
    95,
    96,
    99,
]


def block_of(html):
    return re.search(r'<section class="weather-block".*?</section>', html, re.S).group(0)


@pytest.fixture
def imported(open_meteo):
    make_location()
    open_meteo.success()
    with time_machine.travel(NOW, tick=False):
        call_command("fetch_weather", verbosity=0)


def test_block_is_fresh_then_out_of_date_then_drops_past_days(client, imported):
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        block = block_of(client.get("/").content.decode())
    assert "Cập nhật lúc 10:15 27/11/2026" in block
    assert "Số liệu đã cũ" not in block
    assert "29,6" in block and "Có mây" in block  # now: temperature and condition
    assert "Độ ẩm" in block and "66%" in block
    assert "9,4&nbsp;km/h, hướng Đông<" in block
    assert "Hôm nay" in block and "Ngày mai" in block
    assert 'alt="Mưa rào nhẹ"' in block  # today's icon (code 80)
    assert "Dữ liệu" in block and "Open-Meteo</a> (<a" in block and "CC BY 4.0" in block

    with time_machine.travel(NOW + timedelta(hours=6, minutes=1), tick=False):
        block = block_of(client.get("/").content.decode())
    assert "Số liệu đã cũ" in block and "10:15 27/11/2026" in block
    assert "Cập nhật lúc" not in block
    assert "29,6" not in block  # old "now" is not passed off as now

    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        block = block_of(client.get("/").content.decode())
    assert "27/11" not in block.replace("10:15 27/11/2026", "")
    assert "28/11" not in block
    assert "Hôm nay" in block and "29/11" in block


def test_stale_after_is_a_setting(client, imported, settings):
    settings.WEATHER_STALE_AFTER = timedelta(hours=1)
    with time_machine.travel(NOW + timedelta(hours=1, minutes=1), tick=False):
        assert "Số liệu đã cũ" in block_of(client.get("/").content.decode())


def test_without_any_data_the_block_says_so_politely(client):
    block = block_of(client.get("/").content.decode())
    assert "Hiện chưa có số liệu dự báo thời tiết. Xin vui lòng quay lại sau." in block
    assert "Open-Meteo" not in block


def test_only_past_data_says_out_of_date(client, imported):
    with time_machine.travel(NOW + timedelta(days=10), tick=False):
        block = block_of(client.get("/").content.decode())
    assert "Số liệu đã cũ" in block
    assert "Hiện chưa có" not in block


def test_english_block_on_en(client, imported):
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        block = block_of(client.get("/en/").content.decode())
    assert "Weather forecast" in block and "Updated at 10:15 27/11/2026" in block
    assert "Partly cloudy" in block and "29.6" in block and "Today" in block
    assert 'alt="Slight rain showers"' in block and "Data" in block


def test_manual_days_show_without_a_provider_credit(client):
    location = make_location()
    with time_machine.travel(NOW, tick=False):
        make_forecast_day(location, date(2026, 11, 27), weather_code=95)
        block = block_of(client.get("/").content.decode())
    assert 'alt="Dông"' in block and "Cập nhật lúc 10:15 27/11/2026" in block
    assert "Open-Meteo" not in block


def test_every_wmo_code_has_a_vietnamese_and_an_english_label():
    for code in WMO_CODES:
        label = wmo.WeatherCode(code).label
        with translation.override("en"):
            english = str(label)
        with translation.override("vi"):
            vietnamese = str(label)
        assert english and vietnamese and vietnamese != english, code
    with translation.override("vi"):
        assert [str(wmo.label(c)) for c in (0, 61, 65, 80, 95)] == [
            "Trời quang",
            "Mưa nhỏ",
            "Mưa to",
            "Mưa rào nhẹ",
            "Dông",
        ]


def test_a_day_and_the_current_conditions_read_their_label_from_the_field_choices():
    """get_weather_code_display (the block and the weather page call it) says what the field's
    choices say for every code, in both languages, and "Không rõ" for a code outside them."""
    from weather.models import CurrentConditions, ForecastDay

    for model in (ForecastDay, CurrentConditions):
        choices = dict(model._meta.get_field("weather_code").choices)
        for code in WMO_CODES:
            row = model(weather_code=code)
            for language in ("vi", "en"):
                with translation.override(language):
                    assert row.get_weather_code_display() == str(choices[code]), (code, language)
        with translation.override("vi"):
            assert model(weather_code=42).get_weather_code_display() == "Không rõ"
        with translation.override("en"):
            assert model(weather_code=42).get_weather_code_display() == "Unknown weather"


def test_every_icon_the_codes_use_exists_in_day_and_night():
    icons = Path(settings.BASE_DIR) / "static"
    for code in WMO_CODES:
        for is_day in (True, False):
            path = icons / wmo.icon(code, is_day)
            assert path.exists(), path
            assert path.read_text().startswith("<svg")
    assert wmo.icon(0, True) != wmo.icon(0, False)
    assert {"clear-day", "clear-night", "partly-cloudy-night"} <= set(wmo.icon_names())
