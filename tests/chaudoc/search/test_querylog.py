"""What residents search for: counted without who asked, shown only when searched often."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from chaudoc.search import querylog
from chaudoc.search.models import SearchQueryCount
from tests.factories import make_article, make_editor, make_moderator, make_staff, make_ward

pytestmark = pytest.mark.django_db

REPORT = "admin:chaudoc_searchquerycount_changelist"


@pytest.fixture
def content():
    make_article("Chủ động ứng phó lũ trên sông Hậu")


def searched(client, query, times=1, **extra):
    for _ in range(times):
        assert client.get(reverse("search"), {"q": query}, **extra).status_code == 200


def test_the_stored_counts_hold_no_address_cookie_or_account(content, client, settings):
    settings.SEARCH_LOG_FLUSH_EVERY = 3
    settings.PAGE_CACHE_SECONDS = 0
    resident = make_staff("cu-dan-ten-rieng")
    resident.is_staff = False
    resident.save()
    client.force_login(resident)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.cookies["theo-doi"] = "cookie-rieng-cua-nguoi-doc"
    address = "203.0.113.77"
    for query in ["lũ", "Lũ", "bão số 9"]:  # the third search writes the buffer
        searched(client, query, REMOTE_ADDR=address, HTTP_USER_AGENT="Trình-duyệt-riêng")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SearchQueryCount._meta.db_table}")
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    assert columns == ["id", "day", "query", "searches", "empty"]
    assert sorted((row[2], row[3], row[4]) for row in rows) == [("bão số 9", 1, 1), ("lũ", 2, 0)]
    stored = " ".join(str(value) for row in rows for value in row)
    secrets = [address, "203.0.113", session, "cookie-rieng", "cu-dan", "Trình-duyệt"]
    assert not [secret for secret in secrets if secret in stored]


def test_a_repeat_answered_by_the_page_cache_counts_once(content, client):
    searched(client, "lũ", times=3)
    querylog.flush()
    assert SearchQueryCount.objects.get().searches == 1


def test_counts_are_kept_in_the_cache_until_written(content, client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every search reaches the view
    searched(client, "lũ", times=2)
    assert not SearchQueryCount.objects.exists()  # a reader's request writes nothing
    assert querylog.flush() == 1
    row = SearchQueryCount.objects.get()
    assert (row.query, row.searches, row.empty, row.day) == ("lũ", 2, 0, timezone.localdate())
    searched(client, "LŨ")
    querylog.flush()
    assert SearchQueryCount.objects.get().searches == 3


def test_spellings_of_one_query_are_counted_together(content, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for query in ["Uỷ ban", "ủy   BAN", "Ủy ban!"]:
        searched(client, query)
    querylog.flush()
    assert list(SearchQueryCount.objects.values_list("query", "searches")) == [("ủy ban", 3)]


def test_later_pages_and_filtered_searches_are_not_counted_again(content, client):
    client.get(reverse("search"), {"q": "lũ", "page": "2"})
    client.get(reverse("search"), {"q": "lũ", "date_from": "2024-01-01"})
    querylog.flush()
    assert not SearchQueryCount.objects.exists()


def _rows(day, *rows):
    SearchQueryCount.objects.bulk_create(
        [SearchQueryCount(day=day, query=q, searches=n, empty=e) for q, n, e in rows]
    )


def test_the_report_never_shows_a_query_seen_fewer_times_than_the_threshold(settings):
    settings.SEARCH_REPORT_MIN_COUNT = 3
    today = timezone.localdate()
    _rows(today, ("lũ", 9, 0), ("giấy khai sinh", 3, 3), ("nguyễn văn a nợ", 2, 2))
    _rows(today - timedelta(days=1), ("nguyễn văn a nợ", 1, 1), ("lũ", 1, 0))
    frequent, nothing = querylog.report(today, today)
    assert [r["query"] for r in frequent] == ["lũ", "giấy khai sinh"]
    assert [r["query"] for r in nothing] == ["giấy khai sinh"]
    # Over the month the rare one reaches 3: shown then, as a count of the month.
    first = today.replace(day=1)
    if today.day > 1:
        frequent, nothing = querylog.report(first, today)
        assert ("nguyễn văn a nợ", 3) in [(r["query"], r["searches"]) for r in frequent]


def test_editors_read_the_report_per_day_and_month(client, settings):
    settings.SEARCH_REPORT_MIN_COUNT = 2
    today = timezone.localdate()
    _rows(today, ("bhyt học sinh", 4, 4), ("lịch tiêm", 5, 0), ("số nhà của tôi", 1, 1))
    editor = make_editor("bientap-bc", make_ward("Núi Sam"))
    client.force_login(editor)
    html = client.get(reverse(REPORT)).content.decode()
    assert "Người dân tìm gì" in html
    assert "lịch tiêm" in html and "bhyt học sinh" in html
    assert "số nhà của tôi" not in html
    assert "Thêm làm từ viết tắt" not in html  # ward editors read the table, cannot add
    month = client.get(reverse(REPORT), {"period": "month", "day": today.isoformat()})
    assert "lịch tiêm" in month.content.decode()


def test_from_a_query_that_found_nothing_a_moderator_adds_an_abbreviation(client, settings):
    settings.SEARCH_REPORT_MIN_COUNT = 2
    _rows(timezone.localdate(), ("bhyt <b>học</b> sinh", 4, 4))
    client.force_login(make_moderator("kiemduyet-bc"))
    html = client.get(reverse(REPORT)).content.decode()
    assert "bhyt &lt;b&gt;học&lt;/b&gt; sinh" in html  # escaped
    add = reverse("admin:chaudoc_abbreviation_add")
    assert (
        f'href="{add}?short_form=bhyt%20%3Cb%3Eh%E1%BB%8Dc%3C/b%3E%20sinh&amp;kind=synonym"' in html
    )
    form = client.get(add, {"short_form": "giay khai sinh", "kind": "synonym"}).content.decode()
    assert 'value="giay khai sinh"' in form
    assert '<option value="synonym" selected>' in form


@pytest.mark.parametrize(
    "params",
    [
        {"period": "year"},
        {"day": "31/02/2024"},
        {"day": "9999-12-31"},
        {"day": "\x00"},
        {"period": "month", "day": "1899-01-01"},
    ],
)
def test_a_bad_period_is_explained_and_today_is_shown(client, settings, params):
    settings.SEARCH_REPORT_MIN_COUNT = 1
    _rows(timezone.localdate(), ("lịch tiêm", 5, 0))
    client.force_login(make_moderator("kiemduyet-sai"))
    response = client.get(reverse(REPORT), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không hiểu khoảng thời gian đã chọn" in html
    assert "lịch tiêm" in html


def test_single_rows_have_no_page_of_their_own(client):
    _rows(date(2026, 11, 1), ("số nhà của tôi", 1, 1))
    client.force_login(make_moderator("kiemduyet-dong"))
    pk = SearchQueryCount.objects.get().pk
    assert client.get(f"/quan-tri/chaudoc/searchquerycount/{pk}/change/").status_code == 404


def test_rows_older_than_the_kept_days_are_deleted_on_flush(content, client):
    _rows(timezone.localdate() - timedelta(days=querylog.KEEP_DAYS + 1), ("cũ", 9, 0))
    searched(client, "lũ")
    querylog.flush()
    assert list(SearchQueryCount.objects.values_list("query", flat=True)) == ["lũ"]
