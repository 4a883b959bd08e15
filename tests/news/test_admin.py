import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from news.models import Article
from tests.factories import image_upload, make_category, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_staff("bientapvien")
    user.user_permissions.set(Permission.objects.filter(codename__in=[
        "add_article", "change_article", "view_article", "view_category", "view_ward",
    ]))
    client.force_login(user)
    return user


def test_add_page_renders_ckeditor_and_both_languages(client, editor):
    response = client.get(reverse("admin:news_article_add"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ckeditor/ckeditor.js" in html
    assert 'class="django-ckeditor-widget"' in html
    for field in ("title_vi", "title_en", "lead_vi", "lead_en", "body_vi", "body_en",
                  "cover_alt_vi", "cover_alt_en"):
        assert f'name="{field}"' in html
    assert "Thêm bài viết" in html  # the admin speaks Vietnamese


def _post_article(client, **overrides):
    data = {
        "title_vi": "Tin có mã độc", "title_en": "", "lead_vi": "Tóm tắt", "lead_en": "",
        "body_vi": '<p onmouseover="alert(1)">Chào</p><script>alert(1)</script>'
                   '<a href="javascript:alert(1)">x</a><img src="/media/a.jpg" onerror="x()">',
        "body_en": "", "cover_alt_vi": "", "cover_alt_en": "",
        "category": make_category("Tin tức").pk, "ward": "", "status": "draft",
        "published_at_0": "01/11/2026", "published_at_1": "08:00:00",
    }
    data.update(overrides)
    return client.post(reverse("admin:news_article_add"), data)


def test_body_is_stored_and_shown_without_scripts_handlers_or_js_urls(client, editor):
    response = _post_article(client, status="published")
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    for bad in ("<script", "onmouseover", "onerror", "javascript:"):
        assert bad not in article.body_vi
    assert "<p>Chào</p>" in article.body_vi
    assert article.slug == "tin-co-ma-doc"
    assert article.author == editor
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    for bad in ("<script>alert", "onmouseover", "onerror", "javascript:"):
        assert bad not in html


def test_cover_image_needs_a_description(client, editor):
    response = _post_article(client, cover=image_upload())
    assert response.status_code == 200
    assert Article.objects.count() == 0
    assert "Hãy mô tả ảnh bìa" in response.content.decode()


def test_cover_that_is_not_an_image_is_refused(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = _post_article(client, cover=fake, cover_alt_vi="Ảnh")
    assert response.status_code == 200
    assert Article.objects.count() == 0


def test_slug_is_fixed_once_published(client, editor):
    from tests.factories import make_article

    article = make_article("Tiêu đề ban đầu")
    article.title_vi = "Tiêu đề đã sửa"
    article.save()
    article.refresh_from_db()
    assert article.slug == "tieu-de-ban-dau"


def test_duplicate_titles_get_distinct_slugs():
    from tests.factories import make_article

    first = make_article("Châu Đốc đón Tết")
    second = make_article("Châu Đốc đón Tết")
    assert first.slug == "chau-doc-don-tet"
    assert second.slug == "chau-doc-don-tet-2"
