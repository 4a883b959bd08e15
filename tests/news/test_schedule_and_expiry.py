"""Publication by the clock alone: no background job, the published() rule reads the time."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from chaudoc.publishing import workflow
from chaudoc.publishing.workflow import Action
from news.models import Article
from tests.factories import NOW, make_article

pytestmark = pytest.mark.django_db

TITLE = "Lễ hội Vía Bà Chúa Xứ núi Sam năm 2027"
AT = NOW + timedelta(hours=2)


@pytest.fixture
def scheduled(ward_a, editor_a, moderator, category):
    with time_machine.travel(NOW, tick=False):
        article = make_article(
            TITLE, status="draft", ward=ward_a, author=editor_a, category=category
        )
        workflow.perform(editor_a, article, Action.SUBMIT)
        workflow.perform(moderator, article, Action.SCHEDULE, at=AT)
    return article


def reader_sees(client, article):
    home = client.get(reverse("home")).content.decode()
    page = client.get(article.get_absolute_url())
    in_queryset = Article.objects.published().filter(pk=article.pk).exists()
    assert (TITLE in home) == (page.status_code == 200) == in_queryset
    return in_queryset


def test_scheduled_article_is_hidden_one_second_before_its_time(client, scheduled):
    with time_machine.travel(AT - timedelta(seconds=1), tick=False):
        assert not reader_sees(client, scheduled)
        assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_scheduled_article_is_shown_one_second_after_its_time(client, scheduled):
    with time_machine.travel(AT + timedelta(seconds=1), tick=False):
        assert reader_sees(client, scheduled)


def test_expired_article_disappears_by_itself(client, scheduled):
    scheduled.expires_at = AT + timedelta(days=1)
    scheduled.save()
    with time_machine.travel(AT + timedelta(hours=1), tick=False):
        assert reader_sees(client, scheduled)
    with time_machine.travel(scheduled.expires_at, tick=False):
        assert not reader_sees(client, scheduled)
        assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_withdrawn_article_url_answers_410_with_the_reason(client, scheduled, moderator):
    reason = "Thông tin về lịch tổ chức đã thay đổi theo thông báo mới của Ban tổ chức."
    with time_machine.travel(AT + timedelta(minutes=5), tick=False):
        workflow.perform(moderator, scheduled, Action.WITHDRAW, reason=reason)
        response = client.get(scheduled.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 410
    assert "Bài viết này đã được gỡ" in html
    assert reason in html
    assert TITLE not in client.get(reverse("home")).content.decode()


def test_trashed_article_is_gone_for_readers(client, scheduled, moderator):
    with time_machine.travel(AT + timedelta(minutes=5), tick=False):
        workflow.perform(moderator, scheduled, Action.TRASH)
        assert not reader_sees(client, scheduled)
        assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_a_time_in_the_past_cannot_be_scheduled(client, ward_a, editor_a, moderator, category):
    article = make_article(status="pending", ward=ward_a, author=editor_a, category=category)
    client.force_login(moderator)
    with time_machine.travel(NOW, tick=False):
        past = NOW - timedelta(minutes=1)
        response = client.post(
            reverse("admin:news_article_workflow", args=[article.pk, "schedule"]),
            {"publish_at": f"{past:%Y-%m-%dT%H:%M}"},
        )
    assert response.status_code == 200
    assert "Hãy chọn thời điểm đăng trong tương lai." in response.content.decode()
    article.refresh_from_db()
    assert article.status == "pending"


def test_expiry_before_publication_is_refused(ward_a, category):
    from django.core.exceptions import ValidationError

    article = make_article(
        ward=ward_a, category=category, published_at=NOW, expires_at=NOW - timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "expires_at" in error.value.message_dict
