from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeatherConfig(AppConfig):
    name = "weather"
    verbose_name = _("Weather forecast")

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from weather import models

        # One block on every page: any change of its rows touches that block alone.
        invalidate_on_change(
            models.Location,
            models.CurrentConditions,
            models.ForecastDay,
            models.Station,
            models.RiverReading,
            models.Alert,
            tags=models.PAGE_CACHE_TAGS,
        )
