"""Every save is a version; moderators revert to any earlier one, and the revert is a version."""

import pytest
from django.urls import reverse
from reversion.models import Version

from news.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

OLD_TITLE = "Châu Đốc khai mạc Tuần lễ Văn hóa – Du lịch “Về miền Châu Đốc”"
OLD_BODY = (
    "<p>Tối 27/11, UBND thành phố <strong>khai mạc</strong> tuần lễ.</p>"
    "<ul><li>Hội chợ ẩm thực</li><li>Đờn ca tài tử</li></ul>"
)


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def form_data(article, **changes):
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
        "ward": article.ward_id,
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


@pytest.fixture
def edited(client, ward_a, editor_a, category):
    """An article saved three times in the admin by its ward editor."""
    article = make_article("tạm", status="draft", ward=ward_a, category=category, author=editor_a)
    client.force_login(editor_a)
    for title, body in [
        (OLD_TITLE, OLD_BODY),
        ("Tiêu đề thứ hai", "<p>Nội dung thứ hai.</p>"),
        ("Tiêu đề mới nhất", "<p>Nội dung mới nhất, đã sửa lỗi.</p>"),
    ]:
        response = client.post(
            change_url(article), form_data(article, title_vi=title, body_vi=body)
        )
        assert response.status_code == 302
        article.refresh_from_db()
    client.logout()
    return article


def test_every_admin_save_is_a_version_with_its_author(edited, editor_a):
    versions = Version.objects.get_for_object(edited)
    assert versions.count() == 3
    assert {v.revision.user for v in versions} == {editor_a}
    kept = versions.first().field_dict
    assert {"title_vi", "title_en", "body_vi", "status"} <= set(kept)
    # Derived or counted columns are no part of what an author wrote.
    assert not {"search_vector_vi", "search_text_vi", "view_count", "title"} & set(kept)


def test_reverting_restores_the_old_title_and_body_exactly(client, edited, moderator):
    first = Version.objects.get_for_object(edited).order_by("pk").first()
    client.force_login(moderator)
    confirm = client.get(reverse("admin:news_article_revert", args=[edited.pk, first.pk]))
    assert confirm.status_code == 200
    assert "<del>" in confirm.content.decode()  # it shows what will change
    response = client.post(reverse("admin:news_article_revert", args=[edited.pk, first.pk]))
    assert response.status_code == 302
    article = Article.objects.get(pk=edited.pk)
    assert article.title_vi == OLD_TITLE
    assert article.body_vi == OLD_BODY
    assert article.status == "draft"  # content only: the workflow state is untouched


def test_the_revert_is_itself_a_version_that_can_be_undone(client, edited, moderator):
    versions = Version.objects.get_for_object(edited).order_by("pk")
    first, latest = versions.first(), versions.last()
    client.force_login(moderator)
    client.post(reverse("admin:news_article_revert", args=[edited.pk, first.pk]))
    after = Version.objects.get_for_object(edited).order_by("pk")
    assert after.count() == 4
    revert = after.last()
    assert revert.revision.user == moderator
    assert "Khôi phục về phiên bản" in revert.revision.comment
    assert revert.field_dict["title_vi"] == OLD_TITLE
    client.post(reverse("admin:news_article_revert", args=[edited.pk, latest.pk]))
    assert Article.objects.get(pk=edited.pk).title_vi == "Tiêu đề mới nhất"


def test_change_page_shows_who_when_and_a_diff(client, edited, moderator):
    client.force_login(moderator)
    html = client.get(change_url(edited)).content.decode()
    assert 'id="versions"' in html
    assert "bientap-a" in html
    assert "Tiêu đề <del>thứ hai</del><ins>mới nhất</ins>" in html
    assert "Khôi phục phiên bản này" in html


def test_ward_editor_sees_the_history_but_cannot_revert(client, edited, editor_a):
    first = Version.objects.get_for_object(edited).order_by("pk").first()
    client.force_login(editor_a)
    html = client.get(change_url(edited)).content.decode()
    assert 'id="versions"' in html and "Khôi phục phiên bản này" not in html
    response = client.post(reverse("admin:news_article_revert", args=[edited.pk, first.pk]))
    assert response.status_code == 403
    assert Article.objects.get(pk=edited.pk).title_vi == "Tiêu đề mới nhất"


def test_a_version_of_another_article_cannot_be_applied(client, edited, moderator, category):
    other = make_article("Bài khác", category=category)
    import reversion

    with reversion.create_revision():
        other.save()
    foreign = Version.objects.get_for_object(other).get()
    client.force_login(moderator)
    response = client.post(reverse("admin:news_article_revert", args=[edited.pk, foreign.pk]))
    assert response.status_code == 404
    assert Article.objects.get(pk=edited.pk).title_vi == "Tiêu đề mới nhất"


def test_a_revert_brings_back_the_covers_stored_size_and_the_diff_does_not_show_it(
    ward_a, category
):
    from chaudoc.publishing import history, workflow
    from tests.factories import image_upload, make_moderator, save_version

    article = make_article(
        "Ảnh bìa cũ", ward=ward_a, category=category, cover=image_upload("cu.jpg", size=(90, 60))
    )
    save_version(article, comment="Ảnh cũ")
    old = Version.objects.get_for_object(article).first()
    article.cover = image_upload("moi.jpg", size=(60, 90))
    article.title_vi = "Ảnh bìa mới"
    save_version(article, comment="Ảnh mới")
    article.refresh_from_db()
    assert (article.cover_width, article.cover_height) == (60, 90)
    shown = [str(label) for label, _ in history.versions_with_changes(article)[0]["changes"]]
    assert shown and not any("width" in s or "height" in s or "rộng" in s for s in shown)
    workflow.revert(make_moderator(), article, old)
    article.refresh_from_db()
    assert (article.title_vi, article.cover_width, article.cover_height) == ("Ảnh bìa cũ", 90, 60)


def test_the_change_form_lists_the_newest_ten_versions_and_links_to_every_one(
    client, ward_a, editor_a, category
):
    """An article saved all day keeps hundreds of versions: opening its form before each save
    must not read and compare them all."""
    article = make_article("tạm", status="draft", ward=ward_a, category=category, author=editor_a)
    client.force_login(editor_a)
    for n in range(1, 13):
        response = client.post(change_url(article), form_data(article, title_vi=f"Bản {n}"))
        assert response.status_code == 302
        article.refresh_from_db()
    page = client.get(change_url(article)).content.decode()
    section = page.split('id="versions"', 1)[1]
    assert section.count('class="version"') == 10
    oldest_shown = section.split('class="version"')[-1].split("</tr>")[0]
    assert 'class="change"' in oldest_shown  # compared with the version before it, not shown
    assert 'href="?versions=all#versions"' in section
    every = client.get(change_url(article) + "?versions=all").content.decode()
    assert every.split('id="versions"', 1)[1].count('class="version"') == 12
    assert 'href="?versions=all#versions"' not in every
