"""The English body starts from the Vietnamese one's pictures (issue 21): while it is empty,
the article's change form offers the Vietnamese body's figures, with their captions to
translate; saved untouched, the offer is dropped; an English body already written is kept."""

import html

import pytest
from django.urls import reverse

from chaudoc.text import pictures_of
from news.models import Article
from tests.factories import make_article
from tests.news.test_history import form_data

pytestmark = pytest.mark.django_db

FIGURE = (
    '<figure><img src="/media/editor/u1/cho.jpg" alt="Chợ Châu Đốc" width="800" height="533">'
    "<figcaption>Chợ Châu Đốc sáng sớm</figcaption></figure>"
)
LONE = '<img src="/media/editor/u1/den.jpg" alt="Đền Bà">'
BODY_VI = f"<p>Đoạn mở đầu.</p>{FIGURE}<h2>Phần hai</h2><p>Giữa bài {LONE} tiếp.</p><p>Hết.</p>"


def test_pictures_of_keeps_figures_whole_and_puts_lone_pictures_in_paragraphs():
    assert pictures_of(BODY_VI) == f"{FIGURE}\n<p>{LONE}</p>"
    assert pictures_of("<p>Chỉ có chữ.</p>") == ""
    # What the sanitiser removes stays removed: the offer is made of sanitised HTML.
    dirty = (
        '<figure><img src="/a.jpg" onerror="alert(1)" style="width:9px"></figure><script>x</script>'
    )
    assert pictures_of(dirty) == '<figure><img src="/a.jpg"></figure>'


@pytest.fixture
def article(ward_a, editor_a, category):
    return make_article(
        "Chợ Châu Đốc",
        status="draft",
        ward=ward_a,
        category=category,
        author=editor_a,
    )


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def test_empty_english_body_is_offered_the_vietnamese_pictures(client, article, editor_a):
    Article.objects.filter(pk=article.pk).update(body_vi=BODY_VI, body_en="")
    client.force_login(editor_a)
    page = client.get(change_url(article)).content.decode()
    textarea = page.split('name="body_en"', 1)[1].split("</textarea>", 1)[0]
    assert html.unescape(textarea).split(">", 1)[1] == f"{FIGURE}\n<p>{LONE}</p>"
    assert "translate each caption" not in page  # the help text is in Vietnamese
    assert "Ảnh của bài tiếng Việt đã có sẵn ở đây" in page


def test_the_offer_saved_untouched_is_dropped_and_a_translation_is_kept(client, article, editor_a):
    Article.objects.filter(pk=article.pk).update(body_vi=BODY_VI, body_en="")
    article.refresh_from_db()
    client.force_login(editor_a)
    offered = f"{FIGURE}\n<p>{LONE}</p>"
    response = client.post(change_url(article), form_data(article, body_en=offered))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_en == ""
    translated = offered.replace("Chợ Châu Đốc sáng sớm", "Châu Đốc market in the early morning")
    body_en = f"<p>The market opens at dawn.</p>{translated}"
    response = client.post(change_url(article), form_data(article, body_en=body_en))
    assert response.status_code == 302
    article.refresh_from_db()
    assert "Châu Đốc market in the early morning</figcaption>" in article.body_en
    assert 'src="/media/editor/u1/cho.jpg"' in article.body_en


def test_an_english_body_already_written_is_not_replaced(client, article, editor_a):
    Article.objects.filter(pk=article.pk).update(body_vi=BODY_VI, body_en="<p>Written.</p>")
    client.force_login(editor_a)
    page = client.get(change_url(article)).content.decode()
    textarea = page.split('name="body_en"', 1)[1].split("</textarea>", 1)[0]
    assert html.unescape(textarea).split(">", 1)[1] == "<p>Written.</p>"
    assert "cho.jpg" not in textarea
