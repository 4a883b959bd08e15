"""A change invalidates the cached pages that show what changed, and nothing else
(chaudoc/pagecache/tags.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from chaudoc.publishing.states import Status
from tests.factories import make_album, make_article, make_category, make_staff, make_ward

pytestmark = pytest.mark.django_db


def _cached(client, *urls):
    """Fill the cache with `urls`; each is a hit on the second request."""
    for url in urls:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Page-Cache"] == "hit", url


def _state(client, url):
    return client.get(url)["X-Page-Cache"]


@pytest.fixture
def site(client):
    """Two published articles in two categories, their pages and the lists cached."""
    ward = make_ward("Phường Núi Sam")
    a = make_article("Bài A về giảm nghèo", category=make_category("Kinh tế"), ward=ward)
    b = make_article("Bài B về lễ hội", category=make_category("Văn hóa"))
    pages = {
        "home": "/",
        "a": a.get_absolute_url(),
        "b": b.get_absolute_url(),
        "a_category": a.category.get_absolute_url(),
        "b_category": b.category.get_absolute_url(),
        "ward": ward.get_absolute_url(),
        "search": reverse("search") + "?q=giam+ngheo",
        "albums": reverse("gallery:list"),
    }
    _cached(client, *pages.values())
    return a, b, pages


def test_saves_no_reader_can_see_leave_every_cached_page_a_hit(client, site):
    a, b, pages = site
    category = a.category
    draft = make_article("Bản nháp mới", status=Status.DRAFT, category=category)
    draft.title_vi = "Bản nháp đã sửa"
    draft.save()
    pending = make_article("Bài chờ duyệt", status=Status.PENDING, category=category)
    pending.lead_vi = "Tóm tắt sửa khi chờ duyệt."
    pending.save()
    album = make_album("Album chưa đăng", status=Status.DRAFT, photos=1)
    album.title_vi = "Album chưa đăng, đã sửa"
    album.save()
    photo = album.photos.get()
    photo.caption_vi = "Chú thích mới"
    photo.save()
    scheduled = make_article(
        "Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=2), category=category
    )
    scheduled.title_vi = "Bài hẹn giờ, đã sửa"
    scheduled.save()
    a.save()  # saved again with nothing changed
    a.view_count = 99
    a.save(update_fields=["view_count"])
    client.force_login(make_staff())  # a login writes last_login
    client.logout()
    client.cookies.clear()
    for name, url in pages.items():
        assert _state(client, url) == "hit", name


def test_editing_article_a_renders_its_pages_afresh_and_leaves_b_a_hit(client, site):
    a, b, pages = site
    a.title_vi = "Bài A về giảm nghèo bền vững"
    a.save()
    for name in ("a", "home", "a_category", "ward", "search"):
        response = client.get(pages[name])
        assert response["X-Page-Cache"] == "miss", name
        assert "bền vững" in response.content.decode(), name  # search marks the words found
    for name in ("b", "b_category", "albums"):
        assert _state(client, pages[name]) == "hit", name


def test_withdrawing_a_renders_every_page_that_listed_it_afresh(client, site):
    a, b, pages = site
    sibling = make_article("Bài cùng chuyên mục", category=a.category)
    _cached(client, sibling.get_absolute_url())
    assert "Bài A về giảm nghèo" in client.get(sibling.get_absolute_url()).content.decode()
    a.status = Status.WITHDRAWN
    a.save()
    listed = [pages[n] for n in ("home", "a_category", "ward", "search")]
    for url in [*listed, sibling.get_absolute_url()]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Bài A về giảm nghèo" not in response.content.decode(), url
    assert client.get(pages["a"]).status_code == 410


def test_moving_an_article_renders_its_old_and_new_category_afresh(client, site):
    a, b, pages = site
    a.category = b.category
    a.save()
    old = client.get(pages["a_category"])
    assert old["X-Page-Cache"] == "miss" and "Bài A về giảm nghèo" not in old.content.decode()
    new = client.get(pages["b_category"])
    assert new["X-Page-Cache"] == "miss" and "Bài A về giảm nghèo" in new.content.decode()


def test_publishing_an_album_renders_the_album_list_afresh(client, site):
    a, b, pages = site
    album = make_album("Album sắp đăng", status=Status.DRAFT)
    assert _state(client, pages["albums"]) == "hit"
    album.status = Status.PUBLISHED
    album.save()
    response = client.get(pages["albums"])
    assert response["X-Page-Cache"] == "miss" and "Album sắp đăng" in response.content.decode()
    assert _state(client, pages["b"]) == "hit"


def test_a_scheduled_article_shows_within_a_minute_without_any_save(client, site):
    a, b, pages = site
    at = timezone.now() + timedelta(minutes=5)
    make_article("Bài đến giờ mới hiện", published_at=at, category=a.category)
    _cached(client, pages["home"], pages["a_category"])
    with time_machine.travel(at + timedelta(seconds=60)):
        for url in (pages["home"], pages["a_category"]):
            assert "Bài đến giờ mới hiện" in client.get(url).content.decode()


def test_an_expired_article_leaves_the_lists_within_a_minute_without_any_save(client):
    ends = timezone.now() + timedelta(minutes=5)
    make_article("Bài sắp hết hạn", expires_at=ends)
    assert "Bài sắp hết hạn" in client.get("/").content.decode()
    with time_machine.travel(ends + timedelta(seconds=60)):
        assert "Bài sắp hết hạn" not in client.get("/").content.decode()


def test_a_change_tells_the_purge_hook_which_tags_it_touched(client, site, caplog):
    a, b, pages = site
    with caplog.at_level("INFO", logger="chaudoc.pagecache.purge"):
        a.lead_vi = "Tóm tắt mới."
        a.save()
    purged = [r.getMessage() for r in caplog.records if r.name == "chaudoc.pagecache.purge"]
    assert purged and all(m == f"purge tags: news.article:{a.pk}" for m in purged)


def test_a_change_of_every_page_asks_the_purge_hook_for_every_page_alone(client, site, caplog):
    from chaudoc.pagecache.tags import invalidate

    a, b, pages = site
    with caplog.at_level("INFO", logger="chaudoc.pagecache.purge"):
        invalidate("*", f"news.article:{a.pk}", "news.article:list")
    purged = [r.getMessage() for r in caplog.records if r.name == "chaudoc.pagecache.purge"]
    assert purged == ["purge tags: *"]
    for name in ("a", "b", "albums"):  # and every cached page is stale
        assert _state(client, pages[name]) == "miss", name


def test_a_bulk_change_invalidates_and_purges_once_when_it_ends(client, site, caplog):
    from chaudoc.pagecache.tags import one_invalidation

    a, b, pages = site
    with caplog.at_level("INFO", logger="chaudoc.pagecache.purge"), one_invalidation():
        for n in range(3):
            a.lead_vi = f"Tóm tắt lần {n}."
            a.save()
        b.title_vi = "Bài B về lễ hội đua ghe ngo"
        b.save()
        with one_invalidation():  # a nested block leaves it to the outer one
            make_article("Bài mới trong đợt nhập", category=b.category)
        assert _state(client, pages["a"]) == "hit"  # not yet: at the end of the block
    purged = [r.getMessage() for r in caplog.records if r.name == "chaudoc.pagecache.purge"]
    assert len(purged) == 1
    tags = purged[0].removeprefix("purge tags: ").split()
    assert {f"news.article:{a.pk}", f"news.article:{b.pk}", "news.article:list"} <= set(tags)
    for name in ("a", "b", "home", "b_category"):
        assert _state(client, pages[name]) == "miss", name
    assert "đua ghe ngo" in client.get(pages["b"]).content.decode()
    assert _state(client, pages["albums"]) == "hit"


def test_a_page_rendered_while_a_change_arrived_is_not_kept(rf):
    # It may show the rows as they were before the change.
    from django.http import HttpResponse

    from chaudoc.pagecache.pages import PageCacheMiddleware
    from chaudoc.pagecache.tags import depends_on, invalidate

    def page(request):
        depends_on("test:page")
        invalidate("test:other")  # another thread's change, learnt of during the render
        return HttpResponse("<p>Trang</p>")

    middleware = PageCacheMiddleware(page)
    assert middleware(rf.get("/dang-doi/"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/dang-doi/"))["X-Page-Cache"] == "miss"


def test_publishing_in_one_category_leaves_other_categories_pages_a_hit(client, site):
    a, b, pages = site
    make_article("Bài mới về kinh tế", category=a.category)
    for name in ("home", "a_category", "a"):  # a's page lists its category's newest
        response = client.get(pages[name])
        assert response["X-Page-Cache"] == "miss", name
        assert "Bài mới về kinh tế" in response.content.decode(), name
    for name in ("b", "b_category"):
        assert _state(client, pages[name]) == "hit", name
