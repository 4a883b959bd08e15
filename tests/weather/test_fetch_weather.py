"""fetch_weather on recorded Open-Meteo answers, faked at the HTTP transport only."""

import json
import logging
import socket
import time
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import parse_qs

import httpx
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import NOW, make_forecast_day, make_location
from tests.weather.conftest import fixture_bytes
from weather.models import CurrentConditions, FetchLog, ForecastDay, Location
from weather.providers import open_meteo

pytestmark = pytest.mark.django_db

RECORDED = json.loads(fixture_bytes("open_meteo_chau_doc.json"))


def fetch(**options):
    call_command("fetch_weather", verbosity=0, **options)


def forecast_state():
    """Everything a reader's page is built from (the fetch log is not part of it)."""
    return (
        list(Location.objects.order_by("pk").values()),
        list(CurrentConditions.objects.order_by("pk").values()),
        list(ForecastDay.objects.order_by("pk").values()),
    )


def recorded(change):
    data = json.loads(fixture_bytes("open_meteo_chau_doc.json"))
    change(data)
    return json.dumps(data).encode()


@pytest.fixture
def location():
    return make_location()


@pytest.fixture
def last_good_forecast(location, open_meteo):
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        open_meteo.success()
        fetch()
    return location


def test_request_names_exactly_the_recorded_variables_with_a_timeout(location, open_meteo):
    open_meteo.success()
    with time_machine.travel(NOW, tick=False):
        fetch()
    (request,) = open_meteo.requests
    assert (request.url.scheme, request.url.host, request.url.path) == (
        "https",
        "api.open-meteo.com",
        "/v1/forecast",
    )
    params = {key: values[0] for key, values in parse_qs(request.url.query.decode()).items()}
    assert params["latitude"] == "10.7" and params["longitude"] == "105.12"
    assert params["timezone"] == "Asia/Ho_Chi_Minh"
    assert params["current"].split(",") == [
        key for key in RECORDED["current"] if key not in ("time", "interval")
    ]
    assert params["daily"].split(",") == [key for key in RECORDED["daily"] if key != "time"]
    assert request.extensions["timeout"]["read"] == 10.0


def test_recorded_success_stores_now_and_seven_days_stamped_with_source_and_time(
    location, open_meteo
):
    open_meteo.success()
    with time_machine.travel(NOW, tick=False):
        fetch()
    current = CurrentConditions.objects.get(location=location)
    assert current.temperature == Decimal("29.6")
    assert (current.humidity, current.weather_code, current.is_day) == (66, 2, True)
    assert current.wind_speed == Decimal("9.4") and current.wind_direction == 68
    assert current.observed_at == NOW
    assert (current.source, current.fetched_at) == ("open-meteo", NOW)
    days = list(location.days.all())
    assert [d.date for d in days] == [date(2026, 11, 27) + timedelta(days=i) for i in range(7)]
    first = days[0]
    assert first.weather_code == 80
    assert (first.temperature_min, first.temperature_max) == (Decimal("24.6"), Decimal("31.4"))
    assert first.precipitation_sum == Decimal("3.20") and first.precipitation_probability == 45
    assert first.wind_speed_max == Decimal("12.6") and first.wind_direction == 72
    assert (first.humidity_mean, first.humidity_min, first.humidity_max) == (79, 58, 95)
    assert f"{first.sunrise:%H:%M}/{first.sunset:%H:%M}" == "06:00/17:34"
    assert all(d.source == "open-meteo" and d.fetched_at == NOW and not d.is_manual for d in days)
    log = FetchLog.objects.get()
    assert (log.outcome, log.days_written, log.provider) == ("success", 7, "open-meteo")


