from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chaudoc.publishing.states import Status
from news.models import ArticleSlug
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def _admin_change(client, article, **overrides):
    data = {
        "title_vi": article.title_vi,
        "title_en": "",
        "slug": article.slug,
        "lead_vi": article.lead_vi,
        "lead_en": "",
        "body_vi": article.body_vi,
        "body_en": "",
        "cover_alt_vi": "",
        "cover_alt_en": "",
        "category": article.category_id,
        "ward": "",
        "status": article.status,
        "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
    }
    data.update(overrides)
    return client.post(reverse("admin:news_article_change", args=[article.pk]), data)


def test_renamed_published_article_answers_301_from_its_old_url(client):
    article = make_article("Hội nghị tổng kết năm", published_at=timezone.now() - timedelta(1))
    old_url = article.get_absolute_url()
    client.force_login(make_staff("quantri", superuser=True))
    response = _admin_change(client, article, slug="hoi-nghi-tong-ket-nam-2023")
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/hoi-nghi-tong-ket-nam-2023/"
    followed = client.get(old_url, follow=True)
    assert followed.status_code == 200
    assert followed.redirect_chain == [("/tin-tuc/hoi-nghi-tong-ket-nam-2023/", 301)]
    assert "Hội nghị tổng kết năm" in followed.content.decode()


def test_english_old_url_redirects_to_the_english_page(client):
    article = make_article("Tin đổi tên", published_at=timezone.now() - timedelta(1))
    article.slug = "tin-da-doi-ten"
    article.save()
    response = client.get("/en/tin-tuc/tin-doi-ten/")
    assert response.status_code == 301
    assert response["Location"] == "/en/tin-tuc/tin-da-doi-ten/"


def test_every_former_slug_leads_to_the_current_one_and_renaming_back_wins():
    article = make_article("Bài một", published_at=timezone.now() - timedelta(1))
    for slug in ("bai-hai", "bai-ba", "bai-mot"):
        article.slug = slug
        article.save()
    assert set(ArticleSlug.objects.values_list("slug", flat=True)) == {"bai-hai", "bai-ba"}


def test_draft_renames_leave_no_redirect_and_unknown_slugs_404(client):
    article = make_article("Nháp", status=Status.DRAFT)
    article.slug = "nhap-moi"
    article.save()
    assert not ArticleSlug.objects.exists()
    assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404


def test_withdrawn_article_old_url_does_not_redirect(client):
    article = make_article("Tin sẽ rút", published_at=timezone.now() - timedelta(1))
    article.slug = "tin-se-rut-moi"
    article.save()
    article.status = Status.DRAFT
    article.save()
    assert client.get("/tin-tuc/tin-se-rut/").status_code == 404


def test_only_moderators_may_change_a_published_slug(client):
    from tests.factories import make_editor, make_moderator, make_ward

    ward = make_ward("Núi Sam")
    article = make_article("Tin đã đăng", ward=ward, published_at=timezone.now() - timedelta(1))
    client.force_login(make_editor("bientap", ward))
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert "Tin đã đăng" in page and 'name="slug"' not in page
    client.force_login(make_moderator("kiemduyet"))  # the role holds change_published_slug
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert 'name="slug"' in page
