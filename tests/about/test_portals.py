"""Two portals on one install: each reader sees their portal's introduction, leaders, menu and
schedule, and portal B's staff reach none of portal A's rows in the admin."""

import pytest
from django.urls import reverse

from tests.about.factories import (
    make_entry,
    make_leader,
    make_link,
    make_menu_item,
    make_office,
    make_page,
    make_procedure,
)
from tests.chaudoc.portals.conftest import HOST_A, HOST_B, two_portals  # noqa: F401
from tests.factories import make_editor, make_moderator, make_ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal_a_rows(two_portals):  # noqa: F811
    a, _b = two_portals
    ward = make_ward("Châu Phú A", portal=a)
    leader = make_leader("Lãnh Đạo Phường A", portal=a)
    return {
        "intropage": make_page("Trang giới thiệu phường A", portal=a, ward=ward),
        "leader": leader,
        "office": make_office("Văn phòng phường A", portal=a, head=leader),
        "procedure": make_procedure("Thủ tục phường A", portal=a),
        "weblink": make_link("Liên kết phường A", portal=a),
        "menuitem": make_menu_item("Mục menu phường A", "about:index", portal=a),
        "entry": make_entry("Lịch phường A", portal=a, ward=ward, chair=leader),
    }


def test_readers_of_portal_b_see_none_of_portal_as_introduction(client, portal_a_rows):
    page, leader = portal_a_rows["intropage"], portal_a_rows["leader"]
    assert client.get(page.get_absolute_url(), HTTP_HOST=HOST_A).status_code == 200
    assert client.get(page.get_absolute_url(), HTTP_HOST=HOST_B).status_code == 404
    assert client.get(leader.get_absolute_url(), HTTP_HOST=HOST_B).status_code == 404
    for path in ("/", "/gioi-thieu/", "/lich-cong-tac/", "/lien-he/", "/thu-tuc-hanh-chinh/"):
        own = client.get(path, HTTP_HOST=HOST_A).content.decode()
        other = client.get(path, HTTP_HOST=HOST_B).content.decode()
        assert "phường A" in own, path
        assert "phường A" not in other, path


@pytest.mark.parametrize("role", ["moderator_b", "editor_b"])
def test_portal_bs_staff_reach_none_of_portal_as_rows(client, two_portals, portal_a_rows, role):  # noqa: F811
    _a, b = two_portals
    staff = (
        make_moderator("kiemduyet-b", b)
        if role == "moderator_b"
        else make_editor("bientap-b", make_ward("Núi Sam", portal=b))
    )
    client.force_login(staff)
    for name, obj in portal_a_rows.items():
        app = "schedule" if name == "entry" else "about"
        listing = client.get(reverse(f"admin:{app}_{name}_changelist"), HTTP_HOST=HOST_B)
        assert listing.status_code in (200, 302, 403), name
        assert str(obj)[:20] not in listing.content.decode(), name
        change = client.get(reverse(f"admin:{app}_{name}_change", args=[obj.pk]), HTTP_HOST=HOST_B)
        assert change.status_code in (302, 403, 404), name
    preview = reverse("about:preview", args=[portal_a_rows["intropage"].pk])
    assert client.get(preview, HTTP_HOST=HOST_B).status_code == 404
