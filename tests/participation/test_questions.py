"""A resident asks, gets a tracking code, follows the question; staff assign, answer, review
and publish; the resident hears of every stage by e-mail."""

import re

import pytest
from django.core import mail

from participation.models import Question, QuestionEvent
from tests.factories import make_moderator
from tests.participation.conftest import make_office, make_officer, make_question

pytestmark = pytest.mark.django_db

Stage = Question.Stage


def ask(client, topic, extra=None, **overrides):
    data = {
        "name": "Lê Văn Tám",
        "email": "le-van-tam@example.vn",
        "phone": "",
        "topic": topic.pk,
        "title": "Giờ làm việc của bộ phận một cửa",
        "question": "Bộ phận một cửa phường làm việc vào thứ Bảy không?",
        "may_publish": "on",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return client.post("/hoi-dap/dat-cau-hoi/", data, **(extra or {}))


def test_a_question_gets_a_tracking_code_and_a_deadline(
    client, topic, immediate_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, topic)
    assert response.status_code == 200
    question = Question.objects.get()
    assert re.fullmatch(r"HD-\d{4}-\d{6}", question.code)
    assert question.code in response.content.decode()
    assert question.stage == Stage.RECEIVED and question.deadline > question.received_at.date()
    assert question.consent_at is not None
    assert [m.to for m in mail.outbox] == [["le-van-tam@example.vn"]]
    assert question.code in mail.outbox[0].subject


def test_consent_and_a_contact_are_required(client, topic):
    response = ask(client, topic, consent="", email="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Cần có sự đồng ý của bạn" in html
    assert "Nhập địa chỉ thư điện tử hoặc số điện thoại" in html
    assert not Question.objects.exists()


def test_a_phone_alone_is_enough(client, topic):
    assert ask(client, topic, email="", phone="0296 3861 234").status_code == 200
    assert Question.objects.get().phone == "0296 3861 234"


def test_the_status_page_needs_the_code_and_the_contact(client, topic):
    question = make_question(topic)
    right = client.post(
        "/hoi-dap/tra-cuu/", {"code": question.code.lower(), "contact": question.email}
    )
    assert "Đã tiếp nhận" in right.content.decode()
    wrong = client.post("/hoi-dap/tra-cuu/", {"code": question.code, "contact": "khac@example.vn"})
    assert question.title not in wrong.content.decode()
    assert "Không có câu hỏi nào" in wrong.content.decode()


def _admin_post(client, question, **data):
    fields = {
        "office": question.office_id or "",
        "assignee": question.assignee_id or "",
        "answer": question.answer,
        "step": "",
        "reason": "",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    fields.update(data)
    url = f"/quan-tri/participation/question/{question.pk}/change/"
    return client.post(url, fields)


@pytest.fixture
def mails_now(immediate_jobs, django_capture_on_commit_callbacks):
    """Each step's e-mail is sent when the step commits (the test's own transaction never does)."""

    def step(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return step


def test_assign_answer_review_publish(client, topic, mails_now):
    question = make_question(topic)
    moderator = make_moderator("kiemduyet-hd")
    officer = make_officer("canbo-hd")
    office = make_office()
    mail.outbox.clear()

    client.force_login(moderator)
    response = mails_now(_admin_post, client, question, office=office.pk, assignee=officer.pk)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.stage == Stage.ASSIGNED and question.assignee == officer

    client.force_login(officer)
    answer = "<p>Bộ phận một cửa làm việc sáng thứ Bảy.</p><script>alert(1)</script>"
    response = mails_now(_admin_post, client, question, answer=answer, step="submit")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.stage == Stage.REVIEW and "<script" not in question.answer

    client.force_login(moderator)
    assert mails_now(_admin_post, client, question, step="approve").status_code == 302
    question.refresh_from_db()
    assert question.stage == Stage.PUBLISHED
    stages = list(QuestionEvent.objects.filter(question=question).values_list("stage", flat=True))
    assert stages == ["received", "assigned", "review", "published"]
    resident_mail = [m for m in mail.outbox if m.to == [question.email]]
    assert len(resident_mail) == 2  # assigned, published (the review is internal)
    assert "Bộ phận một cửa làm việc sáng thứ Bảy" in resident_mail[-1].body
    officer_mail = [m for m in mail.outbox if m.to == [officer.email]]
    assert officer_mail and question.code in officer_mail[0].subject

    client.logout()
    page = client.get(question.get_absolute_url())
    assert page.status_code == 200
    assert question.email not in page.content.decode()


def test_an_answer_not_to_publish_goes_to_the_resident_only(client, topic):
    question = make_question(topic, may_publish=False, stage=Stage.REVIEW)
    question.answer = "<p>Trả lời riêng.</p>"
    question.save()
    moderator = make_moderator("kiemduyet-rieng")
    client.force_login(moderator)
    assert _admin_post(client, question, step="approve").status_code == 302
    question.refresh_from_db()
    assert question.stage == Stage.ANSWERED
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_declined_question_says_why(client, topic):
    question = make_question(topic)
    client.force_login(make_moderator("kiemduyet-tuchoi"))
    response = _admin_post(client, question, step="decline", reason="")
    assert response.status_code == 200  # the reason is required
    _admin_post(client, question, step="decline", reason="Không thuộc thẩm quyền của phường.")
    question.refresh_from_db()
    assert question.stage == Stage.DECLINED
    client.logout()
    status = client.post("/hoi-dap/tra-cuu/", {"code": question.code, "contact": question.phone})
    html = status.content.decode()
    assert "Từ chối" in html and "Không thuộc thẩm quyền của phường." in html


def test_officers_cannot_publish(client, topic):
    question = make_question(topic, stage=Stage.REVIEW)
    officer = make_officer("canbo-khong-duyet")
    question.assignee = officer
    question.save()
    client.force_login(officer)
    response = _admin_post(client, question, step="approve")
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.stage == Stage.REVIEW


def test_published_answers_are_found_without_tone_marks_and_listed_by_field(client, topic):
    from tests.participation.conftest import make_topic

    other = make_topic("Hộ tịch")
    land = make_question(topic, stage=Stage.PUBLISHED, n=1)
    make_question(other, stage=Stage.PUBLISHED, n=2, title="Đăng ký khai sinh cho con")
    hidden = make_question(topic, n=3, title="Chứng nhận quyền sử dụng đất chưa trả lời")
    results = client.get("/tim-kiem/", {"q": "chung nhan quyen su dung dat"}).content.decode()
    assert land.get_absolute_url() in results and hidden.get_absolute_url() not in results
    listed = client.get(topic.get_absolute_url()).content.decode()
    assert land.title in listed and "Đăng ký khai sinh" not in listed
