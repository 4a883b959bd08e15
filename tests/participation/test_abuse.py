"""Abuse without third parties: a per-address limit in the shared cache, a honeypot, and a
self-hosted challenge that can be passed with the keyboard alone; nothing half-stored."""

import re

import pytest

from participation.models import Comment, Question
from tests.participation.conftest import make_consultation
from tests.participation.test_questions import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.PARTICIPATION_LIMITS = {"window_seconds": 600, "challenge_after": 100, "limit": 5}
    return settings.PARTICIPATION_LIMITS


def test_fifty_submissions_in_a_minute_store_at_most_the_limit(client, topic, limits):
    answers = [ask(client, topic, title=f"Câu hỏi số {n}") for n in range(50)]
    assert Question.objects.count() == limits["limit"]
    refused = answers[limits["limit"] :]
    assert {r.status_code for r in refused} == {429}
    html = refused[-1].content.decode()
    assert re.search(r"Vui lòng thử lại sau \d\d:\d\d \(khoảng \d+ phút nữa\)", html)
    assert int(refused[-1]["Retry-After"]) > 0


def test_another_address_is_not_limited(client, topic, limits):
    for n in range(6):
        ask(client, topic, title=f"Câu {n}")
    other = ask(client, topic, extra={"REMOTE_ADDR": "203.113.0.9"})
    assert other.status_code == 200


def test_the_honeypot_stores_nothing(client, topic):
    response = ask(client, topic, website="http://spam.example")
    assert response.status_code == 400
    assert not Question.objects.exists()


def _challenge(html):
    key = re.search(r'name="captcha_text_key" value="([0-9a-f]+)"', html).group(1)
    words = re.search(r"chữ số: (.+?) bằng mấy", html).group(1)
    numbers = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    a, b = words.split(" cộng ")
    return key, numbers.index(a) + numbers.index(b)


def test_the_challenge_appears_after_a_few_and_its_text_question_passes(client, topic, settings):
    settings.PARTICIPATION_LIMITS = {"window_seconds": 600, "challenge_after": 2, "limit": 10}
    ask(client, topic), ask(client, topic)
    form = client.get("/hoi-dap/dat-cau-hoi/").content.decode()
    assert 'class="challenge"' in form and "/captcha/image/" in form
    wrong = ask(client, topic, captcha_text_key=_challenge(form)[0], captcha_text_answer="99")
    assert wrong.status_code == 400 and Question.objects.count() == 2
    key, answer = _challenge(wrong.content.decode())  # a new challenge comes with the error
    right = ask(client, topic, captcha_text_key=key, captcha_text_answer=str(answer))
    assert right.status_code == 200 and Question.objects.count() == 3
    # A challenge is used once.
    again = ask(client, topic, captcha_text_key=key, captcha_text_answer=str(answer))
    assert again.status_code == 400


def test_comments_share_the_rules(client, limits):
    consultation = make_consultation()
    data = {"name": "A", "email": "a@example.vn", "body": "Góp ý", "consent": "on"}
    codes = [client.post(consultation.get_absolute_url(), data).status_code for _ in range(8)]
    assert codes.count(200) == 5 and codes.count(429) == 3
    assert Comment.objects.count() == 5


def test_a_failed_store_gives_the_submission_back(client, topic, limits, monkeypatch):
    from participation import flow

    def broken(question):
        raise RuntimeError("database gone")

    monkeypatch.setattr(flow, "receive", broken)
    client.raise_request_exception = False
    assert ask(client, topic).status_code == 500
    from participation import abuse

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1"}

    assert abuse.allowance(Request()).sent == 0
