"""What pages may ask of the weather app. Everything here reads the database only."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from chaudoc.pagecache.furniture import furniture
from chaudoc.pagecache.tags import depends_on
from chaudoc.pages.security import is_safe_link
from weather import conf
from weather.models import (
    PAGE_CACHE_TAGS,
    STAGE_SEVERITY,
    Alert,
    CurrentConditions,
    Location,
    RiverReading,
    Severity,
    Stage,
    Station,
)
from weather.providers import attribution_for, is_sample


def default_location():
    return Location.objects.filter(is_active=True).select_related("current").first()


@dataclass
class ForecastView:
    location: Location
    today: object
    current: CurrentConditions | None  # only when fresh: old "now" is not shown as now
    days: list
    updated_at: datetime | None
    stale: bool
    attributions: list = field(default_factory=list)
    sample: bool = False  # the demo's recorded forecast, not a real one (weather.demo)

    @property
    def has_data(self):
        return bool(self.current or self.days)


def current_of(location):
    try:
        return location.current
    except CurrentConditions.DoesNotExist:
        return None


def forecast(location, *, days=7, now=None):
    """The location's forecast from today on, with its age judged against WEATHER_STALE_AFTER."""
    now = now or timezone.now()
    stale_after = conf.get("WEATHER_STALE_AFTER")
    upcoming = list(location.days.filter(date__gte=location.today(now)).order_by("date")[:days])
    current = current_of(location)
    stamps = [day.fetched_at for day in upcoming] + ([current.fetched_at] if current else [])
    updated_at = max(stamps) if stamps else None
    if current and now - current.fetched_at > stale_after:
        current = None
    sources = {day.source for day in upcoming} | ({current.source} if current else set())
    return ForecastView(
        location=location,
        today=location.today(now),
        current=current,
        days=upcoming,
        updated_at=updated_at,
        stale=updated_at is not None and now - updated_at > stale_after,
        attributions=list(dict.fromkeys(a for a in map(attribution_for, sorted(sources)) if a)),
        sample=any(map(is_sample, sources)),
    )


@dataclass
class RiverStatus:
    station: Station
    reading: RiverReading
    previous: RiverReading | None

    @property
    def stage(self):
        return self.station.stage_for(self.reading.level)

    @property
    def stage_label(self):
        return Stage(self.stage).label

    @property
    def threshold(self):
        return self.station.threshold_for(self.stage)

    @property
    def change(self):
        return None if self.previous is None else self.reading.level - self.previous.level

    @property
    def trend(self):
        change = self.change
        if change is None:
            return None
        return "up" if change > 0 else "down" if change < 0 else "steady"


def station_statuses(request=None):
    """(station, RiverStatus or None) for every active station, the default first.

    One query for the stations; their statuses come from river_statuses (shared with the banner).
    """
    by_station = {status.station.pk: status for status in river_statuses(request)}
    return [
        (station, by_station.get(station.pk)) for station in Station.objects.filter(is_active=True)
    ]


def river_statuses(request=None):
    """RiverStatus of every active station that has readings, the default station first.

    One query (the latest two readings per station, with their station: latest_two_readings),
    remembered on the request: every page's banner and the home block ask for it.
    """
    memo = getattr(request, "_weather_river", None) if request is not None else None
    if memo is not None:
        return memo
    latest = {}
    for reading in _latest_two_with_stations():
        latest.setdefault(reading.station_id, []).append(reading)
    result = [
        RiverStatus(readings[0].station, readings[0], readings[1] if len(readings) > 1 else None)
        for readings in latest.values()
    ]
    result.sort(key=lambda status: (not status.station.is_default, status.station.name))
    if request is not None:
        request._weather_river = result
    return result


def latest_two_readings():
    """The two newest readings of each active station, newest first, in one query that reads
    two index entries per station however long the stations have been reporting."""
    newest = RiverReading.objects.filter(station=OuterRef("pk")).order_by("-measured_at")
    active = Station.objects.filter(is_active=True).order_by()
    picks = active.values(pick=Subquery(newest.values("pk")[:1])).union(
        active.values(pick=Subquery(newest.values("pk")[1:2])), all=True
    )
    return (
        RiverReading.objects.select_related("station")
        .filter(pk__in=picks)
        .order_by("station_id", "-measured_at")
    )


