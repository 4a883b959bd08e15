"""A clerk's work is never lost or hidden in the admin: a chosen cover after a form error, the
read-only view of a pending article, rejected articles on the admin home, the schedule time."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from news.models import Article
from tests.factories import (
    NOW,
    image_upload,
    make_article,
    make_category,
    make_editor,
    make_moderator,
    make_ward,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return make_ward("Châu Phú A")


@pytest.fixture
def editor(client, ward):
    user = make_editor("bientap", ward)
    client.force_login(user)
    return user


def page(response):
    assert response.status_code == 200
    return HTMLParser(response.content.decode())


def test_a_cover_chosen_on_a_form_with_an_error_is_named_at_its_field(client, editor, ward):
    data = {
        "title_vi": "",  # forgotten: the form comes back
        "lead_vi": "Tóm tắt",
        "body_vi": "<p>Nội dung</p>",
        "cover": image_upload("kenh-vinh-te.jpg"),
        "cover_alt_vi": "Kênh Vĩnh Tế",
        "category": make_category().pk,
        "ward": ward.pk,
    }
    tree = page(client.post(reverse("admin:news_article_add"), data))
    assert Article.objects.count() == 0
    errors = tree.css(".field-cover .errorlist")
    assert errors, "the cover field says nothing"
    message = errors[0].text()
    assert "Hãy chọn lại tệp kenh-vinh-te.jpg trước khi lưu" in message


def test_no_cover_message_when_no_file_was_chosen(client, editor, ward):
    data = {"title_vi": "", "lead_vi": "Tóm tắt", "body_vi": "<p>x</p>", "ward": ward.pk}
    tree = page(client.post(reverse("admin:news_article_add"), data))
    assert not tree.css(".field-cover .errorlist")


def test_a_pending_article_shows_its_editor_formatted_text_and_the_cover_picture(
    client, editor, ward
):
    article = make_article(
        "Bài chờ duyệt",
        status="pending",
        ward=ward,
        author=editor,
        body_vi="<h2>Kết quả</h2><p>Giảm <strong>1,2 %</strong> hộ nghèo.</p>"
        '<p><img src="/media/a.jpg" alt="Hội nghị" onerror="x()"></p>',
        cover=image_upload("bia.jpg"),
        cover_alt_vi="Ảnh bìa",
    )
    tree = page(client.get(reverse("admin:news_article_change", args=[article.pk])))
    body = tree.css(".field-body_vi_formatted .readonly")[0]
    assert body.css("h2")[0].text() == "Kết quả"
    assert body.css("strong")[0].text() == "1,2 %"
    assert "<h2>" not in body.text()  # not the HTML source
    assert not body.css("[onerror]")  # sanitised again on the way out
    picture = tree.css(".field-cover_picture img")[0]
    assert picture.attributes.get("src") == article.cover.url


def test_the_cover_is_a_picture_while_editing_too(client, editor, ward):
    article = make_article(
        "Bản nháp", status="draft", ward=ward, author=editor, cover=image_upload("bia.jpg")
    )
    tree = page(client.get(reverse("admin:news_article_change", args=[article.pk])))
    assert (
        tree.css(".field-cover .file-thumbnail img")[0].attributes.get("src") == article.cover.url
    )
    assert tree.css(".field-body_vi textarea")  # still editable


def test_a_clerks_rejected_articles_are_listed_on_their_admin_home(client, editor, ward):
    mine = make_article(
        "Bài cần sửa số liệu",
        status="rejected",
        ward=ward,
        author=editor,
        status_reason="Số hộ nghèo chưa khớp báo cáo.",
    )
    make_article("Bài của tôi đã đăng", ward=ward, author=editor)
    other = make_editor("bientap-khac", ward)
    make_article("Bài bị trả của người khác", status="rejected", ward=ward, author=other)
    tree = page(client.get(reverse("admin:index")))
    items = tree.css("#returned-items li")
    assert [item.css("strong")[0].text() for item in items] == ["Bài cần sửa số liệu"]
    assert "Số hộ nghèo chưa khớp báo cáo." in items[0].text()
    link = items[0].css("a")[0].attributes.get("href")
    assert link == reverse("admin:news_article_change", args=[mine.pk])
    client.force_login(make_moderator())
    assert not page(client.get(reverse("admin:index"))).css("#returned-items")


def test_the_schedule_time_starts_at_the_next_hour_and_says_its_time_zone(client, ward):
    article = make_article("Bài chờ lên lịch", status="pending", ward=ward)
    client.force_login(make_moderator())
    with time_machine.travel(NOW, tick=False):
        url = reverse("admin:news_article_workflow", args=[article.pk, "schedule"])
        tree = page(client.get(url))
    field = tree.css("input[name=publish_at]")[0]
    assert field.attributes.get("value") == f"{NOW + timedelta(hours=1):%Y-%m-%dT%H}:00"
    assert "Giờ Việt Nam (UTC+07:00)" in tree.css("#id_publish_at_helptext")[0].text()


def test_the_history_page_names_changed_fields_in_vietnamese(client, editor, ward):
    article = make_article("Bản nháp", status="draft", ward=ward, author=editor)
    local = timezone.localtime(article.published_at)
    data = {
        "title_vi": article.title_vi,
        "slug": article.slug,
        "lead_vi": article.lead_vi,
        "body_vi": "<p>Nội dung đã sửa.</p>",
        "cover_alt_vi": "",
        "title_en": "",
        "lead_en": "",
        "body_en": "",
        "cover_alt_en": "",
        "category": article.category_id,
        "ward": ward.pk,
        "published_at_0": f"{local:%Y-%m-%d}",
        "published_at_1": f"{local:%H:%M:%S}",
    }
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    tree = page(client.get(reverse("admin:news_article_history", args=[article.pk])))
    message = tree.css("#change-history tbody td")[-1].text()
    assert message == "Đã sửa Nội dung (Tiếng Việt)."
    assert "1 mục" in tree.css("#change-history")[0].text()
