"""A province's portal lists the latest news of its wards' and communes' portals ("Tin phường,
xã"), each linking to the article on its own unit's host; a ward's portal has no such block."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Article
from tests.chaudoc.portals.conftest import HOST_A, HOST_B
from tests.factories import make_article, make_category, make_portal

pytestmark = pytest.mark.django_db

PROVINCE = "angiang.gov.vn"


@pytest.fixture
def province(two_portals):
    a, b = two_portals
    province = make_portal("Tỉnh An Giang", PROVINCE, kind="tinh")
    former = make_portal("Thành phố Châu Đốc", "thanhpho.angiang.gov.vn", parent=province)
    former.dissolved_on = date(2025, 7, 1)
    former.save()
    make_article(
        "Bài lưu trữ của thành phố cũ", portal=former, category=make_category(portal=former)
    )
    make_article("Tin của tỉnh", portal=province, category=make_category(portal=province))
    for unit in (a, b):
        unit.parent = province
        unit.save()
    return province, a, b


def home(client, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_a_province_lists_its_units_news_linking_to_their_own_hosts(client, province):
    _, a, b = province
    page = home(client, PROVINCE)
    assert "Tin phường, xã" in page
    block = page.split('id="units-heading"', 1)[1].split("</section>", 1)[0]
    for unit, host in ((a, HOST_A), (b, HOST_B)):
        assert f'href="https://{host}{unit.article.get_absolute_url()}"' in block
        assert unit.article.title in block and unit.short_name in block
    # A former unit's archive is not news; the province's own article is in its own blocks.
    assert "Bài lưu trữ của thành phố cũ" not in block and "Tin của tỉnh" not in block


def test_a_ward_portal_has_no_units_block(client, province):
    _, a, b = province
    page = home(client, HOST_A)
    assert "units-heading" not in page and b.article.title not in page


def test_the_units_block_costs_one_query(client, province, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count what a page costs, not a cache hit
    counts = {}
    for host in (HOST_A, PROVINCE, HOST_A, PROVINCE):  # the second round: sessions, map warm
        with CaptureQueriesContext(connection) as queries:
            home(client, host)
        counts[host] = len(queries)
    assert counts[PROVINCE] == counts[HOST_A] + 1


def test_a_province_without_news_of_its_own_shows_no_empty_latest_block(client, province):
    portal, a, _ = province
    Article.objects.filter(portal=portal).delete()
    page = home(client, PROVINCE)
    assert "latest-heading" not in page and "Chưa có tin nào được đăng" not in page
    assert a.article.title in page