_READING_COLUMNS = [f.attname for f in RiverReading._meta.concrete_fields]
_STATION_COLUMNS = [f.attname for f in Station._meta.concrete_fields]
_river_sql = {}  # database alias -> (sql, params) of latest_two_readings()


def _latest_two_with_stations():
    """latest_two_readings(), each reading with its station, as model instances.

    Every page's banner runs this query and its SQL never changes (no time, no input in it):
    on PostgreSQL the ORM builds it once per process and database, and each page only sends it
    (building it took about 2 ms of CPU, sending it 0.1 ms). PostgreSQL returns these columns as
    Python values (Decimal, aware datetimes) with no converter to apply. Elsewhere (SQLite in
    development) the ORM runs the query as usual.

    Kept for its measured win (Query.sql_with_params is not a documented API): an article page
    with the page cache off costs 10.8 ms of CPU with it, 15.4 ms without (29 %;
    bench/private_apis.py, 2026-12-01).
    """
    if connection.vendor != "postgresql":
        return list(latest_two_readings())
    compiled = _river_sql.get(connection.alias)
    if compiled is None:
        columns = _READING_COLUMNS + [f"station__{name}" for name in _STATION_COLUMNS]
        compiled = latest_two_readings().values_list(*columns).query.sql_with_params()
        _river_sql[connection.alias] = compiled
    with connection.cursor() as cursor:
        cursor.execute(*compiled)
        rows = cursor.fetchall()
    split, readings = len(_READING_COLUMNS), []
    for row in rows:
        reading = RiverReading.from_db(connection.alias, _READING_COLUMNS, row[:split])
        reading.station = Station.from_db(connection.alias, _STATION_COLUMNS, row[split:])
        readings.append(reading)
    return readings


def default_river_status(request=None):
    statuses = river_statuses(request)
    return statuses[0] if statuses else None


@dataclass
class Banner:
    """One site-wide banner; `key` names it for the reader's 'dismiss' (with its severity)."""

    key: str
    severity: int
    text: str = ""
    link: str = ""
    river: RiverStatus | None = None

    @property
    def severity_label(self):
        return Severity(self.severity).label


def active_banners(now=None, request=None):
    """Banners raised by hand inside their window, then one per station at or above BĐ1; now,
    built once per change (every page shows them)."""
    if now is None:
        return furniture("weather:banners", lambda: _banners(timezone.now(), request), True)
    return _banners(now, request)


def _banners(now, request):
    depends_on(*PAGE_CACHE_TAGS)  # also when there is none: the next notice must show
    banners = [
        Banner(
            key=f"alert-{alert.pk}",
            severity=alert.severity,
            text=alert.text,
            link=alert.link if is_safe_link(alert.link) else "",
        )
        for alert in Alert.objects.active(now).for_portal()
    ]
    for status in river_statuses(request):
        if status.stage >= Stage.BD1:
            banners.append(
                Banner(
                    key=river_banner_key(status),
                    river=status,
                    severity=STAGE_SEVERITY[status.stage],
                )
            )
    return sorted(banners, key=lambda banner: -banner.severity)


def river_banner_key(status):
    """Named after the reading that started this flood episode, so a new flood shows again."""
    station = status.station
    readings = station.readings.filter(measured_at__lte=status.reading.measured_at)
    last_below = (
        readings.filter(level__lt=station.alarm_1)
        .order_by("-measured_at")
        .values("measured_at")[:1]
    )
    never = Value(datetime(1900, 1, 1, tzinfo=UTC))
    started = (
        readings.filter(measured_at__gt=Coalesce(Subquery(last_below), never))
        .order_by("measured_at")
        .values_list("measured_at", flat=True)
        .first()
    )
    return f"river-{station.pk}-{started:%Y%m%d%H%M}"
