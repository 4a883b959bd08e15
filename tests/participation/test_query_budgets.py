"""The residents' pages run a fixed number of queries, whatever the number of rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.models import Comment, Question, QuestionEvent
from tests.budgets import cold_pages
from tests.participation.conftest import make_consultation, make_question

pytestmark = pytest.mark.django_db

BUDGETS = {"questions": 6, "topic": 6, "question": 5, "comments": 6}


def _rows(topic, count):
    first = make_question(topic, stage="published", n=0)
    now = timezone.now()
    questions = [
        Question(
            code=f"HD-2026-9{n:05d}",
            topic=topic,
            title=f"Câu hỏi {n}",
            question="Nội dung",
            answer="<p>Trả lời</p>",
            stage=Question.Stage.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
            deadline=now.date(),
            name="Dân",
            email=f"dan{n}@example.vn",
        )
        for n in range(count)
    ]
    Question.objects.bulk_create(questions)
    QuestionEvent.objects.bulk_create(
        [QuestionEvent(question=first, stage="received") for _ in range(3)]
    )
    consultation = make_consultation()
    Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                name="Dân",
                email=f"gopy{n}@example.vn",
                body=f"Góp ý {n}",
                state=Comment.State.APPROVED,
            )
            for n in range(count)
        ]
    )
    return {
        "questions": "/hoi-dap/?page=2",
        "topic": topic.get_absolute_url(),
        "question": first.get_absolute_url(),
        "comments": consultation.get_absolute_url() + "?page=2",
    }


@pytest.mark.parametrize("count", [20, 2000])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_stays_within_its_query_budget(
    client, topic, django_assert_max_num_queries, count, page
):
    urls = _rows(topic, count)
    client.get("/")
    cold_pages()
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Góp ý" in html) if page == "comments" else ("Câu hỏi" in html)
