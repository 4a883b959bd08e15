"""WMO weather interpretation codes (the ones Open-Meteo sends), their labels and icons."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WeatherCode(models.IntegerChoices):
    CLEAR = 0, _("Clear sky")
    MAINLY_CLEAR = 1, _("Mainly clear")
    PARTLY_CLOUDY = 2, _("Partly cloudy")
    OVERCAST = 3, _("Overcast")
    FOG = 45, _("Fog")
    RIME_FOG = 48, _("Depositing rime fog")
    DRIZZLE_LIGHT = 51, _("Light drizzle")
    DRIZZLE_MODERATE = 53, _("Moderate drizzle")
    DRIZZLE_DENSE = 55, _("Dense drizzle")
    FREEZING_DRIZZLE_LIGHT = 56, _("Light freezing drizzle")
    FREEZING_DRIZZLE_DENSE = 57, _("Dense freezing drizzle")
    RAIN_SLIGHT = 61, _("Slight rain")
    RAIN_MODERATE = 63, _("Moderate rain")
    RAIN_HEAVY = 65, _("Heavy rain")
    FREEZING_RAIN_LIGHT = 66, _("Light freezing rain")
    FREEZING_RAIN_HEAVY = 67, _("Heavy freezing rain")
    SNOW_SLIGHT = 71, _("Slight snowfall")
    SNOW_MODERATE = 73, _("Moderate snowfall")
    SNOW_HEAVY = 75, _("Heavy snowfall")
    SNOW_GRAINS = 77, _("Snow grains")
    SHOWERS_SLIGHT = 80, _("Slight rain showers")
    SHOWERS_MODERATE = 81, _("Moderate rain showers")
    SHOWERS_VIOLENT = 82, _("Violent rain showers")
    SNOW_SHOWERS_SLIGHT = 85, _("Slight snow showers")
    SNOW_SHOWERS_HEAVY = 86, _("Heavy snow showers")
    THUNDERSTORM = 95, _("Thunderstorm")
    THUNDERSTORM_SLIGHT_HAIL = 96, _("Thunderstorm with slight hail")
    THUNDERSTORM_HEAVY_HAIL = 99, _("Thunderstorm with heavy hail")


# Icon names under static/weather/icons/; "{}" takes "day" or "night".
_ICONS = {
    (0,): "clear-{}",
    (1, 2): "partly-cloudy-{}",
    (3,): "cloudy",
    (45, 48): "fog",
    (51, 53, 55): "drizzle",
    (56, 57, 66, 67): "sleet",
    (61, 63, 65): "rain",
    (71, 73, 75, 77, 85, 86): "snow",
    (80, 81, 82): "showers-{}",
    (95, 96, 99): "thunderstorm",
}
ICON_BY_CODE = {code: name for codes, name in _ICONS.items() for code in codes}


def label(code):
    try:
        return WeatherCode(code).label
    except ValueError:
        return _("Unknown weather")


def icon(code, is_day=True):
    """Static path of the icon for a code, in its day or night variant."""
    name = ICON_BY_CODE.get(code, "cloudy").format("day" if is_day else "night")
    return f"weather/icons/{name}.svg"


def icon_names():
    """Every icon file the mapping can ask for (the tests check each one exists)."""
    names = set()
    for name in ICON_BY_CODE.values():
        names.update({name.format("day"), name.format("night")})
    return sorted(names)
