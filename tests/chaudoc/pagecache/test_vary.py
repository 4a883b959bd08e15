"""The page cache merges Vary with what the page said, and keeps only what varies by encoding."""

import pytest
from django.http import HttpResponse

from chaudoc.pagecache.pages import PageCacheMiddleware
from tests.chaudoc.pagecache.doors import wsgi_get
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def _vary(response):
    return {h.strip() for h in response["Vary"].split(",")}


def test_a_page_says_the_same_vary_on_a_miss_a_hit_and_a_revalidation(client):
    make_article("Tin kiểm tra Vary")
    miss = client.get("/")
    hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit"
    assert _vary(miss) == _vary(hit) == {"Accept-Encoding"}
    again = client.get("/", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert again.status_code == 304
    assert _vary(again) == {"Accept-Encoding"}


def test_the_wsgi_door_sends_the_stored_vary(client):
    make_article("Tin Vary qua cửa WSGI")
    client.get("/")
    status, headers, _body = wsgi_get("/")
    assert headers["X-Page-Cache"] == "hit"
    assert headers["Vary"] == "Accept-Encoding"


def test_the_language_comes_from_the_url_so_pages_do_not_vary_by_accept_language(client):
    article = make_article("Tin một thứ tiếng theo đường dẫn", title_en="Language by its URL")
    url = article.get_absolute_url()
    english_browser = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Tin một thứ tiếng theo đường dẫn" in english_browser.content.decode()
    assert english_browser["Content-Language"] == "vi"
    assert "Accept-Language" not in english_browser["Vary"]
    english = client.get("/en" + url, HTTP_ACCEPT_LANGUAGE="vi")
    assert "Language by its URL" in english.content.decode()
    assert "Accept-Language" not in english["Vary"]


@pytest.mark.parametrize("varies_by", ["User-Agent", "Accept-Language", "Cookie", "*"])
def test_an_answer_that_varies_by_more_than_encoding_keeps_its_vary_and_is_not_stored(
    rf, varies_by
):
    renders = []

    def page(request):
        renders.append(1)
        response = HttpResponse("<p>Trang theo trình duyệt</p>")
        response["Vary"] = varies_by
        return response

    middleware = PageCacheMiddleware(page)
    first = middleware(rf.get("/theo-trinh-duyet/"))
    second = middleware(rf.get("/theo-trinh-duyet/"))
    assert len(renders) == 2  # rendered each time: never stored
    assert second.get("X-Page-Cache") != "hit"
    assert varies_by in _vary(first)  # the page's own Vary is kept


def test_a_not_found_answer_that_varies_by_more_is_not_offered_to_shared_caches(rf, settings):
    settings.PAGE_CACHE_PROXY_SECONDS = 5

    def gone(request):
        response = HttpResponse("<p>Không tìm thấy</p>", status=404)
        response["Vary"] = "User-Agent"
        return response

    response = PageCacheMiddleware(gone)(rf.get("/khong-co/"))
    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Accel-Expires" not in response
    assert _vary(response) == {"User-Agent"}
