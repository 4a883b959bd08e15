"""The introduction: pages as a tree with breadcrumbs, the organisation chart, leaders,
contacts, procedures, website links and the main menu from data."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from about.menu import VERSION_KEY as MENU_VERSION_KEY
from about.menu import furniture
from about.models import IntroPage, MenuItem
from chaudoc.pagecache.pages import _local
from chaudoc.portals.current import default_portal
from chaudoc.publishing.states import Status
from chaudoc.search.engine import refresh_vectors
from tests.about.factories import (
    make_leader,
    make_link,
    make_menu_item,
    make_office,
    make_page,
    make_procedure,
)
from tests.budgets import cold_pages
from tests.factories import image_upload, make_category, make_portal

pytestmark = pytest.mark.django_db


def _fresh():
    cache.clear()
    _local.clear()


def test_a_page_shows_its_breadcrumbs_children_and_the_tree(client):
    history = make_page("Lịch sử, văn hóa", order=2)
    relics = make_page("Di tích, danh lam thắng cảnh", parent=history)
    temple = make_page("Miếu Bà Chúa Xứ", parent=relics)
    make_page("Điều kiện tự nhiên", order=1)
    make_page("Trang nháp", parent=history, status=Status.DRAFT)
    html = client.get(relics.get_absolute_url()).content.decode()
    crumbs = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("Trang chủ") < crumbs.index("Giới thiệu") < crumbs.index("Lịch sử, văn hóa")
    assert '<li aria-current="page">Di tích, danh lam thắng cảnh</li>' in crumbs
    assert f'href="{temple.get_absolute_url()}"' in html  # its child
    assert "Điều kiện tự nhiên" in html  # the tree beside it
    assert "Trang nháp" not in html
    index = client.get(reverse("about:index")).content.decode()
    assert index.index("Điều kiện tự nhiên") < index.index("Lịch sử, văn hóa")  # their order


def test_a_page_under_an_unpublished_page_is_not_shown(client):
    hidden = make_page("Mục đang soạn", status=Status.PENDING)
    child = make_page("Trang con", parent=hidden)
    assert client.get(child.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_another_portals_page_is_not_found_here(client):
    other = make_page("Trang của phường khác", portal=make_portal("Phường Khác"))
    assert client.get(other.get_absolute_url()).status_code == 404


def test_the_boundary_map_has_its_description_and_text_alternative(client):
    page = make_page(
        "Bản đồ địa giới hành chính",
        image=image_upload("ban-do.png", fmt="PNG"),
        image_alt_vi="Bản đồ địa giới phường",
        image_text_vi="Phía bắc giáp biên giới Campuchia.",
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'alt="Bản đồ địa giới phường"' in html
    assert "Phía bắc giáp biên giới Campuchia." in html
    assert page.image.name.startswith("about/") and "ban-do" not in page.image.name


def test_rich_text_is_sanitised_before_it_is_stored():
    page = make_page(body_vi='<p onclick="x()">Chữ</p><script>alert(1)</script>')
    stored = IntroPage.objects.get(pk=page.pk).body_vi
    assert "script" not in stored and "onclick" not in stored and "Chữ" in stored
    leader = make_leader(biography_vi='<img src=x onerror="alert(1)"><p>Tiểu sử</p>')
    assert "onerror" not in type(leader).objects.get(pk=leader.pk).biography_vi


@pytest.mark.parametrize("count", [20, 2000])
def test_an_introduction_page_stays_within_five_queries(
    client, django_assert_max_num_queries, count
):
    roots = [make_page(f"Mục {n}", order=n) for n in range(4)]
    portal = default_portal()
    IntroPage.objects.bulk_create(
        IntroPage(
            title_vi=f"Trang {n}",
            title=f"Trang {n}",
            slug=f"trang-{n}",
            parent=roots[n % 4],
            portal=portal,
            order=n,
            body_vi="<p>Nội dung</p>",
            status=Status.PUBLISHED,
            published_at=roots[0].published_at,
        )
        for n in range(count - 4)
    )
    cold_pages(portal)
    with django_assert_max_num_queries(5):
        response = client.get("/gioi-thieu/trang-7/")
    assert response.status_code == 200
    assert "Mục 3" in response.content.decode()  # its parent, in the breadcrumbs


def test_the_organisation_chart_is_a_nested_list_of_offices_and_heads(client):
    chairman = make_leader("Nguyễn Văn Chủ Tịch")
    committee = make_office("Ủy ban nhân dân", head=chairman, head_title_vi="Chủ tịch")
    office = make_office("Văn phòng HĐND và UBND", parent=committee, head_name="Lê Thị Chánh")
    make_office("Bộ phận một cửa", parent=office)
    html = client.get(reverse("about:chart")).content.decode()
    chart = html.split('class="org-chart"', 1)[1].split("</main>", 1)[0]
    assert (
        chart.index("Ủy ban nhân dân")
        < chart.index("Văn phòng HĐND")
        < chart.index("Bộ phận một cửa")
    )
    assert chart.count('<ul class="org-level">') == 2  # two levels under the top
    assert f'href="{chairman.get_absolute_url()}"' in chart and "Lê Thị Chánh" in chart
    assert "<img" not in chart  # data, not a picture


def test_contacts_list_every_office_with_the_contact_point_marked_first(client):
    make_office("Phòng Kinh tế", email="kinhte@example.vn", order=1)
    make_office(
        "Văn phòng UBND",
        phone="0296 3866 111",
        email="vp@example.vn",
        is_contact_point=True,
        order=2,
    )
    html = client.get(reverse("about:contacts")).content.decode()
    assert html.index("Văn phòng UBND") < html.index("Phòng Kinh tế")
    assert "Đầu mối cung cấp thông tin" in html
    assert 'href="tel:02963866111"' in html and 'href="mailto:vp@example.vn"' in html


def test_a_leaders_page_shows_position_biography_and_duties_in_both_languages(client):
    leader = make_leader(
        "Trần Thị Lãnh Đạo",
        position_en="Vice-Chairwoman",
        biography_en="<p>Born in 1975.</p>",
        photo=image_upload("chan-dung.jpg"),
        photo_alt_vi="Ảnh chân dung bà Trần Thị Lãnh Đạo",
    )
    make_leader("Người đã nghỉ", is_active=False)
    html = client.get(leader.get_absolute_url()).content.decode()
    assert "Phó Chủ tịch UBND" in html and "Sinh năm 1975." in html and "Phụ trách kinh tế." in html
    assert 'alt="Ảnh chân dung bà Trần Thị Lãnh Đạo"' in html
    english = client.get("/en" + leader.get_absolute_url()).content.decode()
    assert "Vice-Chairwoman" in english and "Born in 1975." in english
    listing = client.get(reverse("about:leaders")).content.decode()
    assert "Trần Thị Lãnh Đạo" in listing and "Người đã nghỉ" not in listing


@pytest.mark.parametrize(
    "query", ["dang ky khai sinh", "Đăng ký khai sinh", "KHAI SINH", "1.001193"]
)
def test_procedures_are_found_with_or_without_tone_marks(client, query):
    make_procedure("Đăng ký khai sinh", code="1.001193")
    make_procedure("Cấp giấy phép xây dựng", field_vi="Xây dựng")
    html = client.get(reverse("about:procedures"), {"q": query}).content.decode()
    assert "Đăng ký khai sinh" in html and "Cấp giấy phép xây dựng" not in html
    assert 'href="https://dichvucong.gov.vn/' in html


def test_procedures_filter_by_field_and_ignore_a_field_that_does_not_exist(client):
    make_procedure("Đăng ký khai sinh")
    make_procedure("Cấp giấy phép xây dựng", field_vi="Xây dựng")
    html = client.get(reverse("about:procedures"), {"linh-vuc": "Xây dựng"}).content.decode()
    assert "Cấp giấy phép xây dựng" in html and "Đăng ký khai sinh" not in html
    html = client.get(reverse("about:procedures"), {"linh-vuc": "<b>không có</b>"}).content
    assert "Đăng ký khai sinh" in html.decode() and b"<b>kh" not in html


@pytest.fixture
def no_menu():
    """The migration gave the portal the usual menu: these tests build their own."""
    MenuItem.objects.all().delete()


def test_the_migration_gives_an_existing_portal_the_usual_menu():
    labels = list(
        MenuItem.objects.filter(portal=default_portal()).values_list("label_vi", flat=True)
    )
    assert labels == [
        "Giới thiệu",
        "Tin tức",
        "Văn bản",
        "Lịch công tác",
        "Thủ tục hành chính",
        "Công khai",
        "Hỏi đáp",
        "Liên hệ",
    ]


def test_the_menu_comes_from_data_in_its_order_with_the_news_categories(client, no_menu):
    portal = default_portal()
    make_category("Tin tức - Sự kiện")
    make_menu_item("Giới thiệu", "about:index", order=1, portal=portal)
    make_menu_item("Tin tức", "news", order=2, portal=portal)
    make_menu_item("Văn bản", "documents:list", order=3, portal=portal)
    make_menu_item("Hỏi đáp cũ", "missing:questions", order=5, portal=portal)  # not installed
    make_menu_item("Liên hệ", "about:contacts", order=9, portal=portal)
    make_menu_item("Lịch công tác", "schedule:this_week", order=4, portal=portal)
    menu = client.get("/").content.decode().split('class="main-nav"', 1)[1].split("</nav>")[0]
    labels = ["Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Lịch công tác", "Liên hệ"]
    positions = [menu.index(f">{label}<") for label in labels]
    assert positions == sorted(positions)
    assert "Hỏi đáp cũ" not in menu  # its section is not installed: left out, no error
    assert 'class="submenu"' in menu and "Tin tức - Sự kiện" in menu
    assert 'href="/lich-cong-tac/"' in menu


def test_a_menu_change_shows_on_the_next_page(client, no_menu):
    portal = default_portal()
    item = make_menu_item("Giới thiệu", "about:index", portal=portal)
    assert ">Giới thiệu<" in client.get("/").content.decode()
    item.label_vi = "Về chúng tôi"
    item.save()  # nothing cleared by hand: the cached page and this process's menu follow
    html = client.get("/").content.decode()
    assert ">Về chúng tôi<" in html and ">Giới thiệu<" not in html


def test_without_a_menu_the_header_lists_the_categories_as_before(client, no_menu):
    make_category("Chuyên mục cũ")
    menu = client.get("/").content.decode().split('class="main-nav"', 1)[1].split("</nav>")[0]
    assert "Chuyên mục cũ" in menu and 'class="submenu"' not in menu


def test_the_home_page_lists_the_website_links(client):
    make_link("Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn")
    html = client.get("/").content.decode()
    assert "Liên kết website" in html and 'href="https://dichvucong.gov.vn"' in html


def test_the_site_search_finds_an_introduction_page(client):
    page = make_page("Di tích Lăng Thoại Ngọc Hầu", body_vi="<p>Công trình kiến trúc cổ.</p>")
    refresh_vectors(IntroPage.objects.filter(pk=page.pk))
    html = client.get("/tim-kiem/", {"q": "lang thoai ngoc hau"}).content.decode()
    assert f'href="{page.get_absolute_url()}"' in html


def test_sitemap_lists_the_pages_and_leaders(client):
    page = make_page("Điều kiện tự nhiên")
    leader = make_leader("Nguyễn Văn Sơ Đồ")
    make_page("Trang nháp", status=Status.DRAFT)
    xml = client.get("/sitemap-about.xml").content.decode()
    assert page.get_absolute_url() in xml and leader.get_absolute_url() in xml
    assert "trang-nhap" not in xml
    assert "/lich-cong-tac/" in client.get("/sitemap-schedule.xml").content.decode()


def test_a_staff_preview_shows_an_unpublished_page_and_readers_get_a_404(client, moderator):
    page = make_page("Trang chờ duyệt", status=Status.PENDING)
    url = reverse("about:preview", args=[page.pk])
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200 and "Trang chờ duyệt" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_every_entry_of_the_usual_menu_has_its_section_in_this_install(client):
    """The seeded menu names sections by URL name; with every app installed, none may be left
    out for a name that does not resolve (Công khai once was: "disclosures" vs "disclosure")."""
    from about.migrations._menu import MENU

    make_category("Tin tức - Sự kiện")  # the news entry shows when there are categories
    menu = client.get("/").content.decode().split('class="main-nav"', 1)[1].split("</nav>")[0]
    for label, _, target in MENU:
        assert f">{label}<" in menu, target


def test_a_lost_version_number_never_keeps_a_menu_older_than_the_last_change(no_menu):
    """Another process renamed an entry and bumped the number, then the cache lost it before
    this process looked: this process reads the menu again instead of keeping its copy."""
    portal = default_portal()
    item = make_menu_item("Giới thiệu", "about:index", portal=portal)
    assert [e.label for e in furniture(portal).menu] == ["Giới thiệu"]
    MenuItem.objects.filter(pk=item.pk).update(label_vi="Về chúng tôi")  # the other process
    cache.delete(MENU_VERSION_KEY)
    assert [e.label for e in furniture(portal).menu] == ["Về chúng tôi"]
