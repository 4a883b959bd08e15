"""Through the real deploy/nginx.conf: a page nginx has cached gives way to its withdrawal, trash,
rename or expiry within the micro-cache's lifetime plus one second, for every reader.

nginx counts in whole seconds, so its copy lives up to the lifetime plus one second from when it
was stored; each test changes the page a moment after nginx stored it.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from chaudoc.publishing.states import Status
from tests.factories import make_album, make_article

# One worker starts this module's gunicorn and nginx once (make test: --dist loadgroup).
pytestmark = [
    pytest.mark.stack,
    pytest.mark.usefixtures("transactional_db"),
    pytest.mark.xdist_group(__name__),
]

POLL = 0.05


def cached_by_nginx(stack, path):
    """Read `path` until nginx answers it from its cache; the page as stored."""
    first = stack.get(path)
    assert first.status == 200, first.body[:500]
    again = stack.get(path)
    assert again.status == 200
    assert again.headers.get("X-Proxy-Cache") == "HIT", again.headers
    time.sleep(0.2)
    return again


def first_answer_other_than_200(stack, path, seconds, headers=None):
    """Poll `path` for `seconds`; (answer, seconds after the start) of the first non-200."""
    start = time.monotonic()
    while True:
        sent = time.monotonic() - start
        answer = stack.get(path, headers)
        if answer.status != 200 or sent > seconds:
            return answer, sent
        time.sleep(POLL)


def withdraw(item):
    item.status = Status.WITHDRAWN
    item.status_reason = "Thông tin chưa chính xác"
    item.save()


def trash(item):
    item.deleted_at = timezone.now()
    item.save()


def now_article(title):
    return make_article(title, published_at=timezone.now() - timedelta(hours=1))


def rename(item):
    item.slug = "bai-da-doi-ten"
    item.save()


def now_album(title):
    return make_album(title, published_at=timezone.now() - timedelta(hours=1))


@pytest.mark.parametrize(
    ("make", "change", "status"),
    [
        (now_article, withdraw, 410),
        (now_article, trash, 404),
        (now_article, rename, 301),
        (now_album, withdraw, 410),
    ],
    ids=[
        "withdrawn-article-410",
        "trashed-article-404",
        "renamed-article-301",
        "withdrawn-album-410",
    ],
)
def test_a_changed_page_answers_its_new_status_through_nginx_within_the_micro_cache_lifetime(
    stack, make, change, status
):
    item = make(f"Trang sẽ đổi ({change.__name__})")
    path = item.get_absolute_url()
    cached_by_nginx(stack, path)
    change(item)
    answer, after = first_answer_other_than_200(stack, path, stack.proxy_seconds + 2)
    assert answer.status == status, (answer.status, answer.headers.get("X-Proxy-Cache"), after)
    assert after <= stack.proxy_seconds + 1
    if status == 301:
        assert answer.headers["Location"].endswith("/tin-tuc/bai-da-doi-ten/")


def test_the_first_reader_long_after_a_withdrawal_gets_410_not_the_old_page(stack):
    # The case "updating" got wrong even when the 410 could be stored: the one reader who comes
    # after the copy expired was handed the old page while nginx fetched the new answer.
    article = now_article("Bài rút, không ai đọc")
    path = article.get_absolute_url()
    cached_by_nginx(stack, path)
    withdraw(article)
    time.sleep(stack.proxy_seconds + 1)
    answer = stack.get(path)
    assert answer.status == 410, (answer.status, answer.headers.get("X-Proxy-Cache"))


def test_a_browser_revalidating_a_withdrawn_page_gets_410_not_304(stack):
    article = now_article("Bài trong bộ nhớ trình duyệt")
    path = article.get_absolute_url()
    page = cached_by_nginx(stack, path)
    etag = page.headers["ETag"]
    assert stack.get(path, {"If-None-Match": etag}).status == 304
    withdraw(article)
    time.sleep(stack.proxy_seconds + 1)
    answer = stack.get(path, {"If-None-Match": etag})
    assert answer.status == 410, (answer.status, answer.headers.get("X-Proxy-Cache"))


def test_an_expired_article_answers_404_through_nginx_within_the_micro_cache_lifetime(stack):
    ends = timezone.now() + timedelta(seconds=1.5)
    article = make_article(
        "Bài hết hạn", published_at=timezone.now() - timedelta(hours=1), expires_at=ends
    )
    path = article.get_absolute_url()
    cached_by_nginx(stack, path)
    time.sleep(max(0, (ends - timezone.now()).total_seconds()))
    answer, after = first_answer_other_than_200(stack, path, stack.proxy_seconds + 2)
    assert answer.status == 404, (answer.status, answer.headers.get("X-Proxy-Cache"), after)
    assert after <= stack.proxy_seconds + 1
