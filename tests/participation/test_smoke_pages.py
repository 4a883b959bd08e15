"""Every public page of the residents' rooms answers, in Vietnamese and English."""

import pytest

from tests.participation.conftest import make_comment, make_consultation, make_question

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_answer(client, topic, prefix):
    question = make_question(topic, stage="published")
    consultation = make_consultation()
    make_comment(consultation)
    for url in [
        "/hoi-dap/",
        topic.get_absolute_url(),
        question.get_absolute_url(),
        "/hoi-dap/dat-cau-hoi/",
        "/hoi-dap/tra-cuu/",
        "/lay-y-kien/",
        consultation.get_absolute_url(),
        "/quyen-rieng-tu/",
    ]:
        response = client.get(prefix + url)
        assert response.status_code == 200, url
