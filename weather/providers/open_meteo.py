"""Open-Meteo (https://open-meteo.com/): free for non-commercial use, data under CC BY 4.0.

One GET of /v1/forecast per location, with a timeout; 429 and 503 are retried a bounded number
of times with a growing wait. The answer is checked (units, array lengths, value ranges) before
anything is returned, so the importer only ever sees a complete, plausible forecast.
"""

import json
import logging
import time
from datetime import date, datetime
from datetime import time as dtime
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx

from weather import conf
from weather.providers import (
    Attribution,
    Current,
    Day,
    Forecast,
    Provider,
    ProviderError,
    one_line,
)
from weather.wmo import WeatherCode

logger = logging.getLogger("weather")

URL = "https://api.open-meteo.com/v1/forecast"
RETRY_STATUSES = {429, 503}

# Variable -> unit Open-Meteo must report for it (None: a unit-less value, not checked).
CURRENT_VARIABLES = {
    "temperature_2m": "°C",
    "relative_humidity_2m": "%",
    "apparent_temperature": "°C",
    "is_day": None,
    "precipitation": "mm",
    "weather_code": "wmo code",
    "cloud_cover": "%",
    "wind_speed_10m": "km/h",
    "wind_direction_10m": "°",
}
DAILY_VARIABLES = {
    "weather_code": "wmo code",
    "temperature_2m_max": "°C",
    "temperature_2m_min": "°C",
    "apparent_temperature_max": "°C",
    "sunrise": "iso8601",
    "sunset": "iso8601",
    "uv_index_max": None,
    "precipitation_sum": "mm",
    "precipitation_probability_max": "%",
    "wind_speed_10m_max": "km/h",
    "wind_direction_10m_dominant": "°",
    "relative_humidity_2m_mean": "%",
    "relative_humidity_2m_max": "%",
    "relative_humidity_2m_min": "%",
}

# Plausible ranges per unit; anything outside is a broken answer, not weather.
RANGES = {
    "°C": (-60, 60),
    "%": (0, 100),
    "mm": (0, 1000),
    "km/h": (0, 300),
    "°": (0, 360),
    "uv": (0, 20),
}
WMO_CODES = frozenset(WeatherCode.values)


class OpenMeteo(Provider):
    name = "open-meteo"
    attribution = Attribution(
        "Open-Meteo",
        "https://open-meteo.com/",
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    )
    # The HTTP transport; None is httpx's real one. Tests put an httpx.MockTransport here.
    transport = None

    def __init__(
        self, *, timeout=None, retries=None, backoff=None, max_backoff=None, sleep=time.sleep
    ):
        self.timeout = float(timeout if timeout is not None else conf.get("WEATHER_TIMEOUT"))
        self.retries = int(retries if retries is not None else conf.get("WEATHER_RETRIES"))
        self.backoff = float(backoff if backoff is not None else conf.get("WEATHER_BACKOFF"))
        self.max_backoff = float(
            max_backoff if max_backoff is not None else conf.get("WEATHER_MAX_BACKOFF")
        )
        self.sleep = sleep

    def fetch(self, location):
        payload = self.request(location)
        return parse(payload, location.timezone)

    @staticmethod
    def params(location):
        return {
            "latitude": coordinate(location.latitude),
            "longitude": coordinate(location.longitude),
            "timezone": location.timezone,
            "current": ",".join(CURRENT_VARIABLES),
            "daily": ",".join(DAILY_VARIABLES),
        }

    def request(self, location):
        attempts = self.retries + 1
        with httpx.Client(transport=self.transport, timeout=self.timeout) as client:
            for attempt in range(1, attempts + 1):
                response = self._get(client, location)
                if response.status_code in RETRY_STATUSES and attempt < attempts:
                    delay = self.delay(attempt, response)
                    logger.info(
                        "Open-Meteo answered %s; retrying in %.1f s (attempt %d/%d).",
                        response.status_code,
                        delay,
                        attempt + 1,
                        attempts,
                    )
                    self.sleep(delay)
                    continue
                return self.payload(response, attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, client, location):
        try:
            return client.get(URL, params=self.params(location))
        except httpx.TimeoutException:
            raise ProviderError(
                f"Open-Meteo did not answer within the {self.timeout:g} s timeout."
            ) from None
        except httpx.TransportError as exc:
            reason = one_line(exc) or type(exc).__name__
            raise ProviderError(f"Could not reach Open-Meteo: {reason}.") from None

    def delay(self, attempt, response):
        wait = self.backoff * 2 ** (attempt - 1)
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.isdigit():
            wait = max(wait, float(retry_after))
        return min(wait, self.max_backoff)

    def payload(self, response, attempts):
        status = response.status_code
        if status == 200:
            try:
                data = response.json()
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise ProviderError(f"Open-Meteo sent malformed JSON ({one_line(exc)}).") from None
            if not isinstance(data, dict):
                raise ProviderError("Open-Meteo sent JSON that is not an object.")
            if data.get("error"):
                raise ProviderError(f"Open-Meteo reported an error: {reason_of(response)}")
            return data
        tries = f"after {attempts} attempts" if attempts > 1 else "on the only attempt"
        if status == 400:
            raise ProviderError(f"Open-Meteo refused the request (HTTP 400): {reason_of(response)}")
        if status == 429:
            raise ProviderError(
                f"Open-Meteo rate limit reached (HTTP 429) {tries}: {reason_of(response)}"
            )
        if status == 503:
            raise ProviderError(f"Open-Meteo is unavailable (HTTP 503) {tries}.")
        raise ProviderError(f"Open-Meteo answered HTTP {status}: {reason_of(response)}")


