"""The whole editorial story in a real browser: write, submit, reject, fix, resubmit, schedule,
and a reader finding the article once its time has come (the server's clock is moved on)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from chaudoc.wards.roles import setup_roles
from tests.e2e.conftest import DESKTOP
from tests.factories import image_bytes, make_category, make_editor, make_moderator, make_ward

TITLE = "Phường Châu Phú A ra quân làm sạch kênh rạch, đón Tết Nguyên đán"
FIXED_TITLE = "Phường Châu Phú A ra quân làm sạch kênh Vĩnh Tế, đón Tết Nguyên đán"
LEAD = "Sáng Chủ nhật, hơn 200 đoàn viên và người dân đã cùng dọn rác dọc bờ kênh."
BODY = "Ông Nguyễn Văn Hùng, Chủ tịch UBND phường, phát động phong trào “Xanh – sạch – đẹp”."
REASON = "Tên kênh chưa đúng: đây là kênh Vĩnh Tế, đề nghị sửa lại tiêu đề."


@pytest.fixture
def newsroom(transactional_db, settings):
    settings.DEBUG = True  # the live server serves uploaded media, as `make run` does
    setup_roles()
    ward = make_ward("Châu Phú A")
    make_ward("Núi Sam")
    make_category("Tin tức - Sự kiện")
    editor = make_editor("bientap-chauphua", ward)
    moderator = make_moderator("kiemduyet")
    return editor, moderator


def log_in(browser, live_url, user):
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN").new_page()
    page.goto(live_url + "/quan-tri/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", user.raw_password)
    page.click("input[type=submit]")
    page.wait_for_url(live_url + "/quan-tri/")
    return page


def pick(page, field, text):
    """Choose in one of the admin's autocomplete (select2) fields."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-search__field", text)
    page.locator(".select2-results__option", has_text=text).first.click()


def open_article(page, live_url, title):
    page.goto(live_url + "/quan-tri/news/article/")
    page.get_by_role("link", name=title).click()
    page.wait_for_selector(".workflow-banner")


