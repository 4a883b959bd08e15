import pytest

from tests.factories import make_article, make_category, make_portal

HOST_A, HOST_B = "chaudoc.angiang.gov.vn", "vinhte.angiang.gov.vn"


@pytest.fixture
def two_portals(settings):
    """Phường Châu Đốc and phường Vĩnh Tế, each with its host, category and article."""
    settings.ALLOWED_HOSTS = [".angiang.gov.vn", "testserver"]
    settings.PORTAL = {**settings.PORTAL, "url": "https://angiang.gov.vn"}
    a = make_portal("Phường Châu Đốc", HOST_A, "www." + HOST_A)
    b = make_portal("Phường Vĩnh Tế", HOST_B)
    a.category = make_category("Tin Châu Đốc", portal=a)
    b.category = make_category("Tin Vĩnh Tế", portal=b)
    a.article = make_article("Bài của phường Châu Đốc", portal=a, category=a.category)
    b.article = make_article("Bài của phường Vĩnh Tế", portal=b, category=b.category)
    return a, b
