from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chaudoc.publishing.states import Status
from news.models import Article
from tests.factories import make_article, make_category, make_ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_and_visible():
    category = make_category("Kinh tế")
    ward = make_ward("Núi Sam")
    now = timezone.now()
    visible = make_article(
        "Tin đã đăng Châu Đốc", category=category, ward=ward, published_at=now - timedelta(hours=1)
    )
    draft = make_article(
        "Bản nháp bí mật",
        category=category,
        ward=ward,
        status=Status.DRAFT,
        published_at=now - timedelta(hours=1),
    )
    future = make_article(
        "Tin hẹn giờ tương lai", category=category, ward=ward, published_at=now + timedelta(hours=1)
    )
    return {
        "category": category,
        "ward": ward,
        "visible": visible,
        "draft": draft,
        "future": future,
    }


def test_published_rule_is_status_and_time(hidden_and_visible):
    assert list(Article.objects.published()) == [hidden_and_visible["visible"]]


@pytest.mark.parametrize("page", ["home", "category", "ward"])
def test_drafts_and_future_articles_are_hidden_from_every_list(client, hidden_and_visible, page):
    urls = {
        "home": reverse("home"),
        "category": hidden_and_visible["category"].get_absolute_url(),
        "ward": hidden_and_visible["ward"].get_absolute_url(),
    }
    html = client.get(urls[page]).content.decode()
    assert "Tin đã đăng Châu Đốc" in html
    assert "Bản nháp bí mật" not in html
    assert "Tin hẹn giờ tương lai" not in html


@pytest.mark.parametrize("key", ["draft", "future"])
def test_unpublished_article_url_answers_404(client, hidden_and_visible, key):
    response = client.get(hidden_and_visible[key].get_absolute_url())
    assert response.status_code == 404


def test_future_article_appears_once_its_time_has_come(client, hidden_and_visible):
    import time_machine

    future = hidden_and_visible["future"]
    with time_machine.travel(future.published_at + timedelta(seconds=1)):
        assert client.get(future.get_absolute_url()).status_code == 200


def test_article_page_shows_date_lead_body_links_and_print_button(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ward = make_ward("Vĩnh Mỹ")
    article = make_article(
        "Hội nghị tại Châu Đốc",
        ward=ward,
        lead_vi="Tóm tắt hội nghị",
        published_at=datetime(2023, 12, 29, 14, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    related = make_article("Tin cùng chuyên mục", category=article.category)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thứ Sáu, 29/12/2023 - 14:30" in html
    assert "Tóm tắt hội nghị" in html
    assert article.category.get_absolute_url() in html
    assert ward.get_absolute_url() in html
    assert related.get_absolute_url() in html
    assert "data-print" in html and "In bài viết" in html


def test_category_pages_paginate(client):
    category = make_category("Thông báo")
    for i in range(15):
        make_article(f"Thông báo số {i}", category=category)
    first = client.get(category.get_absolute_url())
    second = client.get(category.get_absolute_url() + "?page=2")
    assert first.status_code == second.status_code == 200
    assert len(first.context["articles"]) == 12
    assert len(second.context["articles"]) == 3
    assert client.get(category.get_absolute_url() + "?page=9").status_code == 404


def test_unknown_pages_get_the_vietnamese_404(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_is_vietnamese():
    from chaudoc.pages.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_new_categories_and_wards_join_the_end_of_the_menu(client):
    from chaudoc.wards.models import Ward

    first = make_category("Tin tức", order=1)
    second = make_category("Kinh tế", order=2)
    added = make_category("An ninh")  # no order given: "A" sorts first by name, yet goes last
    assert added.order == 3
    html = client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    positions = [nav.index(f'href="{c.get_absolute_url()}"') for c in (first, second, added)]
    assert positions == sorted(positions)
    old = Ward.objects.create(name="Vĩnh Mỹ", order=5)
    new = Ward.objects.create(name="An Phú")
    assert new.order == 6 and list(Ward.objects.all()) == [old, new]
    kept = make_category("Thông báo", order=1)  # an order typed by the editor is kept
    assert kept.order == 1