FAILURES = {
    "timeout": (
        lambda f: f.fail_with(httpx.ReadTimeout, "timed out"),
        "did not answer within the 10 s timeout",
    ),
    "refused connection": (
        lambda f: f.fail_with(httpx.ConnectError, "[Errno 111] Connection refused"),
        "Could not reach Open-Meteo: [Errno 111] Connection refused",
    ),
    "400 with its reason": (
        lambda f: f.reply(400, fixture_bytes("open_meteo_error.json")),
        "HTTP 400): Latitude must be in range of -90 to 90°. Given: 105.12.",
    ),
    "429 on every attempt": (
        lambda f: f.reply(429, fixture_bytes("open_meteo_error_429.json"), times=3),
        "(HTTP 429) after 3 attempts: Minutely API request limit exceeded",
    ),
    "503 on every attempt": (
        lambda f: f.reply(503, b"<html>Service Unavailable</html>", times=3),
        "(HTTP 503) after 3 attempts",
    ),
    "malformed JSON": (
        lambda f: f.reply(200, fixture_bytes("open_meteo_chau_doc.json")[:700]),
        "malformed JSON",
    ),
    "missing daily key": (
        lambda f: f.reply(200, recorded(lambda d: d["daily"].pop("temperature_2m_min"))),
        "lacks daily.temperature_2m_min",
    ),
    "missing current block": (
        lambda f: f.reply(200, recorded(lambda d: d.pop("current"))),
        "lacks response.current",
    ),
    "arrays of different lengths": (
        lambda f: f.reply(200, recorded(lambda d: d["daily"]["precipitation_sum"].pop())),
        "daily arrays of different lengths: time 7, precipitation_sum 6",
    ),
    "absurd temperature on the last day": (
        lambda f: f.reply(
            200, recorded(lambda d: d["daily"]["temperature_2m_max"].__setitem__(6, 412.0))
        ),
        "absurd value for daily 2026-12-03 temperature_2m_max: 412.0 °C",
    ),
    "absurd humidity now": (
        lambda f: f.reply(
            200, recorded(lambda d: d["current"].__setitem__("relative_humidity_2m", 180))
        ),
        "absurd value for current.relative_humidity_2m: 180 %",
    ),
    "wrong unit": (
        lambda f: f.reply(
            200, recorded(lambda d: d["daily_units"].__setitem__("temperature_2m_max", "°F"))
        ),
        "daily.temperature_2m_max in '°F', expected '°C'",
    ),
    "unknown weather code": (
        lambda f: f.reply(200, recorded(lambda d: d["daily"]["weather_code"].__setitem__(2, 42))),
        "unknown weather code for daily 2026-11-29: 42",
    ),
    "text instead of a number": (
        lambda f: f.reply(
            200, recorded(lambda d: d["current"].__setitem__("temperature_2m", "nóng"))
        ),
        "'nóng' for current.temperature_2m, not a number",
    ),
    "minimum above maximum": (
        lambda f: f.reply(
            200, recorded(lambda d: d["daily"]["temperature_2m_min"].__setitem__(1, 35.0))
        ),
        "minimum above the maximum for daily 2026-11-28",
    ),
    "other time zone": (
        lambda f: f.reply(200, recorded(lambda d: d.__setitem__("timezone", "GMT"))),
        "time zone 'GMT'",
    ),
}


@pytest.mark.parametrize("case", FAILURES)
def test_every_failure_keeps_the_last_good_forecast_logs_and_exits_with_one_line(
    case, last_good_forecast, open_meteo, caplog
):
    arrange, reason = FAILURES[case]
    before = forecast_state()
    arrange(open_meteo)
    with time_machine.travel(NOW, tick=False), caplog.at_level(logging.WARNING, "weather"):
        with pytest.raises(CommandError) as failure:
            fetch()
    message = str(failure.value)
    assert reason in message
    assert message.startswith("Weather fetch failed for Châu Đốc: ")
    assert "\n" not in message
    assert forecast_state() == before
    log = FetchLog.objects.filter(outcome="failure").get()
    assert reason in log.message and log.started_at == NOW
    assert any(reason in record.getMessage() for record in caplog.records)


def test_a_failure_on_an_empty_database_writes_no_day(location, open_meteo):
    open_meteo.reply(200, recorded(lambda d: d["daily"]["temperature_2m_max"].__setitem__(6, 99)))
    with pytest.raises(CommandError):
        fetch()
    assert ForecastDay.objects.count() == 0
    assert CurrentConditions.objects.count() == 0


def test_429_and_503_are_retried_a_bounded_number_of_times(location, open_meteo):
    open_meteo.reply(429, fixture_bytes("open_meteo_error_429.json")).reply(503).success()
    fetch()
    assert len(open_meteo.requests) == 3
    assert location.days.count() == 7


def test_backoff_grows_honours_retry_after_and_is_capped():
    provider = open_meteo.OpenMeteo(backoff=2, max_backoff=30)
    plain = httpx.Response(503)
    assert [provider.delay(n, plain) for n in (1, 2, 3)] == [2, 4, 8]
    assert provider.delay(1, httpx.Response(429, headers={"Retry-After": "20"})) == 20
    assert provider.delay(1, httpx.Response(429, headers={"Retry-After": "3600"})) == 30


def test_400_is_not_retried(location, open_meteo):
    open_meteo.reply(400, fixture_bytes("open_meteo_error.json"))
    with pytest.raises(CommandError):
        fetch()
    assert len(open_meteo.requests) == 1


