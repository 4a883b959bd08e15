from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR

EDITED_BY_MODERATORS = ["forecastday", "riverreading", "alert"]
SEEN_BY_MODERATORS = ["location", "station", "currentconditions", "fetchlog"]


class WeatherConfig(AppConfig):
    name = "weather"
    verbose_name = _("Weather forecast")
    # Collected by chaudoc.wards.roles. Moderators enter and correct forecast days, river
    # readings and urgent notices, and see locations, stations (their alarm levels), current
    # conditions and the fetch log; administrators set locations and alarm levels. Ward editors
    # have no part in the weather block.
    role_permissions = {
        MODERATOR: [
            *(
                f"{verb}_{model}"
                for model in EDITED_BY_MODERATORS
                for verb in ("add", "change", "view", "delete")
            ),
            *(f"view_{model}" for model in SEEN_BY_MODERATORS),
        ],
    }

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
