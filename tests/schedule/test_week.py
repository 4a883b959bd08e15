"""The leaders' work schedule: the week, its print view, its iCalendar feed, the home block,
and the "điều chỉnh" mark of an entry changed after publication."""

import datetime

import icalendar
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from chaudoc.pagecache.pages import _local
from chaudoc.portals.current import default_portal
from chaudoc.publishing.states import Status
from schedule.models import Entry
from tests.about.factories import make_entry, make_leader
from tests.budgets import cold_pages
from tests.factories import NOW, make_portal, save_version

pytestmark = pytest.mark.django_db

# Friday 27/11/2026 (tests.factories.NOW): its week runs from Monday 23 to Sunday 29.
MONDAY = datetime.date(2026, 11, 23)
WEEK_URL = "/lich-cong-tac/2026/tuan-48/"
DAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@pytest.fixture(autouse=True)
def _pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def _days(html):
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    return [" ".join(h.text().split()) for h in HTMLParser(html).css(".schedule-day-title")]


def test_the_week_runs_monday_to_sunday_with_vietnamese_day_names_and_today_marked(client):
    make_entry("Giao ban đầu tuần", day=MONDAY)
    html = client.get("/lich-cong-tac/").content.decode()
    titles = _days(html)
    assert [t.split(",")[0] for t in titles] == DAYS
    assert titles[0].startswith("Thứ Hai, 23/11/2026") and titles[6].startswith("Chủ nhật, 29/11")
    assert "(hôm nay)" in titles[4] and sum("hôm nay" in t for t in titles) == 1
    assert 'class="schedule-day is-today"' in html
    assert "Giao ban đầu tuần" in html


def test_previous_and_next_weeks_and_the_print_view(client):
    make_entry("Họp tuần trước", day=MONDAY - datetime.timedelta(days=3))
    make_entry("Họp tuần sau", day=MONDAY + datetime.timedelta(days=8))
    html = client.get(WEEK_URL).content.decode()
    assert 'href="/lich-cong-tac/2026/tuan-47/"' in html
    assert 'href="/lich-cong-tac/2026/tuan-49/"' in html
    assert "Họp tuần trước" not in html and "Họp tuần sau" not in html
    assert "Họp tuần trước" in client.get("/lich-cong-tac/2026/tuan-47/").content.decode()
    printed = client.get(reverse("schedule:print", kwargs={"year": 2026, "week": 48}))
    assert printed.status_code == 200
    text = printed.content.decode()
    assert "Lịch công tác của lãnh đạo" in text and "Thứ Hai" in text
    assert 'class="site-header"' not in text  # nothing but the schedule on paper


def test_english_week_uses_english_day_names(client):
    html = client.get("/en" + WEEK_URL).content.decode()
    assert [t.split(",")[0] for t in _days(html)][0] == "Monday"


def test_only_published_entries_of_the_portal_are_shown(client):
    make_entry("Lịch đã đăng", day=MONDAY)
    make_entry("Lịch nháp", day=MONDAY, status=Status.DRAFT)
    make_entry("Lịch chờ duyệt", day=MONDAY, status=Status.PENDING)
    make_entry("Lịch trong thùng rác", day=MONDAY, deleted_at=timezone.now())
    make_entry("Lịch của phường khác", day=MONDAY, portal=make_portal("Phường Khác"))
    html = client.get(WEEK_URL).content.decode()
    assert "Lịch đã đăng" in html
    for hidden in ("Lịch nháp", "Lịch chờ duyệt", "Lịch trong thùng rác", "Lịch của phường khác"):
        assert hidden not in html


@pytest.mark.parametrize("week", ["tuan-54", "tuan-0"])
def test_a_week_that_does_not_exist_is_a_404(client, week):
    assert client.get(f"/lich-cong-tac/2026/{week}/").status_code == 404
    assert client.get("/lich-cong-tac/99999/tuan-1/").status_code == 404


