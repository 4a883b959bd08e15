"""The demo's two ward portals in a browser: phường Châu Đốc on chaudoc.localhost and phường
Vĩnh Tế on vinhte.localhost (Chromium resolves every *.localhost name to the machine), each
with its own banner, news and contacts, at desktop and phone widths."""

import pytest

from chaudoc.demo import content
from tests.e2e.conftest import DESKTOP, PHONE, shared_demo

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

SEED = "/tin-tuc/hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023/"
PORTALS = {data["hosts"][0]: data for data in content.WARD_PORTALS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_demo(django_db_blocker, tmp_path_factory.mktemp("media"), DEBUG=False) as url:
        yield url


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The demo's files stay in the folder it was loaded into (see shared_demo)."""


def on(url, host):
    return url.replace("://localhost", f"://{host}")


@pytest.mark.parametrize("host", sorted(PORTALS))
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_each_ward_portal_shows_its_own_banner_news_and_contacts(demo, page, shot, host, size):
    data = PORTALS[host]
    page.set_viewport_size(size)
    response = page.goto(on(demo, host) + "/")
    assert response.status == 200
    assert page.locator(".brand-name").inner_text() == data["banner"][0]
    # The unit's name in two lines from "UBND phường Châu Đốc" (CSS writes them in capitals).
    assert page.locator(".brand-kicker").text_content() == "Ủy ban nhân dân"
    unit = data["governing_body"][0].removeprefix("UBND ")
    assert page.locator(".brand-unit").text_content() == unit
    assert page.locator(".brand-kicker").evaluate("e => getComputedStyle(e).textTransform") == (
        "uppercase"
    )
    text = page.locator("main").inner_text()
    for title, _lead in data["news"]:
        assert title in text
    for other in PORTALS.values():
        if other is not data:
            assert all(title not in text for title, _lead in other["news"])
    footer = page.locator("footer").inner_text()
    assert data["address"][0] in footer and data["phone"] in footer and data["email"] in footer
    assert data["person_responsible"][0] in footer and data["licence"][0] in footer
    shot(page, f"{host}-{size['width']}")


def test_the_seed_article_keeps_its_address_with_the_history_notice(demo, page, shot):
    page.set_viewport_size(PHONE)
    response = page.goto(on(demo, "chaudoc.localhost") + SEED)
    assert response.status == 200
    notice = page.locator(".history-notice").inner_text()
    assert notice == (
        "Nội dung này được đăng bởi UBND thành phố Châu Đốc, trước khi sắp xếp đơn vị hành "
        "chính ngày 01/07/2025."
    )
    shot(page, "seed-article-390")


def test_a_split_units_page_leads_to_both_ward_portals(demo, page):
    page.goto(on(demo, "chaudoc.localhost") + "/phuong-xa/xa-vinh-chau/")
    links = page.locator("ul.successors a")
    assert links.count() == 2
    assert "Vĩnh Tế" in links.nth(1).inner_text()
