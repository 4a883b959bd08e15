import pytest
from django.urls import reverse

from tests.factories import make_article, make_staff
from tests.workers import redis_url

REDIS_URL = redis_url()  # this worker's own Redis database

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_the_cache(client, django_assert_num_queries):
    make_article("Tin được lưu đệm")
    first = client.get("/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]


def test_languages_are_cached_apart(client):
    article = make_article("Tin hai thứ tiếng", title_en="A two-language story")
    url = article.get_absolute_url()
    assert "Tin hai thứ tiếng" in client.get(url).content.decode()
    assert "A two-language story" in client.get("/en" + url).content.decode()
    assert "Tin hai thứ tiếng" in client.get(url).content.decode()


def test_publishing_shows_on_the_very_next_request(client):
    make_article("Tin cũ")
    client.get("/")
    assert "Tin cũ" in client.get("/").content.decode()
    make_article("Tin mới vừa đăng")
    assert "Tin mới vừa đăng" in client.get("/").content.decode()


def test_editing_a_published_article_shows_at_once(client):
    article = make_article("Tiêu đề trước khi sửa")
    client.get(article.get_absolute_url())
    article.title_vi = "Tiêu đề sau khi sửa"
    article.save()
    assert "Tiêu đề sau khi sửa" in client.get(article.get_absolute_url()).content.decode()


def test_staff_are_neither_served_from_nor_stored_in_the_cache(client):
    make_article("Tin cho bạn đọc")
    client.get("/")  # anonymous fills the cache
    staff = make_staff()
    client.force_login(staff)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_staff_pages_never_fill_the_cache(client):
    make_article("Tin cho bạn đọc")
    client.force_login(make_staff())
    client.get("/")
    client.logout()
    client.cookies.clear()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_responses_with_a_csrf_token_or_cookie_are_not_cached(client):
    login = reverse("admin:login")
    client.get(login)
    client.cookies.clear()
    response = client.get(login)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_conditional_request_gets_304(client):
    make_article("Tin có ETag")
    first = client.get("/")
    etag = first["ETag"]
    again = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_cached_html_is_served_gzipped_when_accepted(client):
    import gzip

    make_article("Tin nén")
    plain = client.get("/").content
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain


def test_a_cache_that_is_down_still_serves_pages(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    from django.core.cache import caches

    caches._settings = None  # rebuild the handler from the new settings
    try:
        make_article("Tin khi bộ đệm hỏng")
        response = client.get("/")
        assert response.status_code == 200
        assert "Tin khi bộ đệm hỏng" in response.content.decode()
    finally:
        caches._settings = None


def test_scheduled_article_appears_within_a_minute_of_its_time(client):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    at = timezone.now() + timedelta(minutes=10)
    make_article("Tin hẹn giờ đăng", published_at=at)
    assert "Tin hẹn giờ đăng" not in client.get("/").content.decode()
    with time_machine.travel(at + timedelta(seconds=61)):
        assert "Tin hẹn giờ đăng" in client.get("/").content.decode()


def test_wsgi_door_answers_hits_without_django(client):
    from chaudoc.pagecache.pages import PageCacheWSGI

    make_article("Tin qua cửa WSGI")
    client.get("/")  # fills the cache

    def django_must_not_run(environ, start_response):
        raise AssertionError("a cache hit reached Django")

    app = PageCacheWSGI(django_must_not_run)
    seen = {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
    }
    body = b"".join(
        app(environ, lambda status, headers: seen.update(status=status, headers=headers))
    )
    assert seen["status"] == "200 OK"
    assert "Tin qua cửa WSGI" in body.decode()
    assert ("X-Page-Cache", "hit") in seen["headers"]


def test_a_change_invalidates_again_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    # A reader rendering between the save and the commit sees the old rows; the second bump at
    # commit keeps that page from being served afterwards.
    from chaudoc.pagecache.versions import versions

    article = make_article("Tin lưu trong giao dịch")
    tag = f"news.article:{article.pk}"
    before = versions().current([tag])[tag]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.title_vi = "Tin sửa trong giao dịch"
        article.save()
        during = versions().current([tag])[tag]
    assert callbacks
    assert before < during < versions().current([tag])[tag]


@pytest.fixture
def redis_page_cache(settings):
    import secrets

    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "test-" + secrets.token_hex(4),
        },
    }
    caches._settings = None
    try:
        yield caches["default"]
    finally:
        caches["default"].clear()
        caches._settings = None