def test_an_entry_edited_after_publication_is_marked_adjusted_with_the_time(client, moderator):
    entry = make_entry("Tiếp công dân", day=MONDAY + datetime.timedelta(days=5))
    assert entry.adjusted_at is None
    html = client.get(WEEK_URL).content.decode()
    assert "điều chỉnh" not in html
    client.force_login(moderator)
    data = {
        "content_vi": "Tiếp công dân",
        "place_vi": "Hội trường UBND",  # the place moved
        "participants_vi": entry.participants_vi,
        "date": "28/11/2026",
        "start_time": "08:00",
        "ward": "",
        "published_at_0": f"{timezone.localtime(entry.published_at):%Y-%m-%d}",
        "published_at_1": f"{timezone.localtime(entry.published_at):%H:%M:%S}",
    }
    for name in ("content_en", "place_en", "participants_en", "chair_text_vi", "chair_text_en"):
        data.setdefault(name, "")
    response = client.post(reverse("admin:schedule_entry_change", args=[entry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert entry.place_vi == "Hội trường UBND" and entry.adjusted_at == NOW
    client.logout()
    cache.clear()
    _local.clear()
    html = client.get(WEEK_URL).content.decode()
    assert "(điều chỉnh 10:15 27/11/2026)" in html


def test_edits_before_publication_are_not_adjustments():
    entry = make_entry("Họp chuẩn bị", day=MONDAY, status=Status.DRAFT)
    entry.place_vi = "Nơi khác"
    entry.save()
    entry.status = Status.PUBLISHED
    entry.save()  # publishing is not an adjustment either
    assert Entry.objects.get(pk=entry.pk).adjusted_at is None


def test_versions_show_the_diff_and_revert_restores_the_earlier_content(client, moderator):
    entry = make_entry("Họp bàn kế hoạch năm", day=MONDAY)
    save_version(entry, moderator, "Bản đầu")
    entry.content_vi = "Họp bàn kế hoạch quý"
    save_version(entry, moderator, "Sửa")
    client.force_login(moderator)
    page = client.get(reverse("admin:schedule_entry_change", args=[entry.pk])).content.decode()
    assert "<del>năm</del>" in page and "<ins>quý</ins>" in page
    first = Version.objects.get_for_object(entry).order_by("pk").first()
    client.post(reverse("admin:schedule_entry_revert", args=[entry.pk, first.pk]))
    entry.refresh_from_db()
    assert entry.content_vi == "Họp bàn kế hoạch năm"
    assert entry.adjusted_at == NOW  # a published entry put back is a change readers see


def test_the_icalendar_feed_parses_and_carries_the_entries(client):
    leader = make_leader("Trần Văn Chủ Trì")
    make_entry(
        "Hội nghị sơ kết",
        day=MONDAY + datetime.timedelta(days=1),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        chair=leader,
        place_vi="Hội trường",
    )
    make_entry("Lịch nháp", day=MONDAY, status=Status.DRAFT)
    response = client.get(reverse("schedule:ical"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Hội nghị sơ kết"]
    event = events[0]
    start = event.decoded("dtstart")
    assert start == datetime.datetime(2026, 11, 24, 14, 0, tzinfo=start.tzinfo)
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert event.decoded("dtend") - start == datetime.timedelta(hours=2, minutes=30)
    assert str(event["location"]) == "Hội trường"
    assert "Trần Văn Chủ Trì" in str(event["description"])
    pk = Entry.objects.get(content_vi="Hội nghị sơ kết").pk
    assert str(event["url"]).endswith(f"/lich-cong-tac/2026/tuan-48/#lich-{pk}")


def test_the_home_page_shows_the_rest_of_this_weeks_schedule(client):
    make_entry("Đã qua hôm thứ Hai", day=MONDAY)
    make_entry("Làm việc chiều thứ Sáu", day=MONDAY + datetime.timedelta(days=4))
    make_entry("Họp sáng Chủ nhật", day=MONDAY + datetime.timedelta(days=6))
    make_entry("Họp tuần sau", day=MONDAY + datetime.timedelta(days=7))
    html = client.get("/").content.decode()
    block = html.split('class="schedule-block"', 1)[1].split("</section>", 1)[0]
    assert "Làm việc chiều thứ Sáu" in block and "Thứ Sáu 27/11" in block
    assert "Họp sáng Chủ nhật" in block
    assert "Đã qua hôm thứ Hai" not in block and "Họp tuần sau" not in block
    assert 'href="/lich-cong-tac/"' in block


def _entries(count):
    leaders = [make_leader(f"Lãnh đạo {n}") for n in range(3)]
    Entry.objects.bulk_create(
        Entry(
            content_vi=f"Lịch số {n}",
            date=MONDAY + datetime.timedelta(days=n % 7 if n < 20 else n % 400),
            start_time=datetime.time(7 + n % 10, 0),
            chair=leaders[n % 3],
            portal=default_portal(),
            status=Status.PUBLISHED,
            published_at=NOW - datetime.timedelta(days=1),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [20, 2000])
def test_the_week_stays_within_four_queries(client, django_assert_max_num_queries, count):
    _entries(count)
    cold_pages()
    with django_assert_max_num_queries(4):
        response = client.get(WEEK_URL)
    assert response.status_code == 200
    shown = response.content.decode().count('class="schedule-entry"')
    assert shown == (20 if count == 20 else len([n for n in range(count) if n < 20 or n % 400 < 7]))