def coordinate(value):
    """10.7000 -> '10.7' (the form Open-Meteo documents)."""
    return format(Decimal(value).normalize(), "f")


def reason_of(response):
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("reason"):
        return one_line(data["reason"])
    return one_line(response.text) or "no reason given"


# --- parsing and validation -------------------------------------------------------------


def require(mapping, key, where):
    if not isinstance(mapping, dict):
        raise ProviderError(f"Open-Meteo answer has no object at {where}.")
    if key not in mapping:
        raise ProviderError(f"Open-Meteo answer lacks {where}.{key}.")
    return mapping[key]


def check_units(payload, block, variables):
    units = require(payload, f"{block}_units", "response")
    for variable, expected in {"time": "iso8601", **variables}.items():
        unit = require(units, variable, f"{block}_units")
        if expected is not None and unit != expected:
            raise ProviderError(
                f"Open-Meteo sent {block}.{variable} in {unit!r}, expected {expected!r}."
            )


def number(value, where, unit, *, required=False, places=None):
    if value is None:
        if required:
            raise ProviderError(f"Open-Meteo sent no value for {where}.")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProviderError(f"Open-Meteo sent {value!r} for {where}, not a number.")
    low, high = RANGES[unit]
    if not low <= value <= high:
        raise ProviderError(f"Open-Meteo sent an absurd value for {where}: {value} {unit}.")
    if places is None:
        return round(value)
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


def weather_code(value, where):
    if value not in WMO_CODES or isinstance(value, bool):
        raise ProviderError(f"Open-Meteo sent an unknown weather code for {where}: {value!r}.")
    return int(value)


def parse_time(value, where, tz):
    try:
        return datetime.fromisoformat(value).replace(tzinfo=tz)
    except (TypeError, ValueError):
        raise ProviderError(f"Open-Meteo sent a bad time for {where}: {value!r}.") from None


def parse(payload, timezone_name):
    """Turn Open-Meteo's JSON into a Forecast, or raise ProviderError saying what is wrong."""
    tz = ZoneInfo(timezone_name)
    sent_tz = require(payload, "timezone", "response")
    if sent_tz != timezone_name:
        raise ProviderError(f"Open-Meteo answered in time zone {sent_tz!r}, not {timezone_name!r}.")
    check_units(payload, "current", CURRENT_VARIABLES)
    check_units(payload, "daily", DAILY_VARIABLES)
    return Forecast(
        source=OpenMeteo.name,
        current=parse_current(require(payload, "current", "response"), tz),
        days=parse_daily(require(payload, "daily", "response"), tz),
    )


