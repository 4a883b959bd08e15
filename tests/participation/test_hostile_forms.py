"""Every XSS payload, typed by a resident into every text field of the public forms, is stored
as plain text and reaches readers and staff as inert text (tests/security/html_checks.py):
the published question and answer, the status page, the draft's comments, the admin pages."""

import pytest
from django.test import Client

from participation.models import Comment, Question
from tests.factories import make_staff
from tests.participation.conftest import make_consultation
from tests.security.html_checks import executable_findings
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


@pytest.fixture
def roomy(settings):
    settings.PARTICIPATION_LIMITS = {"window_seconds": 60, "challenge_after": 10**6, "limit": 10**6}
    settings.PAGE_CACHE_SECONDS = 0


def _clean(response):
    assert response.status_code < 500
    findings = executable_findings(response.content.decode())
    assert not findings, findings


def test_payloads_in_the_question_form_stay_inert(client, topic, roomy):
    admin = Client()
    admin.force_login(make_staff("quantri-doc", superuser=True))
    for n, payload in enumerate(PAYLOADS):
        data = {
            "name": payload[:120],
            "email": f"hd{n}@example.vn",
            "phone": "",
            "topic": topic.pk,
            "title": payload[:200],
            "question": payload,
            "may_publish": "on",
            "consent": "on",
        }
        response = client.post("/hoi-dap/dat-cau-hoi/", data)
        _clean(response)
        _clean(client.post("/hoi-dap/tra-cuu/", {"code": payload[:20], "contact": payload}))
    questions = list(Question.objects.all())
    assert len(questions) >= 0.8 * len(PAYLOADS)
    for question in questions:
        Question.objects.filter(pk=question.pk).update(stage="published", answer=question.question)
        question.refresh_from_db()
        question.save()
        _clean(client.get(question.get_absolute_url()))
        _clean(client.post("/hoi-dap/tra-cuu/", {"code": question.code, "contact": question.email}))
        _clean(admin.get(f"/quan-tri/participation/question/{question.pk}/change/"))
    _clean(client.get("/hoi-dap/"))
    _clean(client.get("/tim-kiem/", {"q": "script"}))
    _clean(admin.get("/quan-tri/participation/question/"))


def test_payloads_in_the_comment_form_stay_inert(client, roomy):
    consultation = make_consultation()
    admin = Client()
    admin.force_login(make_staff("quantri-gopy", superuser=True))
    for n, payload in enumerate(PAYLOADS):
        data = {"name": payload[:120], "email": f"gy{n}@example.vn", "body": payload}
        _clean(client.post(consultation.get_absolute_url(), {**data, "consent": "on"}))
    Comment.objects.update(state=Comment.State.APPROVED)
    assert Comment.objects.count() >= 0.8 * len(PAYLOADS)
    for page in range(1, Comment.objects.count() // 20 + 2):
        _clean(client.get(consultation.get_absolute_url(), {"page": page}))
    _clean(admin.get("/quan-tri/participation/comment/"))
    for comment in Comment.objects.all()[:20]:
        _clean(admin.get(f"/quan-tri/participation/comment/{comment.pk}/change/"))
    export = admin.get(f"/quan-tri/participation/consultation/{consultation.pk}/xuat/csv/")
    assert export.status_code == 200
