"""Working days: an answer is due within ANSWER_WORKING_DAYS working days (Nghị định 43/2011
Điều 17: 15). Saturdays, Sundays and Vietnam's public holidays (the `holidays` package: Tết,
Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9, with the days off it knows of) are not working days, and an
administrator's CalendarDay rows overrule both ways: an extra day off, or a make-up working day
("ngày làm bù") on a Saturday.
"""

from datetime import datetime, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=32)
def _public_holidays(year):
    return frozenset(holidays.country_holidays("VN", years=year))


def _overrides(start, end):
    from participation.models import CalendarDay

    return dict(
        CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list(
            "date", "is_working_day"
        )
    )


def is_working_day(day, overrides=None):
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        return overrides[day]
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start, days=None):
    """The `days`-th working day after `start` (a date or a datetime; the day of receipt does
    not count): when an answer is due."""
    days = settings.ANSWER_WORKING_DAYS if days is None else days
    if isinstance(start, datetime):
        start = timezone.localdate(start)  # received at 23:30 in Vietnam is that day there
    # Long enough for the longest run of days off (Tết: up to 9 days) in any stretch.
    overrides = _overrides(start, start + timedelta(days=days * 3 + 30))
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, overrides):
            left -= 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    overrides = _overrides(start, end)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, overrides)
    return count