def parse_current(block, tz):
    values = {name: require(block, name, "current") for name in ["time", *CURRENT_VARIABLES]}
    if values["is_day"] not in (0, 1):
        raise ProviderError(f"Open-Meteo sent current.is_day {values['is_day']!r}, not 0 or 1.")
    return Current(
        observed_at=parse_time(values["time"], "current.time", tz),
        weather_code=weather_code(values["weather_code"], "current"),
        temperature=number(
            values["temperature_2m"], "current.temperature_2m", "°C", required=True, places=1
        ),
        apparent_temperature=number(
            values["apparent_temperature"], "current.apparent_temperature", "°C", places=1
        ),
        humidity=number(values["relative_humidity_2m"], "current.relative_humidity_2m", "%"),
        precipitation=number(values["precipitation"], "current.precipitation", "mm", places=2),
        cloud_cover=number(values["cloud_cover"], "current.cloud_cover", "%"),
        wind_speed=number(values["wind_speed_10m"], "current.wind_speed_10m", "km/h", places=1),
        wind_direction=number(values["wind_direction_10m"], "current.wind_direction_10m", "°"),
        is_day=bool(values["is_day"]),
    )


def daily_columns(block):
    columns = {name: require(block, name, "daily") for name in ["time", *DAILY_VARIABLES]}
    for name, column in columns.items():
        if not isinstance(column, list):
            raise ProviderError(f"Open-Meteo sent daily.{name} that is not a list.")
    lengths = {name: len(column) for name, column in columns.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{name} {n}" for name, n in lengths.items() if n != lengths["time"])
        raise ProviderError(
            f"Open-Meteo sent daily arrays of different lengths: time {lengths['time']}, {detail}."
        )
    if not lengths["time"]:
        raise ProviderError("Open-Meteo sent no forecast days.")
    return columns


def parse_daily(block, tz):
    columns = daily_columns(block)
    days = []
    for i, raw_date in enumerate(columns["time"]):
        value = {name: column[i] for name, column in columns.items()}
        days.append(parse_day(value, raw_date, tz))
    dates = [day.date for day in days]
    if dates != sorted(set(dates)):
        raise ProviderError("Open-Meteo sent forecast days out of order or twice.")
    return days


def parse_day(value, raw_date, tz):
    try:
        day = date.fromisoformat(raw_date)
    except (TypeError, ValueError):
        raise ProviderError(f"Open-Meteo sent a bad date: {raw_date!r}.") from None
    where = f"daily {day.isoformat()}"
    t_min = number(
        value["temperature_2m_min"], f"{where} temperature_2m_min", "°C", required=True, places=1
    )
    t_max = number(
        value["temperature_2m_max"], f"{where} temperature_2m_max", "°C", required=True, places=1
    )
    if t_min > t_max:
        raise ProviderError(f"Open-Meteo sent a minimum above the maximum for {where}.")
    return Day(
        date=day,
        weather_code=weather_code(value["weather_code"], where),
        temperature_min=t_min,
        temperature_max=t_max,
        apparent_temperature_max=number(
            value["apparent_temperature_max"], f"{where} apparent_temperature_max", "°C", places=1
        ),
        precipitation_sum=number(
            value["precipitation_sum"], f"{where} precipitation_sum", "mm", places=2
        ),
        precipitation_probability=number(
            value["precipitation_probability_max"], f"{where} precipitation_probability_max", "%"
        ),
        wind_speed_max=number(
            value["wind_speed_10m_max"], f"{where} wind_speed_10m_max", "km/h", places=1
        ),
        wind_direction=number(
            value["wind_direction_10m_dominant"], f"{where} wind_direction_10m_dominant", "°"
        ),
        humidity_mean=number(
            value["relative_humidity_2m_mean"], f"{where} relative_humidity_2m_mean", "%"
        ),
        humidity_min=number(
            value["relative_humidity_2m_min"], f"{where} relative_humidity_2m_min", "%"
        ),
        humidity_max=number(
            value["relative_humidity_2m_max"], f"{where} relative_humidity_2m_max", "%"
        ),
        uv_index_max=number(value["uv_index_max"], f"{where} uv_index_max", "uv", places=2),
        sunrise=clock(value["sunrise"], f"{where} sunrise", tz),
        sunset=clock(value["sunset"], f"{where} sunset", tz),
    )


def clock(value, where, tz) -> dtime | None:
    if value is None:
        return None
    return parse_time(value, where, tz).time()
