import pytest

from tests.e2e.conftest import ARTIFACTS, PHONE, shared_demo_fixtures

SEED_SLUG = "hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023"
SEED_TITLE = "Hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023"


# Every test here only reads the demo: one worker loads it once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
demo, live_url, _media_in_tmp = shared_demo_fixtures(DEBUG=True)  # DEBUG as `make run` has it


def test_reader_searches_without_tone_marks_from_the_header_on_a_phone(demo, live_url, page, shot):
    page.set_viewport_size(PHONE)
    page.goto(live_url + "/")
    box = page.get_by_role("searchbox", name="Tìm kiếm trên cổng thông tin")
    box.fill("giam ngheo")
    shot(page, "1-typed")
    page.locator("header").get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**/tim-kiem/?q=giam+ngheo")
    assert "kết quả cho “giam ngheo”" in page.inner_text(".search-summary")
    first = page.locator(".search-result").first
    assert first.locator("h2").inner_text() == SEED_TITLE
    assert first.locator("mark").first.inner_text() == "giảm"
    root = "document.documentElement"
    assert page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth")
    shot(page, "2-results")

    with page.expect_request("**/luot-xem/") as beacon:  # the view is reported, not written
        first.get_by_role("link").click()
    assert beacon.value.method == "POST"
    page.wait_for_url(f"**/tin-tuc/{SEED_SLUG}/")
    assert page.inner_text("h1") == SEED_TITLE
    assert page.get_by_role("button", name="Sao chép liên kết").is_visible()
    assert page.get_by_role("link", name="Chia sẻ qua Zalo").is_visible()
    shot(page, "3-article")


def test_print_preview_of_the_seed_article_hides_navigation_and_fits_the_text(
    demo, live_url, page, shot
):
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{live_url}/tin-tuc/{SEED_SLUG}/")
    assert page.get_by_role("button", name="In bài viết").is_visible()
    assert page.get_by_role("button", name="Lưu bài viết").is_visible()
    assert not page.locator(".print-source").is_visible()

    page.emulate_media(media="print")
    for hidden in (".main-nav", ".site-header", ".site-footer", ".article-tools", ".related"):
        assert not page.locator(hidden).is_visible(), hidden
    source = page.locator(".print-source")
    assert source.is_visible()
    assert f"/tin-tuc/{SEED_SLUG}/" in source.inner_text()
    assert "Thứ Sáu, 29/12/2023" in source.inner_text()
    # Nothing is wider than the page: lines wrap instead of being cut at the margin.
    overflowing = page.evaluate(
        """() => {
             const width = document.documentElement.clientWidth + 1;
             return [...document.querySelectorAll('.article *')]
               .filter(e => e.getBoundingClientRect().right > width).map(e => e.tagName);
           }"""
    )
    assert overflowing == []
    shot(page, "print-preview")

    pdf = page.pdf(path=str(ARTIFACTS / "seed-article.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert (
        pdf.count(b"/Type /Page\n")
        + pdf.count(b"/Type /Page\r")
        + pdf.count(b"/Type /Page/")
        + pdf.count(b"/Type /Page>")
        >= 1
    )
