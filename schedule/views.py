"""The week of the work schedule, its print view and its iCalendar feed."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chaudoc.portals import current as portals
from chaudoc.templatetags.portal import WEEKDAYS
from schedule.models import Entry

FEED_WEEKS_BEFORE, FEED_WEEKS_AFTER = 4, 8
MIN_YEAR, MAX_YEAR = 2000, 2100


def monday_of(year, week):
    try:
        return datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise Http404 from None


def _week(request, year, week, template):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    monday = monday_of(year, week)
    sunday = monday + datetime.timedelta(days=6)
    today = timezone.localdate()
    entries = list(Entry.objects.published().for_portal().between(monday, sunday))
    days = []
    for n in range(7):
        day = monday + datetime.timedelta(days=n)
        days.append(
            {
                "date": day,
                "name": WEEKDAYS[n],
                "is_today": day == today,
                "entries": [e for e in entries if e.date == day],
            }
        )
    previous, following = monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7)
    context = {
        "days": days,
        "monday": monday,
        "sunday": sunday,
        "year": year,
        "week": week,
        "count": len(entries),
        "previous_url": _week_url(previous),
        "next_url": _week_url(following),
        "this_week_url": reverse("schedule:this_week"),
        "is_this_week": monday <= today <= sunday,
        "print_url": reverse("schedule:print", kwargs={"year": year, "week": week}),
        "week_url": _week_url(monday),
    }
    response = render(request, template, context)
    # "Today" moves at midnight, which no save marks: the cached copy ends then.
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    response.page_cache_until = timezone.make_aware(midnight)
    return response


def _week_url(monday):
    year, week, _day = monday.isocalendar()
    return reverse("schedule:week", kwargs={"year": year, "week": week})


def this_week(request):
    year, week, _day = timezone.localdate().isocalendar()
    return _week(request, year, week, "schedule/week.html")


def week_view(request, year, week):
    return _week(request, year, week, "schedule/week.html")


def print_view(request, year, week):
    return _week(request, year, week, "schedule/print.html")


def ical_feed(request):
    """The published entries from a few weeks back to a few weeks ahead, as iCalendar
    (RFC 5545, through the `icalendar` library): a calendar application subscribes to it."""
    import icalendar

    from chaudoc.pages.origin import absolute_uri

    today = timezone.localdate()
    first = today - datetime.timedelta(weeks=FEED_WEEKS_BEFORE)
    last = today + datetime.timedelta(weeks=FEED_WEEKS_AFTER)
    portal = portals.current()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Cong thong tin dien tu//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{_('Work schedule')} - {portal.short_name}")
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    host = absolute_uri("/").split("//", 1)[-1].strip("/")
    for entry in Entry.objects.published().for_portal().between(first, last):
        calendar.add_component(_event(icalendar, entry, host, absolute_uri))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response


def _event(icalendar, entry, host, absolute_uri):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(entry.date, entry.start_time, tzinfo=zone)
    end = (
        datetime.datetime.combine(entry.date, entry.end_time, tzinfo=zone)
        if (entry.end_time)
        else start + datetime.timedelta(hours=1)
    )
    event = icalendar.Event()
    event.add("uid", f"lich-{entry.pk}@{host}")
    event.add("dtstamp", entry.adjusted_at or entry.published_at)
    event.add("dtstart", start)
    event.add("dtend", end)
    summary = entry.content
    if entry.adjusted_at:
        summary = f"[{_('adjusted')}] {summary}"
    event.add("summary", summary)
    if entry.place:
        event.add("location", entry.place)
    lines = []
    if entry.chaired_by:
        lines.append(f"{_('Chaired by')}: {entry.chaired_by}")
    if entry.participants:
        lines.append(f"{_('Participants')}: {entry.participants}")
    if entry.preparing_office_id:
        lines.append(f"{_('Preparing office')}: {entry.preparing_office}")
    if lines:
        event.add("description", "\n".join(lines))
    event.add("url", absolute_uri(entry.get_absolute_url()))
    if entry.adjusted_at:
        event.add("last-modified", entry.adjusted_at)
    return event
