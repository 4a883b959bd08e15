"""What the schedule offers other pages: the home page's "this week's schedule" block."""

import datetime

from django import template
from django.utils import timezone

from chaudoc.templatetags.portal import WEEKDAYS
from schedule.models import Entry

register = template.Library()

HOME_ENTRIES = 6


@register.inclusion_tag("schedule/includes/home_block.html")
def schedule_block(count=HOME_ENTRIES):
    """The next published entries of this week, from today on, in one query."""
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    entries = list(Entry.objects.published().for_portal().between(today, sunday)[:count])
    for entry in entries:
        entry.day_name = WEEKDAYS[entry.date.weekday()]
    return {"entries": entries, "today": today}
