import pytest
from django.urls import reverse

from chaudoc.publishing import workflow
from chaudoc.publishing.states import Status
from news.models import Article
from tests.factories import image_upload, make_category, make_editor, make_moderator, make_ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return make_ward("Núi Sam")


@pytest.fixture
def editor(client, ward):
    user = make_editor("bientapvien", ward)
    client.force_login(user)
    return user


def test_add_page_renders_ckeditor_and_both_languages(client, editor):
    response = client.get(reverse("admin:news_article_add"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ckeditor/ckeditor.js" in html
    assert 'class="django-ckeditor-widget"' in html
    for field in (
        "title_vi",
        "title_en",
        "lead_vi",
        "lead_en",
        "body_vi",
        "body_en",
        "cover_alt_vi",
        "cover_alt_en",
    ):
        assert f'name="{field}"' in html
    assert "Thêm bài viết" in html  # the admin speaks Vietnamese


def _post_article(client, **overrides):
    ward = Article._meta.get_field("ward").related_model.objects.first()
    data = {
        "title_vi": "Tin có mã độc",
        "title_en": "",
        "lead_vi": "Tóm tắt",
        "lead_en": "",
        "body_vi": '<p onmouseover="alert(1)">Chào</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src="/media/a.jpg" onerror="x()">',
        "body_en": "",
        "cover_alt_vi": "",
        "cover_alt_en": "",
        "category": make_category("Tin tức").pk,
        "ward": ward.pk,
        "status": "draft",
        "published_at_0": "01/11/2026",
        "published_at_1": "08:00:00",
    }
    data.update(overrides)
    return client.post(reverse("admin:news_article_add"), data)


def test_add_page_prefilled_from_a_malformed_link_still_opens(client, editor, ward):
    category = make_category("Kinh tế")
    url = reverse("admin:news_article_add")
    for query in ("category=abc", "ward=abc", "ward=%00", "category=1,2"):
        assert client.get(f"{url}?{query}").status_code == 200, query
    # A well-formed pre-filled value still pre-fills.
    response = client.get(f"{url}?category={category.pk}&ward={ward.pk}")
    assert response.context["adminform"].form.initial["category"] == str(category.pk)


def test_body_is_stored_and_shown_without_scripts_handlers_or_js_urls(client, editor):
    response = _post_article(client, status="published")
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == Status.DRAFT  # the crafted status was ignored
    moderator = make_moderator()
    workflow.perform(editor, article, workflow.Action.SUBMIT)
    workflow.perform(moderator, article, workflow.Action.APPROVE)
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