def test_ward_editor_and_moderator_take_an_article_to_the_home_page(
    newsroom, browser, live_url, shot, tmp_path, run_jobs
):
    editor, moderator = newsroom
    cover = tmp_path / "kenh.jpg"
    cover.write_bytes(image_bytes(size=(800, 500), color=(40, 120, 90)))

    with time_machine.travel(timezone.now(), tick=True) as clock:
        # 1. The ward editor writes the article in Vietnamese, with a cover, and submits it.
        ed = log_in(browser, live_url, editor)
        shot(ed, "01-editor-admin-index")
        ed.goto(live_url + "/quan-tri/news/article/add/")
        ed.fill("#id_title_vi", TITLE)
        ed.fill("#id_lead_vi", LEAD)
        ed.frame_locator("#cke_id_body_vi iframe").locator("body").fill(BODY)
        ed.set_input_files("#id_cover", str(cover))
        ed.fill("#id_cover_alt_vi", "Người dân vớt rác trên kênh")
        pick(ed, "category", "Tin tức")
        pick(ed, "ward", "Châu Phú A")
        shot(ed, "02-editor-writes")
        ed.click("input[name=_submit]")
        ed.wait_for_url(re.compile(r".*/workflow/submit/$"))
        shot(ed, "03-editor-confirms-submission")
        ed.click("input[type=submit].default")
        ed.wait_for_selector(".messagelist")
        assert "Chờ duyệt" in ed.inner_text(".workflow-banner")
        shot(ed, "04-editor-submitted")
        assert mail.outbox == []  # the request only queued the notice
        run_jobs()
        assert [m.to for m in mail.outbox] == [[moderator.email]]

        # 2. The moderator finds it in the review queue and rejects it with a reason.
        mod = log_in(browser, live_url, moderator)
        assert "1 bài viết chờ duyệt" in mod.inner_text("#review-queue")
        shot(mod, "05-moderator-review-queue")
        mod.click("#review-queue a")
        mod.get_by_role("link", name=TITLE).click()
        mod.click("a.workflow-reject")
        mod.fill("#id_reason", REASON)
        shot(mod, "06-moderator-rejects-with-reason")
        mod.click("input[type=submit].default")
        mod.wait_for_selector(".messagelist")
        assert "Bị từ chối" in mod.inner_text(".workflow-banner")

        # 3. The editor sees the reason, fixes the title and submits again.
        open_article(ed, live_url, TITLE)
        banner = ed.inner_text(".workflow-banner")
        assert REASON in banner and "Bị từ chối" in banner
        shot(ed, "07-editor-sees-reason")
        ed.fill("#id_title_vi", FIXED_TITLE)
        ed.click("input[name=_submit]")
        ed.wait_for_url(re.compile(r".*/workflow/submit/$"))
        ed.click("input[type=submit].default")
        ed.wait_for_selector(".messagelist")
        assert "Chờ duyệt" in ed.inner_text(".workflow-banner")
        assert REASON in ed.inner_text("#state-log")  # the rejection stays on record
        shot(ed, "08-editor-resubmitted")

        # 4. The moderator schedules it for the next minute or two, by the server's clock.
        open_article(mod, live_url, FIXED_TITLE)
        assert "kênh <del>rạch, </del><ins>Vĩnh Tế, </ins>" in mod.inner_html("#versions")
        shot(mod, "09-moderator-sees-the-diff")
        mod.click("a.workflow-schedule")
        at = (timezone.localtime() + timedelta(minutes=2)).replace(second=0, microsecond=0)
        mod.fill("#id_publish_at", f"{at:%Y-%m-%dT%H:%M}")
        shot(mod, "10-moderator-schedules")
        mod.click("input[type=submit].default")
        mod.wait_for_selector(".messagelist")
        assert "sẽ xuất hiện trên cổng thông tin" in mod.inner_text(".workflow-banner")
        shot(mod, "11-moderator-scheduled")

        # 5. A reader does not see it before its time, and finds it on the home page after.
        reader = browser.new_context(viewport=DESKTOP).new_page()
        reader.goto(live_url + "/")
        assert FIXED_TITLE not in reader.inner_text("main")
        clock.shift(at - timezone.now() + timedelta(seconds=1))
        reader.reload()
        shot(reader, "12-reader-home-page")
        reader.get_by_role("link", name=FIXED_TITLE).first.click()
        reader.wait_for_url(re.compile(r".*/tin-tuc/phuong-chau-phu-a-ra-quan-.*"))
        assert reader.inner_text("h1") == FIXED_TITLE
        cover = reader.locator("figure.cover img")
        assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
        # The 800 px upload, served as its WebP rendition of the same width.
        chosen = cover.evaluate(
            """img => {
                const path = new URL(img.currentSrc).pathname;
                const webp = img.closest("picture").querySelector("source").srcset.split(", ");
                return webp.find(c => c.split(" ")[0] === path);
            }"""
        )
        assert chosen and chosen.split()[0].endswith(".webp") and chosen.split()[1] == "800w"
        shot(reader, "13-reader-article")

    run_jobs()
    assert [m.to for m in mail.outbox] == [
        [moderator.email],
        [editor.email],
        [moderator.email],
        [editor.email],
    ]


def test_withdrawn_notice_and_staff_preview_meet_the_portals_standards(
    newsroom, browser, live_url, shot
):
    from chaudoc.publishing import workflow
    from chaudoc.publishing.workflow import Action
    from tests.e2e.checks import axe_violations, describe, html_errors
    from tests.factories import make_article

    editor, moderator = newsroom
    ward = editor.wards.get()
    gone = make_article("Thông báo lịch tiếp công dân tháng 12", status="pending", ward=ward)
    workflow.perform(moderator, gone, Action.APPROVE)
    workflow.perform(moderator, gone, Action.WITHDRAW, reason="Lịch đã thay đổi.")
    draft = make_article("Bản nháp của phường", status="draft", ward=ward)
    pages = {
        "withdrawn": (None, gone.get_absolute_url()),
        "preview": (editor, f"/xem-truoc/tin-tuc/{draft.pk}/"),
    }
    documents = {}
    for name, (user, path) in pages.items():
        context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
        if user is not None:
            from django.test import Client

            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"]
            context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_url}])
        page = context.new_page()
        response = page.goto(live_url + path)
        assert response.status == {"withdrawn": 410, "preview": 200}[name]
        documents[name] = response.text()  # as served, before axe is injected
        shot(page, name)
        violations = axe_violations(page)
        assert not violations, describe(violations)
        context.close()
    errors = html_errors(documents)
    assert not errors, errors
