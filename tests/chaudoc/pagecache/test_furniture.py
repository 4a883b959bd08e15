"""Site furniture (the menu, the urgent notices, the home page's weather and photo blocks) is
built once per change, not once per page (chaudoc/pagecache/furniture.py), and every page that
shows it still depends on what it shows."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_alert, make_article, make_category, make_ward

pytestmark = pytest.mark.django_db


def notice(text, **kwargs):
    """An urgent notice shown from an hour ago until tomorrow."""
    return make_alert(text, starts_at=timezone.now() - timedelta(hours=1), **kwargs)


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every page renders: only the furniture is kept
    return Client()


def test_a_page_rendered_after_another_builds_no_furniture_again(
    uncached, django_assert_max_num_queries
):
    a = make_article("Bài A", category=make_category("Kinh tế"))
    b = make_article("Bài B", category=a.category)
    notice("Thông báo cắt điện")
    assert uncached.get(a.get_absolute_url()).status_code == 200
    # Only the article itself (and its audio, its neighbours) is read now: no menu, no notices.
    with django_assert_max_num_queries(3):
        response = uncached.get(b.get_absolute_url())
    assert "Thông báo cắt điện" in response.content.decode()
    assert "Kinh tế" in response.content.decode()


def test_a_missing_page_costs_no_query_once_the_furniture_is_built(
    uncached, django_assert_num_queries
):
    make_article("Bài A", category=make_category("Kinh tế"))
    assert uncached.get("/").status_code == 200
    with django_assert_num_queries(0):
        response = uncached.get("/trang-khong-co/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'lang="vi"' in body and "Kinh tế" in body  # the menu, in Vietnamese


def test_a_visible_change_shows_on_the_next_page(uncached):
    a = make_article("Bài A", category=make_category("Kinh tế"))
    assert "Kinh tế" in uncached.get(a.get_absolute_url()).content.decode()
    a.category.name_vi = "Kinh tế - Xã hội"
    a.category.save()
    notice("Thông báo mới về ngập nước")
    body = uncached.get("/trang-khong-co/").content.decode()
    assert "Kinh tế - Xã hội" in body
    assert "Thông báo mới về ngập nước" in body


def test_each_language_gets_its_own_notices(uncached):
    notice("Cắt điện khu vực Núi Sam", text_en="Power cut in Núi Sam")
    assert "Cắt điện khu vực Núi Sam" in uncached.get("/").content.decode()
    assert "Power cut in Núi Sam" in uncached.get("/en/").content.decode()
    assert "Cắt điện khu vực Núi Sam" in uncached.get("/").content.decode()


def test_a_notice_whose_time_comes_shows_within_the_furniture_lifetime(uncached, settings):
    now = timezone.now()
    make_alert("Thông báo hẹn giờ", starts_at=now + timedelta(seconds=30))
    with time_machine.travel(now, tick=False):
        assert "Thông báo hẹn giờ" not in uncached.get("/").content.decode()
    later = now + timedelta(seconds=settings.FURNITURE_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert "Thông báo hẹn giờ" in uncached.get("/").content.decode()


def test_a_cached_page_built_with_kept_furniture_still_follows_its_changes(client):
    a = make_article("Bài A", category=make_category("Kinh tế"))
    b = make_article("Bài B", category=make_category("Văn hóa"))
    client.get(a.get_absolute_url())  # builds the menu
    url = b.get_absolute_url()
    assert client.get(url).status_code == 200  # cached, with the kept menu
    assert client.get(url)["X-Page-Cache"] == "hit"
    a.category.name_vi = "Kinh tế - Xã hội"
    a.category.save()  # in b's menu, not on b's page otherwise
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Kinh tế - Xã hội" in response.content.decode()


def test_a_new_ward_joins_the_search_filter_at_once(uncached):
    make_article("Bài A", category=make_category("Kinh tế"))
    search = reverse("search") + "?q=bai"
    assert "Phường Núi Sam" not in uncached.get(search).content.decode()
    make_ward("Phường Núi Sam")
    assert "Phường Núi Sam" in uncached.get(search).content.decode()