def _eventually(check, seconds=5.0):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_with_redis_each_process_learns_a_new_number_without_asking(redis_page_cache):
    import redis

    from chaudoc.pagecache.versions import tag_key, versions

    watcher = versions()
    assert _eventually(watcher.trusted), "the subscription never confirmed"
    known = watcher.current(["news.article:7"])["news.article:7"]
    raw = redis.Redis.from_url(REDIS_URL)
    key = redis_page_cache.make_key(tag_key("news.article:7"))
    # Changed behind the watcher's back: a hit keeps using its copy (no round trip per hit) ...
    raw.set(key, known + 100)
    assert watcher.current(["news.article:7"])["news.article:7"] == known
    # ... and another process's change (increment, then publish) reaches it at once.
    bumped = raw.incr(key)
    epoch = watcher.epoch
    raw.publish(watcher.channel, f"news.article:7={bumped}")
    assert _eventually(lambda: watcher.current(["news.article:7"])["news.article:7"] == bumped)
    assert watcher.epoch > epoch


def test_with_redis_a_change_here_is_seen_here_on_the_very_next_request(redis_page_cache, client):
    from chaudoc.pagecache.versions import versions

    assert _eventually(versions().trusted)
    make_article("Tin cũ qua Redis")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    make_article("Tin mới qua Redis")
    assert "Tin mới qua Redis" in client.get("/").content.decode()


def test_a_silent_subscription_is_not_trusted(redis_page_cache):
    import os
    import time

    from chaudoc.pagecache.versions import VersionWatcher

    watcher = VersionWatcher(redis_page_cache, REDIS_URL)
    watcher.pid = os.getpid()  # as if started: no listening thread in this test
    watcher.known = {"news.article:1": 41}
    watcher.trusted_until = time.monotonic() + 5
    assert watcher.current(["news.article:1"]) == {"news.article:1": 41}
    # The listening thread has not checked in for longer than it may: read Redis instead.
    watcher.trusted_until = time.monotonic() - 0.1
    assert not watcher.trusted()
    assert watcher.current(["news.article:1"])["news.article:1"] != 41
    watcher.learnt({"news.article:1": 40})  # numbers only grow: an old message never moves back
    watcher.trusted_until = time.monotonic() + 5
    assert watcher.current(["news.article:1"]) == {"news.article:1": 41}


