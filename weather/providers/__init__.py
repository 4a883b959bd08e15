"""Weather providers behind one small interface.

A provider turns a Location into a `Forecast` (plain data, validated) or raises
`ProviderError` with a one-line reason. The importer (weather/importer.py) stores what a
provider returns; views only read the database, so a second provider is one more module
here and one more line in PROVIDERS.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from importlib import import_module

PROVIDERS = {
    "open-meteo": "weather.providers.open_meteo.OpenMeteo",
}


class ProviderError(Exception):
    """A fetch that produced nothing usable; str() is one line meant for people."""


def one_line(text, limit=240):
    """Messages end up in one-line command errors and log lines: no newlines, bounded."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Attribution:
    name: str
    url: str
    licence: str
    licence_url: str


@dataclass(frozen=True)
class Current:
    observed_at: datetime
    weather_code: int
    temperature: Decimal
    apparent_temperature: Decimal | None = None
    humidity: int | None = None
    precipitation: Decimal | None = None
    cloud_cover: int | None = None
    wind_speed: Decimal | None = None
    wind_direction: int | None = None
    is_day: bool = True


@dataclass(frozen=True)
class Day:
    date: date
    weather_code: int
    temperature_min: Decimal
    temperature_max: Decimal
    apparent_temperature_max: Decimal | None = None
    precipitation_sum: Decimal | None = None
    precipitation_probability: int | None = None
    wind_speed_max: Decimal | None = None
    wind_direction: int | None = None
    humidity_mean: int | None = None
    humidity_min: int | None = None
    humidity_max: int | None = None
    uv_index_max: Decimal | None = None
    sunrise: time | None = None
    sunset: time | None = None


@dataclass(frozen=True)
class Forecast:
    source: str
    current: Current | None
    days: list[Day] = field(default_factory=list)


class Provider:
    """Interface: a name stored on the rows, a credit line, and fetch()."""

    name = ""
    attribution: Attribution | None = None

    def fetch(self, location) -> Forecast:
        raise NotImplementedError


def provider_class(name):
    try:
        dotted = PROVIDERS[name]
    except KeyError:
        raise ProviderError(f"Unknown weather provider {name!r}.") from None
    module, _, cls = dotted.rpartition(".")
    return getattr(import_module(module), cls)


def get_provider(name, **options):
    return provider_class(name)(**options)


# Rows of a provider's recorded answer, shown by the demo until a real fetch succeeds
# (weather.demo.load_sample_forecast): "open-meteo+sample". Readers are told it is sample data.
SAMPLE_SUFFIX = "+sample"


def sample_source(source):
    return f"{source}{SAMPLE_SUFFIX}"


def is_sample(source):
    return str(source).endswith(SAMPLE_SUFFIX)


def attribution_for(source):
    """The credit owed for rows stamped with `source` (None for manual data); the provider's
    own for its recorded sample."""
    source = str(source).removesuffix(SAMPLE_SUFFIX)
    if source not in PROVIDERS:
        return None
    return provider_class(source).attribution
