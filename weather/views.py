from django.shortcuts import get_object_or_404, render

from weather import selectors
from weather.chart import river_chart
from weather.models import Location


def index(request, slug=None):
    """The weather page: a location's 7-day table and each station's last 30 days."""
    if slug:
        location = get_object_or_404(
            Location.objects.select_related("current"), slug=slug, is_active=True
        )
    else:
        location = selectors.default_location()
    stations = [
        (status, river_chart(station)) for station, status in selectors.station_statuses(request)
    ]
    context = {
        "location": location,
        "locations": list(Location.objects.filter(is_active=True)),
        "forecast": selectors.forecast(location) if location else None,
        "stations": stations,
    }
    return render(request, "weather/index.html", context)