def test_a_crowd_asking_for_a_missing_page_gets_it_rendered_once(rf):
    # After a change or an expiry many readers ask at once: one render, the others wait for it.
    import threading
    import time

    from django.http import HttpResponse

    from chaudoc.pagecache.pages import PageCacheMiddleware

    renders = []

    def slow_page(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse("<p>Trang chủ</p>")

    middleware = PageCacheMiddleware(slow_page)
    answers = []

    def reader():
        answers.append(middleware(rf.get("/dong-nguoi/")))

    crowd = [threading.Thread(target=reader) for _ in range(4)]
    for thread in crowd:
        thread.start()
    for thread in crowd:
        thread.join()
    assert len(renders) == 1
    assert [a.content.decode() for a in answers] == ["<p>Trang chủ</p>"] * 4
    assert sorted(a["X-Page-Cache"] for a in answers) == ["hit", "hit", "hit", "miss"]


def _withdrawn(item):
    from chaudoc.publishing.states import Status

    item.status = Status.WITHDRAWN
    item.save()
    return 410


def _trashed(item):
    from django.utils import timezone

    item.deleted_at = timezone.now()
    item.save()
    return 404


def _renamed(item):
    item.slug = "ten-moi-cua-bai"
    item.save()
    return 301


@pytest.mark.parametrize("change", [_withdrawn, _trashed, _renamed])
def test_what_replaces_a_page_is_kept_by_shared_caches_as_briefly_as_the_page(
    client, settings, change
):
    # A shared cache (nginx, a CDN) that may not store the new answer keeps serving its old 200.
    settings.PAGE_CACHE_PROXY_SECONDS = 5
    article = make_article("Bài sẽ thay đổi")
    url = article.get_absolute_url()
    page = client.get(url)
    status = change(article)
    response = client.get(url)
    assert response.status_code == status
    assert response["Cache-Control"] == page["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert response["X-Accel-Expires"] == "5"
    assert "Accept-Encoding" in response["Vary"]


def test_a_withdrawn_album_is_kept_by_shared_caches_as_briefly_as_its_page(client):
    from tests.factories import make_album

    album = make_album("Album sẽ bị rút")
    client.get(album.get_absolute_url())
    _withdrawn(album)
    response = client.get(album.get_absolute_url())
    assert response.status_code == 410
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]


def test_a_404_for_a_made_up_url_is_never_stored_in_the_page_cache(client):
    from chaudoc.pagecache.pages import lookup

    for n in range(3):
        response = client.get(f"/tin-tuc/khong-co-bai-nay-{n}/")
        assert response.status_code == 404 and "X-Page-Cache" not in response
        site = "http://testserver"
        assert lookup(site, f"/tin-tuc/khong-co-bai-nay-{n}/", "") is None
    client.get("/")
    assert lookup(site, "/", "") is not None  # where a page is found


def test_a_404_for_staff_stays_private(client):
    client.force_login(make_staff())
    response = client.get("/tin-tuc/khong-co-bai-nay/")
    assert response.status_code == 404
    assert "private" in response["Cache-Control"] and "X-Accel-Expires" not in response


@pytest.mark.parametrize("kind", ["article", "album"])
def test_a_cached_page_ends_at_its_articles_or_albums_expiry(client, kind):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from tests.factories import make_album

    make = {"article": make_article, "album": make_album}[kind]
    ends = timezone.now() + timedelta(seconds=20)  # well inside PAGE_CACHE_SECONDS
    item = make(
        f"Có hạn ({kind})", published_at=timezone.now() - timedelta(days=1), expires_at=ends
    )
    url = item.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    with time_machine.travel(ends + timedelta(seconds=1)):
        assert client.get(url).status_code == 404


def test_unknown_query_parameters_make_no_new_cache_entry(client, django_assert_num_queries):
    article = make_article("Tin có tham số lạ")
    url = article.get_absolute_url()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        for n in range(20):
            assert client.get(f"/?utm_source=zalo{n}&fbclid={n}")["X-Page-Cache"] == "hit"
            assert client.get(f"{url}?x={n}")["X-Page-Cache"] == "hit"


def test_a_page_rendered_for_a_stray_parameter_does_not_echo_it_to_others(client):
    category = make_article("Tin trong chuyên mục").category
    for n in range(25):
        make_article(f"Tin số {n}", category=category)
    url = category.get_absolute_url()
    first = client.get(f"{url}?utm_campaign=lu-lut&page=2")
    assert first["X-Page-Cache"] == "miss"
    assert "lu-lut" not in first.content.decode()  # its pagination links carry the query
    # The same page whatever the parameters' order or the stray ones.
    assert client.get(f"{url}?page=2")["X-Page-Cache"] == "hit"
    assert client.get(f"{url}?zz=1&page=2&a=b")["X-Page-Cache"] == "hit"
    assert client.get(f"{url}?page=1")["X-Page-Cache"] == "miss"  # a parameter it reads


def test_pages_that_declare_no_parameters_keep_their_query(client):
    from chaudoc.pagecache.query import normalised_query

    assert normalised_query("/tim-kiem/", "q=l%C5%A9&page=2") == "q=l%C5%A9&page=2"
    assert normalised_query("/sitemap-news.xml", "p=2") == "p=2"
    assert normalised_query("/khong-co/", "x=1") == "x=1"
    assert normalised_query("/en/", "utm_source=x") == ""
    assert normalised_query("/", "") == ""


def test_wsgi_door_answers_a_stray_parameter_from_the_cache(client):
    from chaudoc.pagecache.pages import PageCacheWSGI

    make_article("Tin qua cửa WSGI với tham số")
    client.get("/")

    def django_must_not_run(environ, start_response):
        raise AssertionError("a cache hit reached Django")

    seen = {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "utm_source=x&y=2",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
    }
    PageCacheWSGI(django_must_not_run)(
        environ, lambda status, headers: seen.update(status=status, headers=headers)
    )
    assert ("X-Page-Cache", "hit") in seen["headers"]


def test_a_made_up_session_cookie_is_rendered_uncached_and_told_to_go(client):
    # It bypasses the cache (a real one is a signed-in user); nginx rate-limits such requests
    # (deploy/nginx.conf) and Django deletes the cookie, so a browser stops sending it.
    make_article("Tin cho cookie giả")
    client.cookies["sessionid"] = "khong-phai-phien-that-1234"
    response = client.get("/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert response.cookies["sessionid"].value == ""
    assert response.cookies["sessionid"]["max-age"] == 0
