"""The weather app's settings, with their defaults (chaudoc/settings/base.py reads each from the
environment variable of the same name; WEATHER_STALE_AFTER from WEATHER_STALE_AFTER_HOURS)."""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # Which provider fetch_weather asks (a key of weather.providers.PROVIDERS).
    "WEATHER_PROVIDER": "open-meteo",
    # Seconds one HTTP request may take (connect, read, write, pool each).
    "WEATHER_TIMEOUT": 10.0,
    # Extra attempts after a 429 or 503, and the first wait between them in seconds
    # (doubled each time, never more than WEATHER_MAX_BACKOFF).
    "WEATHER_RETRIES": 2,
    "WEATHER_BACKOFF": 2.0,
    "WEATHER_MAX_BACKOFF": 30.0,
    # Older data than this is labelled out of date instead of shown as current.
    "WEATHER_STALE_AFTER": timedelta(hours=6),
    # Days of river readings the weather page charts.
    "RIVER_CHART_DAYS": 30,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
