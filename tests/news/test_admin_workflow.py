"""The editorial workflow as staff meet it in the admin (/quan-tri/, in Vietnamese)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from chaudoc.publishing import workflow
from chaudoc.publishing.models import StateChange
from chaudoc.publishing.workflow import Action
from news.models import Article
from tests.factories import image_upload, make_article

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:news_article_{name}", args=args)


@pytest.fixture
def two_wards(ward_a, ward_b, editor_a, editor_b, category):
    a = make_article(
        "Tin phường Châu Phú A", status="draft", ward=ward_a, author=editor_a, category=category
    )
    b = make_article(
        "Tin phường Núi Sam", status="draft", ward=ward_b, author=editor_b, category=category
    )
    return a, b


def pending(title, ward, author, category, waited_hours):
    article = make_article(title, status="pending", ward=ward, author=author, category=category)
    article.status_changed_at = timezone.now() - timedelta(hours=waited_hours)
    article.save()
    return article


# The review queue


def test_admin_index_shows_the_review_queue_count_to_moderators(
    client, ward_a, editor_a, moderator, category
):
    pending("Chờ 1", ward_a, editor_a, category, 1)
    pending("Chờ 2", ward_a, editor_a, category, 2)
    trashed = pending("Chờ nhưng đã xóa", ward_a, editor_a, category, 3)
    trashed.deleted_at = timezone.now()
    trashed.save()
    make_article("Bản nháp", status="draft", ward=ward_a, category=category)
    client.force_login(moderator)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Hàng chờ duyệt" in html
    assert '<strong class="review-count">2</strong> bài viết chờ duyệt' in html


def test_ward_editors_have_no_review_queue(client, editor_a):
    client.force_login(editor_a)
    assert "Hàng chờ duyệt" not in client.get(reverse("admin:index")).content.decode()


def test_review_queue_lists_pending_articles_of_all_wards_oldest_first(
    client, ward_a, ward_b, editor_a, editor_b, moderator, category
):
    pending("Chờ ít nhất", ward_a, editor_a, category, 1)
    pending("Chờ lâu nhất", ward_b, editor_b, category, 30)
    pending("Chờ vừa", ward_a, editor_a, category, 5)
    make_article("Không phải chờ duyệt", status="draft", ward=ward_a, category=category)
    client.force_login(moderator)
    html = client.get(url("changelist") + "?status__exact=pending").content.decode()
    positions = [html.index(t) for t in ("Chờ lâu nhất", "Chờ vừa", "Chờ ít nhất")]
    assert positions == sorted(positions)
    assert "Không phải chờ duyệt" not in html


def test_moderators_filter_by_status_ward_category_and_author(client, two_wards, moderator):
    from tests.factories import make_category

    make_category("Kinh tế")
    client.force_login(moderator)
    html = client.get(url("changelist")).content.decode()
    for param in (
        "status__exact=pending",
        "ward__id__exact=",
        "category__id__exact=",
        "author__id__exact=",
        "trash=1",
    ):
        assert param in html


# Intermediate pages ask for what each action needs


def test_reject_asks_for_a_reason_and_an_empty_one_changes_nothing(
    client, ward_a, editor_a, moderator, category
):
    article = pending("Bài chờ duyệt", ward_a, editor_a, category, 1)
    client.force_login(moderator)
    page = client.get(url("workflow", article.pk, "reject")).content.decode()
    assert 'name="reason"' in page and "Từ chối" in page
    response = client.post(url("workflow", article.pk, "reject"), {"reason": "   "})
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    article.refresh_from_db()
    assert article.status == "pending"
    assert not StateChange.objects.exists()


def test_schedule_asks_for_a_time(client, ward_a, editor_a, moderator, category):
    article = pending("Bài chờ duyệt", ward_a, editor_a, category, 1)
    client.force_login(moderator)
    page = client.get(url("workflow", article.pk, "schedule")).content.decode()
    assert 'type="datetime-local"' in page and 'name="publish_at"' in page
    assert client.post(url("workflow", article.pk, "schedule"), {}).status_code == 200
    assert Article.objects.get(pk=article.pk).status == "pending"


def test_bulk_action_goes_through_the_intermediate_page(
    client, ward_a, ward_b, editor_a, editor_b, moderator, category
):
    first = pending("Bài một", ward_a, editor_a, category, 1)
    second = pending("Bài hai", ward_b, editor_b, category, 2)
    client.force_login(moderator)
    response = client.post(
        url("changelist"),
        {
            "action": "workflow_reject",
            "_selected_action": [first.pk, second.pk],
        },
    )
    assert response.status_code == 302
    assert "/workflow/reject/?ids=" in response["Location"]
    assert Article.objects.filter(status="rejected").count() == 0  # not before the reason
    page = client.get(response["Location"]).content.decode()
    assert "Bài một" in page and "Bài hai" in page
    done = client.post(response["Location"], {"reason": "Thiếu nguồn ảnh."})
    assert done.status_code == 302
    assert set(Article.objects.values_list("status", "status_reason")) == {
        ("rejected", "Thiếu nguồn ảnh.")
    }


def test_bulk_action_with_another_wards_ids_changes_nothing(client, two_wards, editor_b):
    article_a, _ = two_wards
    client.force_login(editor_b)
    response = client.post(
        url("changelist"),
        {
            "action": "workflow_submit",
            "_selected_action": [article_a.pk],
        },
    )
    assert response.status_code in (200, 302)
    tampered = client.post(url("workflow_bulk", "submit") + f"?ids={article_a.pk}")
    assert tampered.status_code == 404
    assert Article.objects.get(pk=article_a.pk).status == "draft"


def test_bulk_page_leaves_rows_the_action_does_not_apply_to(
    client, ward_a, editor_a, moderator, category
):
    waiting = pending("Bài chờ", ward_a, editor_a, category, 1)
    draft = make_article("Bài nháp", status="draft", ward=ward_a, category=category)
    client.force_login(moderator)
    target = url("workflow_bulk", "approve") + f"?ids={waiting.pk},{draft.pk}"
    assert "Các mục sau được giữ nguyên" in client.get(target).content.decode()
    client.post(target)
    assert Article.objects.get(pk=waiting.pk).status == "published"
    assert Article.objects.get(pk=draft.pk).status == "draft"


# Ward scope: lists, search, lookups, filters, the ward field


def test_ward_editor_list_search_and_filters_show_only_their_ward(client, two_wards, editor_a):
    client.force_login(editor_a)
    html = client.get(url("changelist")).content.decode()
    assert "Tin phường Châu Phú A" in html and "Tin phường Núi Sam" not in html
    found = client.get(url("changelist") + "?q=Tin+phường").content.decode()
    assert "Tin phường Châu Phú A" in found and "Tin phường Núi Sam" not in found
    assert "bientap-b" not in html  # the author filter lists no other ward's staff
    assert "Phường Núi Sam" not in html  # nor does the ward filter


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("editor_a", {"Phường Châu Phú A"}),
        ("moderator", {"Phường Châu Phú A", "Phường Núi Sam"}),
    ],
)
def test_ward_lookup_offers_editors_only_their_wards(
    client, request, ward_a, ward_b, who, expected
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "article",
            "field_name": "ward",
            "term": "",
        },
    )
    assert response.status_code == 200
    assert {row["text"] for row in response.json()["results"]} == expected


def test_ward_editor_cannot_file_an_article_under_another_ward(client, ward_b, editor_a, category):
    client.force_login(editor_a)
    response = client.post(
        url("add"),
        {
            "title_vi": "Tin gửi nhầm phường",
            "lead_vi": "Tóm tắt",
            "body_vi": "<p>Nội dung</p>",
            "category": category.pk,
            "ward": ward_b.pk,
        },
    )
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_ward_editor_must_choose_a_ward(client, ward_a, editor_a, category):
    client.force_login(editor_a)
    response = client.post(
        url("add"),
        {
            "title_vi": "Tin toàn thành phố",
            "lead_vi": "Tóm tắt",
            "body_vi": "<p>Nội dung</p>",
            "category": category.pk,
            "ward": "",
        },
    )
    assert response.status_code == 200
    assert not Article.objects.exists()


# Editing and the status field


def test_status_is_never_a_form_field(client, ward_a, editor_a, moderator):
    for user in (editor_a, moderator):
        client.force_login(user)
        html = client.get(url("add")).content.decode()
        assert 'name="status"' not in html
        assert "Lưu và gửi duyệt" in html


def test_new_articles_start_as_drafts_by_their_author(client, ward_a, editor_a, category):
    client.force_login(editor_a)
    response = client.post(
        url("add"),
        {
            "title_vi": "Tin mới",
            "lead_vi": "Tóm tắt",
            "body_vi": "<p>Nội dung</p>",
            "category": category.pk,
            "ward": ward_a.pk,
            "status": "published",
            "featured": "on",
            "published_at_0": "2020-01-01",
            "published_at_1": "08:00:00",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.author, article.featured) == ("draft", editor_a, False)
    assert article.published_at.year != 2020  # moderators set publication times


def test_save_and_submit_leads_to_the_submit_page(client, ward_a, editor_a, category):
    client.force_login(editor_a)
    response = client.post(
        url("add"),
        {
            "title_vi": "Tin mới",
            "lead_vi": "Tóm tắt",
            "body_vi": "<p>Nội dung</p>",
            "category": category.pk,
            "ward": ward_a.pk,
            "_submit": "1",
        },
    )
    article = Article.objects.get()
    assert response["Location"] == url("workflow", article.pk, "submit")
    assert article.status == "draft"  # submitting is its own, confirmed step


def test_editing_a_rejected_article_makes_it_a_draft_again_and_logs_it(
    client, ward_a, editor_a, moderator, category
):
    article = pending("Bài bị trả", ward_a, editor_a, category, 1)
    workflow.perform(moderator, article, Action.REJECT, reason="Ảnh chưa rõ nguồn.")
    client.force_login(editor_a)
    page = client.get(url("change", article.pk)).content.decode()
    assert "Lý do từ chối:" in page and "Ảnh chưa rõ nguồn." in page
    response = client.post(
        url("change", article.pk),
        {
            "title_vi": "Bài đã sửa",
            "slug": article.slug,
            "lead_vi": "Tóm tắt",
            "body_vi": "<p>Nội dung</p>",
            "category": category.pk,
            "ward": ward_a.pk,
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_vi, article.status) == ("Bài đã sửa", "draft")
    log = list(article.state_changes.values_list("action", "from_status", "to_status", "reason"))
    assert log[0] == ("redraft", "rejected", "draft", "")
    assert log[1] == ("reject", "pending", "rejected", "Ảnh chưa rõ nguồn.")


def test_state_log_shows_actor_time_and_reason_on_the_article(
    client, ward_a, editor_a, moderator, category
):
    article = make_article("Bài có nhật ký", status="draft", ward=ward_a, category=category)
    workflow.perform(editor_a, article, Action.SUBMIT)
    workflow.perform(moderator, article, Action.REJECT, reason="Cần bổ sung số liệu.")
    client.force_login(editor_a)
    html = client.get(url("change", article.pk)).content.decode()
    log = html[html.index('id="state-log"') : html.index('id="versions"')]
    assert "kiemduyet" in log and "bientap-a" in log
    assert "Cần bổ sung số liệu." in log
    assert "Chờ duyệt → Bị từ chối" in log
    assert timezone.localtime().strftime("%d/%m/%Y") in log


def test_an_article_with_a_cover_can_be_edited_again(client, ward_a, editor_a, category):
    client.force_login(editor_a)
    data = {
        "title_vi": "Tin có ảnh",
        "lead_vi": "Tóm tắt",
        "body_vi": "<p>Nội dung</p>",
        "cover_alt_vi": "Ảnh minh họa",
        "category": category.pk,
        "ward": ward_a.pk,
    }
    assert client.post(url("add"), {**data, "cover": image_upload()}).status_code == 302
    article = Article.objects.get()
    data.update(title_vi="Tin có ảnh, đã sửa", slug=article.slug)
    assert client.post(url("change", article.pk), data).status_code == 302
    article.refresh_from_db()
    assert article.title_vi == "Tin có ảnh, đã sửa" and article.cover


# Trash


def test_delete_button_leads_to_the_trash_and_never_deletes(client, two_wards, editor_a):
    article, _ = two_wards
    client.force_login(editor_a)
    response = client.post(url("delete", article.pk), {"post": "yes"})
    assert response["Location"] == url("workflow", article.pk, "trash")
    assert Article.objects.get(pk=article.pk).deleted_at is None
    client.post(url("workflow", article.pk, "trash"))
    assert Article.objects.get(pk=article.pk).deleted_at is not None
    assert "Tin phường Châu Phú A" not in client.get(url("changelist")).content.decode()


def test_moderators_find_trashed_articles_and_restore_them(client, two_wards, moderator):
    article, _ = two_wards
    workflow.perform(moderator, article, Action.TRASH)
    client.force_login(moderator)
    assert "Tin phường Châu Phú A" not in client.get(url("changelist")).content.decode()
    trash = client.get(url("changelist") + "?trash=1").content.decode()
    assert "Tin phường Châu Phú A" in trash
    client.post(url("workflow", article.pk, "restore"))
    article.refresh_from_db()
    assert article.deleted_at is None and article.status == "draft"


@pytest.mark.parametrize(
    ("who", "purged"),
    [
        ("editor_a", False),
        ("moderator", False),
        ("administrator", True),
    ],
)
def test_only_administrators_purge_the_trash(client, request, two_wards, moderator, who, purged):
    article, _ = two_wards
    workflow.perform(moderator, article, Action.TRASH)
    client.force_login(request.getfixturevalue(who))
    client.post(url("workflow", article.pk, "purge"))
    assert Article.objects.filter(pk=article.pk).exists() is not purged


def test_delete_selected_is_not_offered(client, two_wards, administrator):
    client.force_login(administrator)
    html = client.get(url("changelist")).content.decode()
    assert 'value="delete_selected"' not in html
    assert 'value="workflow_trash"' in html


# Preview


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("editor_a", 200),
        ("editor_b", 404),
        ("moderator", 200),
    ],
)
def test_staff_preview_unpublished_articles_with_the_public_template(
    client, request, two_wards, who, status
):
    article, _ = two_wards
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("news:preview", args=[article.pk]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "preview-banner" in html and "Xem trước" in html
        assert "<h1>Tin phường Châu Phú A</h1>" in html
        assert 'name="robots" content="noindex' in html


# Notifications


def test_moderators_are_mailed_on_submission(
    ward_a,
    editor_a,
    moderator,
    administrator,
    category,
    immediate_jobs,
    django_capture_on_commit_callbacks,
):
    article = make_article(
        "Bài cần duyệt", status="draft", ward=ward_a, category=category, author=editor_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(editor_a, article, Action.SUBMIT)
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Bài chờ duyệt: Bài cần duyệt" == mail.outbox[0].subject
    assert f"/quan-tri/news/article/{article.pk}/change/" in mail.outbox[0].body


def test_author_is_mailed_on_rejection_with_the_reason_and_on_publication(
    ward_a, editor_a, moderator, category, immediate_jobs, django_capture_on_commit_callbacks
):
    article = make_article(
        "Bài của tôi", status="pending", ward=ward_a, category=category, author=editor_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(moderator, article, Action.REJECT, reason="Sai tên người phát biểu.")
    assert mail.outbox[-1].to == [editor_a.email]
    assert "Sai tên người phát biểu." in mail.outbox[-1].body
    article.status = "pending"
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(moderator, article, Action.APPROVE)
    assert mail.outbox[-1].to == [editor_a.email]
    assert mail.outbox[-1].subject == "Đã đăng: Bài của tôi"
    assert article.get_absolute_url() in mail.outbox[-1].body
    assert len(mail.outbox) == 2
