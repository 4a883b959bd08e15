"""Demo data for the weather app, called by chaudoc's load_demo. Never touches the network."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from weather.models import Location, RiverReading, Station

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
