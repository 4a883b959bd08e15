"""“Thông tin này có hữu ích không?”: anonymous ratings under every article, document, page,
draft and answer, one per page and connection a day, that work on cached pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from chaudoc.ratings.models import Rating
from news.models import Article
from tests.factories import make_article, make_moderator
from tests.participation.conftest import make_question, make_topic

pytestmark = pytest.mark.django_db


def rate(client, obj, helpful="yes", reason="", **extra):
    target = f"{obj._meta.label_lower}:{obj.pk}"
    return client.post(
        "/danh-gia/", {"target": target, "helpful": helpful, "reason": reason}, **extra
    )


def test_an_article_page_carries_the_widget_without_anything_per_reader(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Thông tin này có hữu ích không?" in html
    assert f'value="news.article:{article.pk}"' in html
    form = html[
        html.index('action="/danh-gia/"') : html.index("</form>", html.index('action="/danh-gia/"'))
    ]
    assert "csrfmiddlewaretoken" not in form  # the same cached page for every reader


def test_the_widget_works_on_a_cached_page(client, settings):
    article = make_article()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())  # from the page cache
    assert first.content == second.content
    assert "Set-Cookie" not in second.headers
    assert rate(client, article).status_code == 200
    assert Rating.objects.get().helpful is True


def test_a_rating_row_holds_no_address_cookie_or_user(client):
    article = make_article()
    client.force_login(make_moderator("kiemduyet-danhgia"))
    rate(client, article, "no", "outdated", REMOTE_ADDR="198.51.100.23", HTTP_COOKIE="a=b")
    columns = [f.column for f in Rating._meta.concrete_fields]
    assert sorted(columns) == sorted(
        ["id", "portal_id", "content_type_id", "object_id", "helpful", "reason", "day"]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Rating._meta.db_table}")
        (row,) = cursor.fetchall()
    stored = " ".join(str(value) for value in row)
    assert "198.51.100" not in stored and "a=b" not in stored and "kiemduyet" not in stored
    rating = Rating.objects.get()
    assert rating.content_type == ContentType.objects.get_for_model(Article)
    assert (rating.helpful, rating.reason) == (False, "outdated")


def test_repeats_are_limited_per_day_without_storing_the_hash(client):
    article = make_article()
    assert "Cảm ơn bạn đã đánh giá" in rate(client, article).content.decode()
    assert "Hôm nay bạn đã đánh giá" in rate(client, article).content.decode()
    other = rate(client, article, REMOTE_ADDR="203.0.113.5")
    assert "Cảm ơn bạn đã đánh giá" in other.content.decode()
    assert Rating.objects.count() == 2


def test_the_salt_rotates_daily(client, rf):
    import time_machine

    from chaudoc.ratings.limits import vote_key

    request = rf.post("/danh-gia/", REMOTE_ADDR="203.0.113.5")
    with time_machine.travel("2026-12-01 10:00 +07:00", tick=False):
        today = vote_key(request, "news.article:1")
        assert vote_key(request, "news.article:1") == today
    with time_machine.travel("2026-12-02 10:00 +07:00", tick=False):
        assert vote_key(request, "news.article:1") != today


def test_bad_ratings_are_refused_without_storing(client):
    article = make_article()
    for data in [
        {"target": f"news.article:{article.pk}", "helpful": "maybe"},
        {"target": "auth.user:1", "helpful": "yes"},
        {"target": "news.article:99999", "helpful": "yes"},
        {"target": f"news.article:{article.pk}", "helpful": "yes", "reason": "<script>"},
        {"target": "x" * 5000, "helpful": "yes"},
    ]:
        assert client.post("/danh-gia/", data).status_code == 400
    assert client.get("/danh-gia/").status_code == 405
    assert not Rating.objects.exists()


def test_answers_are_rated_and_the_report_shows_them(client):
    question = make_question(make_topic(), stage="published")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Thông tin này có hữu ích không?" in html
    rate(client, question, "yes", "clear")
    rate(client, question, "no", REMOTE_ADDR="203.0.113.7")
    article = make_article()
    rate(client, article, "yes")
    client.force_login(make_moderator("kiemduyet-baocao"))
    report = client.get("/quan-tri/chaudoc/rating/")
    html = report.content.decode()
    assert report.status_code == 200
    assert question.title in html and article.title in html
    assert "rating-bar" in html and "50 %" in html and "Rõ ràng, dễ hiểu: 1" in html


def _document():
    from tests.documents.conftest import make_document

    return make_document()


def _intro_page():
    from tests.about.factories import make_page

    return make_page("Lịch sử phường")


def _consultation():
    from tests.participation.conftest import make_consultation

    return make_consultation()


@pytest.mark.parametrize("make", [make_article, _document, _intro_page, _consultation])
def test_every_article_document_page_and_draft_can_be_rated(client, make):
    obj = make()
    target = f"{obj._meta.label_lower}:{obj.pk}"
    html = client.get(obj.get_absolute_url()).content.decode()
    assert "Thông tin này có hữu ích không?" in html
    assert f'value="{target}"' in html
    assert rate(client, obj, helpful="no", reason="outdated").status_code == 200
    stored = Rating.objects.get()
    assert (stored.object_id, stored.content_type.model) == (obj.pk, obj._meta.model_name)
