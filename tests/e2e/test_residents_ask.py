"""A resident asks a question on a phone and gets a tracking code; a moderator assigns it, the
officer answers, the moderator publishes; the resident reads the answer by code and finds it by
a search typed without tone marks. Screenshots in test-artifacts/."""

import re

import pytest

from chaudoc.wards.roles import setup_roles
from participation.models import Question, Topic
from tests.e2e.conftest import PHONE
from tests.e2e.test_editorial_story import log_in
from tests.factories import make_moderator
from tests.participation.conftest import make_office, make_officer

TITLE = "Bộ phận một cửa có làm việc sáng thứ Bảy không?"
ANSWER = "Bộ phận tiếp nhận và trả kết quả làm việc sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ."


@pytest.fixture
def ward_office(transactional_db):
    setup_roles()
    Topic.objects.create(name="Thủ tục hành chính")
    officer = make_officer("canbo-motcua")
    moderator = make_moderator("kiemduyet-hoidap")
    office = make_office("Bộ phận một cửa")
    return officer, moderator, office


def step(page, live_url, question, choose, **fields):
    page.goto(f"{live_url}/quan-tri/participation/question/{question.pk}/change/")
    for selector, value in fields.items():
        if selector.startswith("select:"):
            page.select_option(selector[7:], label=value)
        else:
            page.fill(selector, value)
    page.select_option("#id_step", choose)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/quan-tri/participation/question/$"))


def test_a_resident_asks_and_finds_the_answer(ward_office, browser, live_url, shot, run_jobs):
    officer, moderator, office = ward_office
    resident = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    resident.goto(live_url + "/hoi-dap/dat-cau-hoi/")
    resident.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    resident.get_by_label("Thư điện tử", exact=True).fill("le-thi-hoa@example.vn")
    resident.get_by_label("Tiêu đề").fill(TITLE)
    resident.get_by_label("Nội dung câu hỏi").fill(
        "Tôi đi làm cả tuần, muốn nộp hồ sơ sáng thứ Bảy."
    )
    resident.get_by_label(re.compile("Đồng ý công bố")).check()
    resident.get_by_label(re.compile("Tôi đồng ý để cổng thông tin")).check()
    shot(resident, "1-resident-form")
    resident.get_by_role("button", name="Gửi câu hỏi").click()
    code = resident.locator(".tracking-code").inner_text()
    assert re.fullmatch(r"HD-\d{4}-\d{6}", code)
    shot(resident, "2-resident-code")
    width = resident.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing sideways at 390 px

    question = Question.objects.get(code=code)
    staff = log_in(browser, live_url, moderator)
    step(
        staff,
        live_url,
        question,
        "",
        **{"select:#id_office": office.name, "select:#id_assignee": officer.username},
    )
    staff.close()
    officer_page = log_in(browser, live_url, officer)
    step(officer_page, live_url, question, "submit", **{"#id_answer": ANSWER})
    shot(officer_page, "3-officer-answered")
    moderator_page = log_in(browser, live_url, moderator)
    step(moderator_page, live_url, question, "approve")
    shot(moderator_page, "4-moderator-published")
    question.refresh_from_db()
    assert question.stage == "published"
    run_jobs()  # the resident's e-mails

    resident.goto(live_url + "/hoi-dap/tra-cuu/")
    resident.get_by_label("Mã tra cứu").fill(code.lower())
    resident.get_by_label("Địa chỉ thư điện tử hoặc số điện thoại bạn đã cung cấp").fill(
        "le-thi-hoa@example.vn"
    )
    resident.get_by_role("button", name="Tra cứu").click()
    status = resident.locator(".qa-status")
    assert "Đã trả lời và công bố" in status.inner_text() and ANSWER in status.inner_text()
    shot(resident, "5-resident-status")

    resident.goto(live_url + "/tim-kiem/?q=bo+phan+mot+cua+thu+bay")
    resident.get_by_role("link", name=re.compile("Bộ phận một cửa")).first.click()
    resident.wait_for_url(re.compile(r".*/hoi-dap/hd-\d{4}-\d{6}/$"))
    assert ANSWER in resident.locator(".qa-answer").inner_text()
    assert "le-thi-hoa" not in resident.content()
    shot(resident, "6-resident-published-answer")


NUMBERS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def test_the_challenge_is_passed_with_the_keyboard_alone(
    ward_office, browser, live_url, shot, settings
):
    settings.PARTICIPATION_LIMITS = {"window_seconds": 600, "challenge_after": 0, "limit": 10}
    page = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    page.goto(live_url + "/hoi-dap/dat-cau-hoi/")
    page.get_by_label("Họ và tên").focus()
    page.keyboard.type("Trần Văn Bàn Phím")
    page.keyboard.press("Tab")
    page.keyboard.type("ban-phim@example.vn")
    for label, text in [("Tiêu đề", "Hỏi bằng bàn phím"), ("Nội dung câu hỏi", "Nội dung.")]:
        page.get_by_label(label).focus()
        page.keyboard.type(text)
    page.get_by_label(re.compile("Tôi đồng ý để cổng thông tin")).focus()
    page.keyboard.press("Space")
    # The honeypot is never reached by Tab: from the consent box, Tab goes to the check.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "captcha_answer"
    question = page.locator("label[for=id_captcha_text_answer]").inner_text()
    a, b = re.search(r"chữ số: (\S+) cộng (\S+) bằng mấy", question).groups()
    page.keyboard.press("Tab")
    page.keyboard.type(str(NUMBERS.index(a) + NUMBERS.index(b)))
    shot(page, "challenge-by-keyboard")
    page.keyboard.press("Enter")
    code = page.locator(".tracking-code").inner_text()
    assert Question.objects.filter(code=code, name="Trần Văn Bàn Phím").exists()
