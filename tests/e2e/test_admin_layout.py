"""The admin at 1280 and 390 px, as a ward clerk and a moderator would see it: no change form's
buttons cover its title, the album's photo editing fits the screen with every field in reach,
the editor offers only what the sanitiser keeps, and no English shows on the pages (what the
admin's scripts and CKEditor write included)."""

import pytest

from chaudoc.wards.roles import setup_roles
from tests.chaudoc.wards.english import foreign_words
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import (
    image_upload,
    make_album,
    make_article,
    make_category,
    make_editor,
    make_moderator,
    make_ward,
)

LONG_TITLE = (
    "Hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023 "
    "của phường Châu Phú A, thành phố Châu Đốc, tỉnh An Giang"
)
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

OVERLAP = """() => {
  const title = document.querySelector('#content h1, #content-start h1');
  const tools = [...document.querySelectorAll('.object-tools a')];
  const t = title.getBoundingClientRect();
  return tools.filter(a => {
    const b = a.getBoundingClientRect();
    return b.left < t.right && b.right > t.left && b.top < t.bottom && b.bottom > t.top;
  }).map(a => a.textContent.trim());
}"""
UNREACHABLE = """() => {
  const width = document.documentElement.clientWidth;
  const fields = '.photo-inline input:not([type=hidden]), .photo-inline textarea';
  return [...document.querySelectorAll(fields)]
    .filter(el => {
      const b = el.getBoundingClientRect();
      return b.left < 0 || b.right > width + 1;
    })
    .map(el => el.name);
}"""


@pytest.fixture
def admin_stage(transactional_db, settings):
    settings.DEBUG = True  # the live server serves uploaded media, as `make run` does
    setup_roles()
    ward = make_ward("Châu Phú A")
    category = make_category("Tin tức - Sự kiện")
    editor = make_editor("bientap-chauphua", ward)
    moderator = make_moderator("kiemduyet")
    article = make_article(
        LONG_TITLE,
        status="pending",
        ward=ward,
        category=category,
        author=editor,
        cover=image_upload("bia.jpg", size=(640, 400)),
        cover_alt_vi="Quang cảnh hội nghị",
        body_vi="<h2>Kết quả</h2><p>Tỷ lệ hộ nghèo giảm còn <strong>1,2 %</strong>.</p>",
    )
    draft = make_article("Bản nháp của phường", status="draft", ward=ward, author=editor)
    album = make_album(LONG_TITLE, status="draft", ward=ward, author=editor, photos=3)
    return {"editor": editor, "moderator": moderator, "pages": [article, draft, album]}


def log_in(browser, live_url, user, viewport):
    page = browser.new_context(viewport=viewport, locale="vi-VN").new_page()
    page.goto(live_url + "/quan-tri/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", user.raw_password)
    page.click("input[type=submit]")
    page.wait_for_url(live_url + "/quan-tri/")
    return page


def change_url(obj):
    return f"/quan-tri/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_change_forms_keep_their_buttons_off_the_title_and_fit_the_screen(
    admin_stage, browser, live_url, shot, role, width
):
    page = log_in(browser, live_url, admin_stage[role], WIDTHS[width])
    shot(page, f"{role}-{width}-index")
    english = {}
    for obj in admin_stage["pages"]:
        page.goto(live_url + change_url(obj))
        page.wait_for_load_state("load")
        name = f"{role}-{width}-{obj._meta.model_name}-{obj.pk}"
        shot(page, name)
        assert page.evaluate(OVERLAP) == [], name
        assert page.evaluate(UNREACHABLE) == [], name
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= WIDTHS[width]["width"] + 1, f"{name}: {scroll} px wide"
        english.update(foreign_words([page.inner_text("body")]))
    page.goto(live_url + "/quan-tri/news/article/")
    shot(page, f"{role}-{width}-article-list")
    title = page.locator("#result_list .field-title").first.bounding_box()
    assert title["width"] >= 150, title  # a few words a line, not one
    english.update(foreign_words([page.inner_text("body")]))
    known = {"bientap", "chauphua", "kiemduyet"}
    assert not {w for w in english if w.lower() not in known}, english


def test_the_editor_allows_only_what_the_sanitiser_keeps_and_speaks_vietnamese(
    admin_stage, browser, live_url, shot
):
    page = log_in(browser, live_url, admin_stage["editor"], DESKTOP)
    page.goto(live_url + change_url(admin_stage["pages"][1]))
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body_vi "
        "&& CKEDITOR.instances.id_body_vi.status === 'ready'"
    )
    # (A width in a style is allowed in: the editor turns it into the width attribute, kept.)
    check = "rule => CKEDITOR.instances.id_body_vi.filter.check(rule)"
    kept = [
        "p",
        "h2",
        "strong",
        "a[href]",
        "img[src,alt,width,height]",
        "figure",
        "figcaption",
        "table",
        "td[colspan]",
    ]
    dropped = [
        "img{float}",
        "img[border]",
        "a[target]",
        "p{text-align}",
        "span{color}",
        "table[border]",
        "p(lead)",
        "h1",
        "pre",
        "address",
        "div",
    ]
    assert {rule: page.evaluate(check, rule) for rule in kept} == dict.fromkeys(kept, True)
    assert {rule: page.evaluate(check, rule) for rule in dropped} == dict.fromkeys(dropped, False)
    page.click("#cke_id_body_vi .cke_combo__format .cke_combo_button")
    frame = page.frame_locator("iframe.cke_panel_frame")
    formats = frame.locator(".cke_panel_listItem").all_inner_texts()
    shot(page, "editor-format-list")
    assert [f.strip() for f in formats] == ["Đoạn văn", "Tiêu đề mục", "Tiêu đề phụ", "Tiêu đề nhỏ"]
    page.keyboard.press("Escape")
    page.click("#cke_id_body_vi .cke_button__image")
    page.wait_for_selector(".cke_dialog_body")
    shot(page, "editor-image-dialog")
    dialog = page.inner_text(".cke_dialog_body")
    assert "Ảnh có chú thích" in dialog
    assert not foreign_words([dialog]), dialog
