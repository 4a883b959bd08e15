"""Unit history: a former unit's page sends readers to its successor (or names them after a
split); what it published stays at its address with a history notice; its archive moves into
a successor portal, previewed first, with every old address still answering."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group

from chaudoc.portals.models import Portal, PortalHost
from chaudoc.wards.roles import MODERATOR
from tests.factories import make_album, make_article, make_category, make_staff, make_ward

from .conftest import HOST_A, HOST_B

pytestmark = pytest.mark.django_db

OLD_HOST = "chaudoc.angiang.gov.vn.old"
NOTICE = (
    "Nội dung này được đăng bởi UBND thành phố Châu Đốc, trước khi sắp xếp đơn vị hành chính "
    "ngày 01/07/2025."
)


@pytest.fixture
def former_city(two_portals, settings):
    """The former city (the install's first portal), dissolved on 01/07/2025 into phường Châu
    Đốc and phường Vĩnh Tế, with its old host, wards, a category, articles and an album."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OLD_HOST]
    a, b = two_portals
    city = Portal.objects.get(is_default=True)
    city.governing_body_vi = "UBND thành phố Châu Đốc"
    city.dissolved_on = datetime.date(2025, 7, 1)
    city.save()
    city.successors.add(a, b)
    PortalHost.objects.create(portal=city, host=OLD_HOST, is_canonical=True)
    reorganised = {"dissolved_on": city.dissolved_on, "portal": city}
    city.nui_sam = make_ward("Núi Sam", **reorganised)
    city.nui_sam.successors.add(b)
    city.vinh_chau = make_ward("Vĩnh Châu", kind="xa", **reorganised)
    city.vinh_chau.successors.add(a, b)
    category = make_category("Tin tức - Sự kiện", portal=city)
    city.seed = make_article(
        "Hội nghị tổng kết giảm nghèo bền vững năm 2023",
        portal=city,
        category=category,
        ward=city.nui_sam,
        published_at=datetime.datetime(2023, 12, 29, 14, 30, tzinfo=datetime.UTC),
    )
    city.other = make_article("Tin cũ của thành phố", portal=city, category=category)
    city.album = make_album("Ảnh hội nghị", portal=city)
    return city


def on_old_host(client, path):
    return client.get(path, HTTP_HOST=OLD_HOST)


def test_a_dissolved_units_page_answers_301_to_its_successor(client, former_city):
    response = on_old_host(client, "/phuong-xa/phuong-nui-sam/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST_B}/"


def test_a_split_units_page_names_both_successors(client, former_city):
    response = on_old_host(client, "/phuong-xa/xa-vinh-chau/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="https://{HOST_A}/"' in body and f'href="https://{HOST_B}/"' in body
    assert "Trang thông tin điện tử phường Châu Đốc" in body
    assert "Trang thông tin điện tử phường Vĩnh Tế" in body


def test_the_former_citys_home_page_names_its_successors(client, former_city):
    body = on_old_host(client, "/").content.decode()
    assert "01/07/2025" in body and f"https://{HOST_B}/" in body


def test_content_of_the_former_unit_stays_at_its_url_with_the_history_notice(client, former_city):
    response = on_old_host(client, former_city.seed.get_absolute_url())
    assert response.status_code == 200
    assert NOTICE in response.content.decode()
    assert NOTICE in on_old_host(client, former_city.album.get_absolute_url()).content.decode()


def test_current_content_carries_no_history_notice(client, former_city, two_portals):
    a, _b = two_portals
    body = client.get(a.article.get_absolute_url(), HTTP_HOST=HOST_A).content.decode()
    assert "sắp xếp đơn vị hành chính" not in body


def old_urls(client):
    """Every address the former portal's readers and crawlers know: its sitemaps' pages, its
    feeds, its wards' and categories' pages."""
    urls = {"/", "/rss/", "/atom/", "/sitemap.xml", "/robots.txt", "/hinh-anh/"}
    for section in ("articles", "categories", "wards", "albums", "static"):
        xml = on_old_host(client, f"/sitemap-{section}.xml").content.decode()
        urls |= {re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)<", xml)}
    return sorted(urls)


def moderator_of(*portals):
    user = make_staff("kiemduyet-tinh")
    user.groups.add(Group.objects.get(name=MODERATOR))
    for portal in portals:
        user.portal_memberships.create(portal=portal)
    return user


def test_moving_the_archive_is_previewed_then_keeps_every_old_url_answering(
    client, former_city, two_portals
):
    a, b = two_portals
    before = old_urls(client)
    assert former_city.seed.get_absolute_url() in before and "/phuong-xa/xa-vinh-chau/" in before
    for path in before:
        assert on_old_host(client, path).status_code in (200, 301), path
    client.force_login(moderator_of(former_city, a))
    changelist = "/quan-tri/chaudoc/portal/"
    choose = {"action": "move_archive", "_selected_action": [former_city.pk]}
    preview = client.post(changelist, choose, HTTP_HOST=HOST_A)
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Hội nghị tổng kết giảm nghèo bền vững năm 2023" in body  # what moves, before it does
    assert re.search(r"<td>Bài viết</td><td>2</td>", body)
    assert former_city.articles.count() == 2  # nothing moved yet
    # Only successors the moderator works on are offered: phường Vĩnh Tế is not theirs.
    assert f'value="{a.pk}"' in body and f'value="{b.pk}"' not in body
    refused = client.post(changelist, {**choose, "confirm": "1", "target": b.pk}, HTTP_HOST=HOST_A)
    assert refused.status_code == 200 and former_city.articles.count() == 2
    done = client.post(changelist, {**choose, "confirm": "1", "target": a.pk}, HTTP_HOST=HOST_A)
    assert done.status_code == 302
    assert former_city.articles.count() == 0 and a.articles.count() == 3
    client.logout()
    for path in before:
        response = on_old_host(client, path)
        assert response.status_code in (200, 301), path
        if response.status_code == 301 and response["Location"].startswith(f"https://{HOST_A}"):
            moved = client.get(response["Location"].split(HOST_A, 1)[1], HTTP_HOST=HOST_A)
            assert moved.status_code in (200, 301), path
    seed = client.get(former_city.seed.get_absolute_url(), HTTP_HOST=HOST_A)
    assert seed.status_code == 200 and NOTICE in seed.content.decode()  # keeps its notice


def test_moving_refuses_a_portal_that_is_not_dissolved(client, two_portals, admin_user):
    a, _b = two_portals
    client.force_login(admin_user)
    response = client.post(
        "/quan-tri/chaudoc/portal/",
        {"action": "move_archive", "_selected_action": [a.pk]},
        HTTP_HOST=HOST_A,
        follow=True,
    )
    assert "Chọn một đơn vị cũ" in response.content.decode()
    assert a.articles.count() == 1
