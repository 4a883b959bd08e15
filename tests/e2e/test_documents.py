"""A resident finds a document by its number from the home page, reads its page and downloads
its PDF; the replaced document it names links back. At desktop and phone widths."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
demo, live_url, _media_in_tmp = shared_demo_fixtures(DEBUG=False)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_resident_finds_a_document_by_number_and_downloads_its_pdf(
    demo, live_url, page, shot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_url + "/")
    block = page.locator(".documents-block")
    assert "125/QĐ-UBND" in block.inner_text()
    shot(page, "1-home")
    block.get_by_role("link", name="Tất cả văn bản").click()
    page.wait_for_url("**/van-ban/")
    page.get_by_label("Số, ký hiệu").fill("125 qd ubnd")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/van-ban/?*")
    assert "1 văn bản" in page.inner_text(".result-count")
    shot(page, "2-found")
    page.get_by_role("link", name="125/QĐ-UBND").click()
    page.wait_for_url("**/van-ban/125-qd-ubnd-2026/")
    assert page.inner_text("h1") == "Quyết định 125/QĐ-UBND"
    assert "Còn hiệu lực" in page.inner_text(".metadata")
    shot(page, "3-document")
    with page.expect_download() as info:
        page.locator(".document-files a").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.get_by_role("link", name="15/QĐ-UBND").click()
    page.wait_for_url("**/van-ban/15-qd-ubnd-2026/")
    assert "Hết hiệu lực" in page.inner_text(".validity-notice")
    shot(page, "4-replaced")
    root = "document.documentElement"
    assert page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")
