"""bench/mixed_load.py's residents fill the real forms as a person does: the question form,
past the challenge by its text question, and the rating form of a page. If a template changes
so that the bench would post something else, these fail here rather than in a five-minute run."""

import random

import pytest

from bench.residents import ALREADY, CODE, COUNTED, answer_words, question_data, rating_form
from chaudoc.ratings.models import Rating
from participation.models import Question
from tests.factories import make_article
from tests.participation.conftest import make_topic
from tests.participation.test_questions import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return make_topic()


def test_the_text_question_is_answered_in_digits():
    assert answer_words("Hoặc trả lời bằng chữ số: năm cộng ba bằng mấy?") == "8"
    assert answer_words("no question here") is None


def test_a_resident_passes_the_challenge_by_its_text_question(client, topic, settings):
    settings.PARTICIPATION_LIMITS = {"window_seconds": 600, "challenge_after": 2, "limit": 5}
    for n in range(2):
        assert ask(client, topic, title=f"Câu hỏi trước {n}").status_code == 200
    page = client.get("/hoi-dap/dat-cau-hoi/").content.decode()
    data, title, challenged = question_data(page, random.Random(1), "r0", 1)
    assert challenged and data["captcha_text_answer"].isdigit()
    assert not data.get("captcha_answer")  # the picture is left alone
    response = client.post("/hoi-dap/dat-cau-hoi/", data)
    assert response.status_code == 200
    code = CODE.search(response.content.decode())[1]
    assert Question.objects.get(code=code).title == title


def test_a_wrong_answer_would_be_seen_as_refused(client, topic, settings):
    settings.PARTICIPATION_LIMITS = {"window_seconds": 600, "challenge_after": 0, "limit": 5}
    page = client.get("/hoi-dap/dat-cau-hoi/").content.decode()
    data, _title, challenged = question_data(page, random.Random(2), "r0", 2)
    data["captcha_text_answer"] = str(int(data["captcha_text_answer"]) + 1)
    response = client.post("/hoi-dap/dat-cau-hoi/", data)
    assert challenged and response.status_code == 400
    assert CODE.search(response.content.decode()) is None
    assert not Question.objects.exists()


def test_a_resident_rates_a_page_once_a_day(client):
    article = make_article()
    target = rating_form(client.get(article.get_absolute_url()).content.decode())
    assert target == f"news.article:{article.pk}"
    first = client.post("/danh-gia/", {"target": target, "helpful": "yes", "reason": ""})
    again = client.post("/danh-gia/", {"target": target, "helpful": "no", "reason": "other"})
    assert COUNTED in first.content.decode() and ALREADY not in first.content.decode()
    assert ALREADY in again.content.decode() and COUNTED not in again.content.decode()
    assert Rating.objects.count() == 1
