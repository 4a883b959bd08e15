"""The demo province (chaudoc/demo/portals.py): An Giang, phường Châu Đốc and phường Vĩnh Tế on
their *.localhost names, 127.0.0.1 showing the default portal, and the former city's archive."""

import pytest
from django.core.management import call_command

from chaudoc.portals.models import Portal, PortalHost

pytestmark = pytest.mark.django_db

SEED = "/tin-tuc/hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023/"
NOTICE = (
    "Nội dung này được đăng bởi UBND thành phố Châu Đốc, trước khi sắp xếp đơn vị hành chính "
    "ngày 01/07/2025."
)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def banner(client, host, path="/"):
    return client.get(path, HTTP_HOST=host).content.decode()


def test_loading_the_demo_again_adds_no_portal_and_no_host_name(demo):
    before = list(Portal.objects.values_list("slug", "parent__slug", "is_default"))
    hosts = list(PortalHost.objects.values_list("host", "portal__slug", "is_canonical"))
    call_command("load_demo", verbosity=0)
    assert list(Portal.objects.values_list("slug", "parent__slug", "is_default")) == before
    assert list(PortalHost.objects.values_list("host", "portal__slug", "is_canonical")) == hosts
    assert len(before) == 4


def test_each_demo_portal_answers_on_its_name_and_127_0_0_1_shows_the_default(client, demo):
    assert "Chào mừng đến với Trang thông tin điện tử phường Châu Đốc" in banner(
        client, "chaudoc.localhost:8000"
    )
    assert "Chào mừng đến với Trang thông tin điện tử phường Vĩnh Tế" in banner(
        client, "vinhte.localhost:8000"
    )
    assert "UBND tỉnh An Giang" in banner(client, "angiang.localhost:8000")
    assert "UBND phường Châu Đốc" in banner(client, "127.0.0.1:8000")
    assert Portal.objects.get(is_default=True).slug == "chau-doc"


def test_the_seed_article_keeps_its_address_with_the_history_notice(client, demo):
    response = client.get(SEED, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200 and NOTICE in response.content.decode()
    old = client.get(SEED, HTTP_HOST="thanhpho-chaudoc.localhost:8000")
    assert old.status_code == 301
    assert old["Location"] == f"http://chaudoc.localhost{SEED}"  # tests' PORTAL_URL: no port


def test_former_units_lead_to_their_successors(client, demo):
    nui_sam = client.get("/phuong-xa/phuong-nui-sam/", HTTP_HOST="127.0.0.1")
    assert nui_sam.status_code == 301 and nui_sam["Location"] == "http://vinhte.localhost/"
    split = banner(client, "127.0.0.1", "/phuong-xa/xa-vinh-chau/")
    assert "http://chaudoc.localhost/" in split and "http://vinhte.localhost/" in split