def test_site_keeps_showing_the_last_forecast_after_a_failed_fetch(
    client, last_good_forecast, open_meteo
):
    open_meteo.fail_with(httpx.ConnectError, "[Errno 101] Network is unreachable")
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(CommandError, match="Network is unreachable"):
            fetch()
        html = client.get("/").content.decode()
    assert "29,6" in html and "Mưa rào nhẹ" in html
    assert "Cập nhật lúc 09:15 27/11/2026" in html


def test_manual_days_are_kept_unless_asked_to_overwrite(location, open_meteo):
    make_forecast_day(location, date(2026, 11, 28), weather_code=95)
    open_meteo.success().success()
    out = _run(verbosity=1)
    day = location.days.get(date=date(2026, 11, 28))
    assert (day.weather_code, day.is_manual, day.source) == (95, True, "manual")
    assert location.days.count() == 7
    assert "Wrote 6 forecast days" in out and "1 days entered by hand kept" in out
    _run(overwrite_manual=True)
    day.refresh_from_db()
    assert (day.weather_code, day.is_manual, day.source) == (51, False, "open-meteo")


def _run(**options):
    from io import StringIO

    out = StringIO()
    call_command("fetch_weather", stdout=out, **options)
    return out.getvalue()


def test_dry_run_fetches_and_checks_but_writes_nothing(location, open_meteo):
    open_meteo.success()
    out = _run(dry_run=True)
    assert "Would write 7 forecast days" in out
    assert forecast_state()[2] == [] and FetchLog.objects.count() == 0


def test_verbosity_two_lists_the_days(location, open_meteo):
    open_meteo.success()
    out = _run(verbosity=2)
    assert "27/11/2026 code 80 24.6-31.4 °C rain 3.20 mm (45%)" in out


def test_location_option_fetches_only_that_location(location, open_meteo):
    other = make_location(
        "Long Xuyên", latitude=Decimal("10.3867"), longitude=Decimal("105.4352"), is_default=False
    )
    open_meteo.success()
    fetch(location="long-xuyen")
    (request,) = open_meteo.requests
    assert request.url.params["latitude"] == "10.3867"
    assert other.days.count() == 7 and location.days.count() == 0
    with pytest.raises(CommandError, match="No location 'ha-noi'"):
        fetch(location="ha-noi")


def test_one_failing_location_does_not_stop_the_others(location, open_meteo):
    make_location("Long Xuyên", is_default=False)
    open_meteo.fail_with(httpx.ReadTimeout, "timed out").success()
    with pytest.raises(CommandError, match="^Weather fetch failed for Châu Đốc: .*timeout"):
        fetch()
    assert Location.objects.get(name="Long Xuyên").days.count() == 7


def test_without_any_location_the_command_says_what_to_do(open_meteo):
    with pytest.raises(CommandError, match="No active location"):
        fetch()


# --- a real socket on this machine, no faking at all: refused and silent servers ---------


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_real_refused_connection_fails_fast_with_one_line(location, monkeypatch):
    monkeypatch.setattr(open_meteo, "URL", f"http://127.0.0.1:{_free_port()}/v1/forecast")
    started = time.monotonic()
    with pytest.raises(CommandError, match=r"^Weather fetch failed for Châu Đốc: Could not reach"):
        fetch(timeout=2)
    assert time.monotonic() - started < 2
    assert FetchLog.objects.get().outcome == "failure"


def test_real_silent_server_ends_within_the_timeout(location, monkeypatch):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)  # accepts the connection in the kernel, never answers
        monkeypatch.setattr(
            open_meteo, "URL", f"http://127.0.0.1:{server.getsockname()[1]}/v1/forecast"
        )
        started = time.monotonic()
        with pytest.raises(CommandError, match="did not answer within the 0.5 s timeout"):
            fetch(timeout=0.5)
        assert time.monotonic() - started < 3


def test_readers_see_a_new_forecast_at_once_despite_the_page_cache(
    client, location, open_meteo, django_capture_on_commit_callbacks
):
    # The recorded days are those around NOW: on the real clock they pass out of the block.
    with time_machine.travel(NOW, tick=False):
        assert "Hiện chưa có số liệu" in client.get("/").content.decode()
        assert client.get("/").headers["X-Page-Cache"] == "hit"
        open_meteo.reply(200, recorded(lambda d: d.pop("current") and d.pop("current_units")))
        with pytest.raises(CommandError):
            fetch()  # a failure changes nothing, and the cached page may stay
        open_meteo.success()
        with django_capture_on_commit_callbacks(execute=True):
            fetch()
        assert "Mưa rào nhẹ" in client.get("/").content.decode()
