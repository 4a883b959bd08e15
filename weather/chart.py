"""The river-level chart: geometry for an inline SVG drawn by the template, no JavaScript.

The template (templates/weather/includes/river_chart.html) turns this into <svg> with a
title and description, and a table of daily highs as the text alternative.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from weather import conf
from weather.models import Stage

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 32, 36


@dataclass
class Chart:
    station: object
    start: object
    end: object
    width: int = WIDTH
    height: int = HEIGHT
    points: str = ""
    dots: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    alarms: list = field(default_factory=list)
    daily: list = field(default_factory=list)
    low: Decimal | None = None
    high: Decimal | None = None
    latest: object = None

    plot_left = LEFT
    plot_top = TOP

    @property
    def plot_right(self):
        return self.width - RIGHT

    @property
    def plot_bottom(self):
        return self.height - BOTTOM

    @property
    def has_data(self):
        return bool(self.daily)


def river_chart(station, *, now=None, days=None):
    end = now or timezone.now()
    days = days or conf.get("RIVER_CHART_DAYS")
    start = end - timedelta(days=days)
    readings = list(
        station.readings.filter(measured_at__gte=start, measured_at__lte=end).order_by(
            "measured_at"
        )
    )
    chart = Chart(station=station, start=start, end=end)
    if not readings:
        return chart
    levels = [r.level for r in readings]
    chart.low, chart.high, chart.latest = min(levels), max(levels), readings[-1]
    y_min = math.floor(float(min(min(levels), station.alarm_1)) * 2 - 1) / 2
    y_max = math.ceil(float(max(max(levels), station.alarm_3)) * 2 + 1) / 2
    x = scale(start.timestamp(), end.timestamp(), LEFT, WIDTH - RIGHT)
    y = scale(y_max, y_min, TOP, HEIGHT - BOTTOM)
    coords = [(x(r.measured_at.timestamp()), y(float(r.level))) for r in readings]
    chart.points = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
    if len(readings) <= 62:
        chart.dots = [{"x": f"{px:.1f}", "y": f"{py:.1f}"} for px, py in coords]
    chart.y_ticks = [
        {"y": f"{y(v):.1f}", "value": Decimal(str(v))} for v in frange(y_min, y_max, 0.5)
    ]
    chart.x_ticks = x_ticks(start, end, x)
    chart.alarms = [
        {"y": f"{y(float(level)):.1f}", "level": level, "stage": stage, "name": name}
        for stage, name, level in (
            (1, "BĐ1", station.alarm_1),
            (2, "BĐ2", station.alarm_2),
            (3, "BĐ3", station.alarm_3),
        )
    ]
    chart.daily = daily_highs(readings, station)
    return chart


def scale(domain_lo, domain_hi, out_lo, out_hi):
    span = (domain_hi - domain_lo) or 1

    def to_px(value):
        return out_lo + (value - domain_lo) / span * (out_hi - out_lo)

    return to_px


def frange(lo, hi, step):
    n = round((hi - lo) / step)
    return [round(lo + i * step, 2) for i in range(n + 1)]


def x_ticks(start, end, x):
    """A label about once a week, on local midnights."""
    local_start = timezone.localtime(start)
    day = local_start.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    ticks = []
    while day <= end:
        px = x(day.timestamp())
        # Weekly, and clear of the y axis labels in the corner.
        if (day.date() - local_start.date()).days % 7 == 1 and px - LEFT > 30:
            ticks.append({"x": f"{px:.1f}", "date": day})
        day += timedelta(days=1)
    return ticks


def daily_highs(readings, station):
    """Per local day: the highest level and its alarm stage (the chart's text alternative)."""
    by_day = {}
    for reading in readings:
        key = timezone.localtime(reading.measured_at).date()
        if key not in by_day or reading.level > by_day[key]:
            by_day[key] = reading.level
    return [
        {
            "date": day,
            "level": level,
            "stage": station.stage_for(level),
            "stage_label": Stage(station.stage_for(level)).label,
        }
        for day, level in sorted(by_day.items(), reverse=True)
    ]
