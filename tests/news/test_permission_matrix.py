"""Who may do what to a ward A article in each state, through the admin's own URLs.

Every cell is a real request (crafted POSTs included: no form is fetched first). An allowed cell
asserts the action's effect; a refused one asserts a refusal and that nothing in the database
changed.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from chaudoc.publishing.models import StateChange
from news.models import Article
from tests.factories import make_article, save_version

STATES = ["draft", "pending", "rejected", "published", "scheduled", "withdrawn", "trashed"]
ROLES = ["anonymous", "editor_a", "editor_b", "moderator", "administrator"]
ACTIONS = [
    "view_list",
    "view_change",
    "edit",
    "submit",
    "approve",
    "schedule",
    "reject",
    "withdraw",
    "delete",
    "restore",
    "revert",
]

EVERY = set(STATES)
LIVE = EVERY - {"trashed"}
MODERATION = {
    "view_list": EVERY,
    "view_change": EVERY,
    "edit": LIVE,
    "submit": {"draft"},
    "approve": {"pending", "withdrawn"},
    "schedule": {"pending", "withdrawn"},
    "reject": {"pending"},
    "withdraw": {"published", "scheduled"},
    "delete": LIVE,
    "restore": {"trashed"},
    "revert": LIVE,
}
# The states in which each role may perform each action; anything not listed is refused.
ALLOWED = {
    "anonymous": {},
    "editor_a": {
        "view_list": LIVE,
        "view_change": LIVE,
        "edit": {"draft", "rejected"},
        "submit": {"draft"},
        "delete": {"draft", "rejected"},
    },
    "editor_b": {},
    "moderator": MODERATION,
    "administrator": MODERATION,
}

OLD_TITLE, OLD_BODY = "Tiêu đề bản đầu", "<p>Nội dung bản đầu của phường.</p>"
TITLE, BODY = "Phường Châu Phú A ra quân dọn vệ sinh", "<p>Nội dung hiện tại.</p>"
NEW_TITLE = "Tiêu đề do người sửa đặt"
REASON = "Sai số liệu, cần kiểm tra lại."


def article_in(state, ward, category, author, **fields):
    """A ward article in `state`, with two versions (the first one has OLD_TITLE/OLD_BODY)."""
    now = timezone.now()
    article = make_article(
        OLD_TITLE,
        status="draft",
        ward=ward,
        category=category,
        author=author,
        body_vi=OLD_BODY,
        published_at=now - timedelta(days=1),
        **fields,
    )
    save_version(article, author, "Bản đầu")
    article.title_vi, article.body_vi = TITLE, BODY
    article.status = {"scheduled": "published", "trashed": "draft"}.get(state, state)
    if state == "scheduled":
        article.published_at = now + timedelta(days=1)
    if state in ("rejected", "withdrawn"):
        article.status_reason = "Lý do trước đó"
    if state == "trashed":
        article.deleted_at = now
    return save_version(article, author, "Sửa")


def admin_url(name, *args):
    return reverse(f"admin:news_article_{name}", args=args)


def edit_data(article):
    local = timezone.localtime(article.published_at)
    return {
        "title_vi": NEW_TITLE,
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
        "published_at_0": f"{local:%Y-%m-%d}",
        "published_at_1": f"{local:%H:%M:%S}",
        "expires_at_0": "",
        "expires_at_1": "",
        # Tampering: a status and reason in the POST must be ignored.
        "status": "published",
        "status_reason": "",
        "deleted_at": "",
    }


def schedule_time():
    return timezone.localtime() + timedelta(days=2)


def request(client, action, article):
    pk = article.pk
    if action == "view_list":
        query = "?trash=1" if article.deleted_at else ""
        return client.get(admin_url("changelist") + query)
    if action == "view_change":
        return client.get(admin_url("change", pk))
    if action == "edit":
        return client.post(admin_url("change", pk), edit_data(article))
    if action == "revert":
        oldest = Version.objects.get_for_object(article).order_by("pk").first()
        return client.post(admin_url("revert", pk, oldest.pk))
    workflow_action = {"delete": "trash"}.get(action, action)
    data = {"reason": REASON}
    if action == "schedule":
        data["publish_at"] = f"{schedule_time():%Y-%m-%dT%H:%M}"
    return client.post(admin_url("workflow", pk, workflow_action), data)


def assert_done(action, before, article, response, started):
    after = Article.objects.get(pk=article.pk)
    if action in ("view_list", "view_change"):
        assert response.status_code == 200
        assert TITLE in response.content.decode()
    elif action == "edit":
        assert response.status_code == 302
        assert after.title_vi == NEW_TITLE
        expected = "draft" if before["status"] == "rejected" else before["status"]
        assert after.status == expected  # the crafted status did nothing
    elif action == "submit":
        assert after.status == "pending"
    elif action == "approve":
        assert after.status == "published" and started <= after.published_at <= timezone.now()
    elif action == "schedule":
        assert after.status == "published"
        assert timezone.localtime(after.published_at).strftime("%Y-%m-%dT%H:%M") == (
            f"{schedule_time():%Y-%m-%dT%H:%M}"
        )
    elif action in ("reject", "withdraw"):
        assert after.status == {"reject": "rejected", "withdraw": "withdrawn"}[action]
        assert after.status_reason == REASON
    elif action == "delete":
        assert after.deleted_at is not None
    elif action == "restore":
        assert after.deleted_at is None and after.status == before["status"]
    elif action == "revert":
        assert (after.title_vi, after.body_vi) == (OLD_TITLE, OLD_BODY)


def snapshot(article):
    return (
        Article.objects.filter(pk=article.pk).values().first(),
        Article.objects.count(),
        StateChange.objects.count(),
        Version.objects.count(),
    )


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(
    client, request_fixture, role, action, state, ward_a, editor_a, category
):
    article = article_in(state, ward_a, category, editor_a)
    if role != "anonymous":
        client.force_login(request_fixture(role))
    before = snapshot(article)
    started = timezone.now()
    response = request(client, action, article)
    assert response.status_code != 500
    if state in ALLOWED[role].get(action, ()):
        assert_done(action, before[0], article, response, started)
        if action not in ("view_list", "view_change"):
            assert snapshot(article) != before  # it really wrote something
        return
    # Refused: an answer that says so, and nothing written.
    if action == "view_list" and response.status_code == 200:
        assert TITLE not in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404), response.status_code
        if response.status_code == 302:
            assert "/login/" in response["Location"] or "e=1" in response["Location"]
    assert snapshot(article) == before


@pytest.fixture
def request_fixture(request):
    return request.getfixturevalue
