"""Demo data for the weather app, called by chaudoc's load_demo. Never touches the network."""

import dataclasses
import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from weather.importer import store
from weather.models import FetchLog, Location, RiverReading, Station
from weather.providers import sample_source
from weather.providers.open_meteo import parse

# A real answer of Open-Meteo for Châu Đốc (recorded on 27/11/2026; the tests read a copy).
SAMPLE_RESPONSE = Path(__file__).parent / "sample" / "open_meteo_chau_doc.json"

DEMO_SOURCE = "Số liệu minh hoạ (demo)"


def load_demo(now=None):
    """The default location, the Châu Đốc station with its alarm levels, and 30 days of
    illustrative readings below BĐ1 (only when the station has none). Idempotent."""
    location, _ = Location.objects.get_or_create(
        name="Châu Đốc",
        defaults={
            "latitude": Decimal("10.70"),
            "longitude": Decimal("105.12"),
            "timezone": "Asia/Ho_Chi_Minh",
            "is_default": True,
        },
    )
    station, _ = Station.objects.get_or_create(
        name="Châu Đốc",
        river="Hậu",
        defaults={
            "alarm_1": Decimal("3.00"),
            "alarm_2": Decimal("3.50"),
            "alarm_3": Decimal("4.00"),
            "is_default": True,
        },
    )
    readings = 0
    if not station.readings.exists():
        readings = len(demo_readings(station, now or timezone.now()))
    return location, station, readings


def demo_readings(station, now):
    # A receding late-season flood: from about 2.9 m down to about 2.3 m, one reading at 7:00.
    seven = timezone.localtime(now).replace(hour=7, minute=0, second=0, microsecond=0)
    if seven > now:
        seven -= timedelta(days=1)
    rows = [
        RiverReading(
            station=station,
            measured_at=seven - timedelta(days=n),
            source=DEMO_SOURCE,
            level=Decimal("2.30") + Decimal(n) * Decimal("0.02") + Decimal((n * 7) % 5 - 2) / 100,
        )
        for n in range(30)
    ]
    return RiverReading.objects.bulk_create(rows)


def load_sample_forecast(location, now=None):
    """Until a real fetch succeeds, the home page's weather block shows Open-Meteo's recorded
    answer (SAMPLE_RESPONSE) moved to today, its rows stamped as sample data (the block says
    so, and still credits Open-Meteo). A location that has had a successful fetch is left as
    it is. Returns what it did, in words."""
    now = now or timezone.now()
    fetched = FetchLog.objects.filter(location=location, outcome=FetchLog.Outcome.SUCCESS)
    if fetched.exists():
        return "real forecast kept"
    forecast = parse(json.loads(SAMPLE_RESPONSE.read_text(encoding="utf-8")), location.timezone)
    shift = location.today(now) - forecast.days[0].date
    observed = timezone.localtime(now).replace(second=0, microsecond=0)
    forecast = dataclasses.replace(
        forecast,
        source=sample_source(forecast.source),
        current=dataclasses.replace(
            forecast.current, observed_at=observed - timedelta(minutes=observed.minute % 15)
        ),
        days=[dataclasses.replace(day, date=day.date + shift) for day in forecast.days],
    )
    written, _kept = store(location, forecast, overwrite_manual=False, now=now)
    return f"sample forecast, {written} days"
