"""Store what a provider returns: all days of a location in one transaction, or nothing.

Every attempt leaves a FetchLog row and a log line; a failed one leaves the forecast exactly
as it was, so readers keep seeing the last good data (marked out of date when it gets old).
"""

import logging
from dataclasses import asdict, dataclass, fields

from django.db import DatabaseError, transaction
from django.utils import timezone

from chaudoc.pagecache.tags import invalidate, one_invalidation
from weather.models import PAGE_CACHE_TAGS, CurrentConditions, FetchLog, ForecastDay
from weather.providers import Day, ProviderError, one_line

logger = logging.getLogger("weather")

DAY_FIELDS = [f.name for f in fields(Day) if f.name != "date"]


class FetchFailed(Exception):
    """The import of one location failed; str() is the one-line reason."""


@dataclass
class ImportResult:
    location: object
    provider: str
    written: int
    kept_manual: int
    dry_run: bool
    forecast: object


def import_forecast(location, provider, *, dry_run=False, overwrite_manual=False):
    now = timezone.now()
    try:
        forecast = provider.fetch(location)
        with one_invalidation(), transaction.atomic():  # the pages once, not once per day
            written, kept = store(location, forecast, overwrite_manual=overwrite_manual, now=now)
            if dry_run:
                transaction.set_rollback(True)
    except ProviderError as exc:
        fail(location, provider, str(exc), dry_run, now)
    except DatabaseError as exc:
        fail(location, provider, f"Could not store the forecast: {one_line(exc)}", dry_run, now)
    result = ImportResult(location, provider.name, written, kept, dry_run, forecast)
    message = f"{written} days written, {kept} manual days kept."
    logger.info(
        "Weather for %s from %s: %s%s",
        location,
        provider.name,
        message,
        " (dry run)" if dry_run else "",
    )
    if not dry_run:
        FetchLog.objects.create(
            location=location,
            provider=provider.name,
            started_at=now,
            outcome=FetchLog.Outcome.SUCCESS,
            message=message,
            days_written=written,
        )
    return result


def fail(location, provider, reason, dry_run, now):
    logger.warning("Weather fetch for %s from %s failed: %s", location, provider.name, reason)
    if not dry_run:
        FetchLog.objects.create(
            location=location,
            provider=provider.name,
            started_at=now,
            outcome=FetchLog.Outcome.FAILURE,
            message=reason,
        )
    raise FetchFailed(reason)


def store(location, forecast, *, overwrite_manual, now):
    """Write the forecast; days a moderator entered by hand stay unless overwrite_manual."""
    if forecast.current is not None:
        CurrentConditions.objects.update_or_create(
            location=location,
            defaults={**asdict(forecast.current), "source": forecast.source, "fetched_at": now},
        )
    manual = set()
    if not overwrite_manual:
        manual = set(
            location.days.filter(
                is_manual=True, date__in=[d.date for d in forecast.days]
            ).values_list("date", flat=True)
        )
    rows = [
        ForecastDay(
            location=location,
            date=day.date,
            is_manual=False,
            source=forecast.source,
            fetched_at=now,
            **{name: getattr(day, name) for name in DAY_FIELDS},
        )
        for day in forecast.days
        if day.date not in manual
    ]
    ForecastDay.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["location", "date"],
        update_fields=[*DAY_FIELDS, "is_manual", "source", "fetched_at"],
    )
    # bulk_create sends no post_save: tell the page cache that readers' pages changed.
    transaction.on_commit(lambda: invalidate(*PAGE_CACHE_TAGS))
    return len(rows), len(manual)
