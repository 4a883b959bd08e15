"""River level, alarm stages, the banner that raises itself, and banners raised by hand."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.factories import NOW, make_alert, make_location, make_reading, make_station
from weather.models import Severity, Stage
from weather.selectors import active_banners

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def station():
    make_location()
    return make_station()


def banner_region(html):
    match = re.search(r'<div class="alerts".*?</div>\s*<script', html, re.S)
    return match.group(0) if match else ""


def test_a_reading_at_3_2_m_shows_bd1_and_raises_the_banner(client, station):
    make_reading(station, "3.05", NOW - timedelta(days=1))
    make_reading(station, "3.20", NOW - timedelta(hours=3))
    html = client.get("/").content.decode()
    block = re.search(r'<section class="weather-block".*?</section>', html, re.S).group(0)
    assert "3,20&nbsp;m" in block and "lúc 07:15 27/11/2026" in block
    assert 'class="stage-badge stage-1">Báo động 1 (BĐ1)<' in block
    assert "Đang lên: +0,15 m so với lúc 10:15 26/11" in block
    banner = banner_region(html)
    assert "Thông báo khẩn" in banner and "(Cảnh báo)" in banner
    assert (
        "Mực nước sông Hậu tại trạm Châu Đốc lúc 07:15 27/11/2026 là 3,20 m: "
        "Báo động 1 (BĐ1) (ngưỡng 3,00 m)."
    ) in banner
    assert 'src="/static/js/alerts.js" defer' in html
    # Every page carries it, not only the home page.
    assert "Báo động 1 (BĐ1)" in banner_region(client.get("/thoi-tiet/").content.decode())


def test_2_9_m_lowers_the_banner(client, station):
    make_reading(station, "3.20", NOW - timedelta(days=1))
    make_reading(station, "2.90", NOW - timedelta(hours=1))
    html = client.get("/").content.decode()
    assert banner_region(html) == "" and "alerts.js" not in html
    assert "Dưới mức báo động 1" in html
    assert "Đang xuống: −0,30 m" in html


@pytest.mark.parametrize(
    ("level", "stage", "severity"),
    [
        ("2.99", Stage.NORMAL, None),
        ("3.00", Stage.BD1, Severity.WARNING),
        ("3.49", Stage.BD1, Severity.WARNING),
        ("3.50", Stage.BD2, Severity.DANGER),
        ("4.00", Stage.BD3, Severity.EMERGENCY),
        ("5.28", Stage.BD3, Severity.EMERGENCY),
    ],
)
def test_stages_follow_the_stations_alarm_levels(station, level, stage, severity):
    make_reading(station, level)
    assert station.stage_for(Decimal(level)) == stage
    banners = active_banners()
    assert [b.severity for b in banners] == ([severity] if severity else [])


def test_alarm_levels_are_data_an_edit_moves_the_stage(station):
    make_reading(station, "3.20")
    station.alarm_1 = Decimal("3.30")
    station.save()
    assert active_banners() == []


def test_alarm_levels_must_rise(station):
    station.alarm_2 = Decimal("2.50")
    with pytest.raises(ValidationError):
        station.full_clean()


def test_river_banner_key_is_the_flood_episode_and_severity_is_its_stage(station):
    make_reading(station, "2.80", NOW - timedelta(days=3))
    make_reading(station, "3.10", NOW - timedelta(days=2))
    make_reading(station, "3.60", NOW - timedelta(days=1))
    (first,) = active_banners()
    assert first.severity == Severity.DANGER
    make_reading(station, "3.40", NOW)
    (second,) = active_banners()
    assert second.key == first.key and second.severity == Severity.WARNING
    make_reading(station, "2.90", NOW + timedelta(hours=1))
    make_reading(station, "3.10", NOW + timedelta(hours=2))
    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        (new_flood,) = active_banners()
    assert new_flood.key != first.key


def test_a_manual_banner_shows_in_its_window_only(client):
    make_alert(
        "Tạm ngưng cấp nước phường Núi Sam",
        starts_at=NOW + timedelta(hours=1),
        ends_at=NOW + timedelta(hours=5),
        severity=Severity.DANGER,
        link="/thoi-tiet/",
    )
    assert "Núi Sam" not in client.get("/").content.decode()
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        banner = banner_region(client.get("/thoi-tiet/").content.decode())
        assert "Tạm ngưng cấp nước phường Núi Sam" in banner and "(Nguy hiểm)" in banner
        assert 'data-alert-key="alert-' in banner and 'data-alert-severity="3"' in banner
        assert '<a href="/thoi-tiet/">Chi tiết</a>' in banner
    with time_machine.travel(NOW + timedelta(hours=5), tick=False):
        assert "Núi Sam" not in client.get("/").content.decode()


def test_banner_text_is_escaped_and_english_falls_back_or_translates(client):
    make_alert("<script>alert(1)</script> Lũ", text_en="Flood warning")
    vi = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in vi and "&lt;script&gt;" in vi
    assert "Flood warning" in client.get("/en/").content.decode()


def test_banner_links_must_be_web_addresses_or_site_paths():
    alert = make_alert(link="javascript:alert(1)")
    with pytest.raises(ValidationError):
        alert.full_clean()
    alert.link = "//evil.example"
    with pytest.raises(ValidationError):
        alert.full_clean()
    for good in ("https://chaudoc.angiang.gov.vn/", "/thoi-tiet/"):
        alert.link = good
        alert.full_clean()


@pytest.mark.parametrize(
    "link",
    [
        "/\\evil.example/",
        "/\t/evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "///evil.example",
        "\x01//evil.example",
        "https://\tevil.example",
    ],
)
def test_banner_links_that_browsers_open_as_another_site_are_refused(link):
    alert = make_alert(link="/thoi-tiet/")
    alert.link = link
    with pytest.raises(ValidationError, match="/thoi-tiet/"):
        alert.full_clean()


def test_a_stored_banner_link_to_another_site_is_not_rendered(client):
    # Saved before the rule (or by code that skips validation): shown without its link.
    make_alert("Cúp điện khu vực Núi Sam", link="/\\evil.example/")
    make_alert("Xem chi tiết", link="/thoi-tiet/")
    html = client.get("/").content.decode()
    assert "Cúp điện khu vực Núi Sam" in html
    assert "evil.example" not in html
    assert 'href="/thoi-tiet/"' in html


def test_banners_are_sorted_most_severe_first(station):
    make_alert("Thông tin", severity=Severity.INFO)
    make_reading(station, "4.10")
    assert [b.severity for b in active_banners()] == [Severity.EMERGENCY, Severity.INFO]


def test_every_page_reads_two_readings_per_station_however_long_it_has_reported():
    import json

    from django.db import connection

    from weather.models import RiverReading
    from weather.selectors import latest_two_readings, river_statuses

    stations = [make_station(f"Trạm {i}", is_default=i == 0) for i in range(3)]
    RiverReading.objects.bulk_create(
        RiverReading(
            station=station,
            level=Decimal("2.50") + Decimal(hour % 50) / 100,
            measured_at=NOW - timedelta(hours=hour),
            source="Đài KTTV An Giang",
        )
        for station in stations
        for hour in range(3000)  # four months, hourly
    )
    statuses = river_statuses()
    assert [s.station.name for s in statuses] == ["Trạm 0", "Trạm 1", "Trạm 2"]
    assert all(s.reading.measured_at == NOW for s in statuses)
    assert all(s.previous.measured_at == NOW - timedelta(hours=1) for s in statuses)
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE weather_station, weather_riverreading")  # as autovacuum does
    plan = json.loads(latest_two_readings().explain(analyze=True, format="json"))[0]["Plan"]

    def rows_read(node):
        if "Scan" in node["Node Type"] and node.get("Relation Name") == "weather_riverreading":
            yield node["Actual Rows"] * node["Actual Loops"] + node.get("Rows Removed by Filter", 0)
        for child in node.get("Plans", []):
            yield from rows_read(child)

    assert sum(rows_read(plan)) <= 20  # not the 9,000 readings on record


def test_the_river_status_reads_fresh_rows_in_one_query_as_the_orm_would_build_them():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from weather.selectors import latest_two_readings, river_statuses

    first = make_station("Châu Đốc", is_default=True)
    make_reading(first, "2.80", NOW - timedelta(hours=2))
    make_reading(first, "2.95", NOW - timedelta(hours=1))
    assert [(s.station.name, s.reading.level, s.previous.level) for s in river_statuses()] == [
        ("Châu Đốc", Decimal("2.95"), Decimal("2.80"))
    ]

    # New rows and a new station show at once: the SQL is remembered, never the rows.
    second = make_station("Tân Châu", river="Tiền", is_default=False)
    make_reading(second, "3.40", NOW)
    make_reading(first, "2.90", NOW)
    with CaptureQueriesContext(connection) as queries:
        statuses = river_statuses()
    assert len(queries) == 1
    assert [
        (
            s.station.name,
            s.station.river,
            s.reading.level,
            s.previous and s.previous.level,
            s.reading.measured_at,
            s.stage,
        )
        for s in statuses
    ] == [
        ("Châu Đốc", first.river, Decimal("2.90"), Decimal("2.95"), NOW, Stage.NORMAL),
        ("Tân Châu", "Tiền", Decimal("3.40"), None, NOW, Stage.BD1),
    ]
    # The same readings, fields and stations as the ORM's own objects.
    orm = list(latest_two_readings())
    fast = [reading for s in statuses for reading in (s.reading, s.previous) if reading]
    assert [r.__dict__ | {"_state": None} for r in fast] == [
        r.__dict__ | {"_state": None} for r in orm
    ]
    assert [r.station.__dict__ | {"_state": None} for r in fast] == [
        r.station.__dict__ | {"_state": None} for r in orm
    ]
    statuses[0].reading.save()  # the objects are real rows: they can be saved
