"""The permission matrix of a Publishable model of the introduction or the schedule: who may
do what to a ward A row in each state, through the admin's own URLs (as
tests/news/test_permission_matrix.py does for articles). An allowed cell asserts the action's
effect; a refused one asserts a refusal and that nothing in the database changed."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from chaudoc.publishing.models import StateChange
from tests.factories import save_version
from tests.news.test_permission_matrix import ALLOWED, REASON, schedule_time

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


class Kind:
    """What the matrix needs to know of one model: how to make a row, what its change form
    sends, and which field shows the text a version changed."""

    model = None
    field = ""  # the translated text field the versions differ in
    old, current, new = "Bản đầu", "Bản hiện tại", "Bản do người sửa đặt"

    def make(self, ward, author, **fields):
        raise NotImplementedError

    def form(self, obj):
        raise NotImplementedError

    def admin_url(self, name, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def row_in(self, state, ward, author):
        now = timezone.now()
        obj = self.make(
            ward,
            author,
            status="draft",
            published_at=now - timedelta(days=1),
            **{self.field: self.old},
        )
        save_version(obj, author, "Bản đầu")
        setattr(obj, self.field, self.current)
        obj.status = {"scheduled": "published", "trashed": "draft"}.get(state, state)
        if state == "scheduled":
            obj.published_at = now + timedelta(days=1)
        if state in ("rejected", "withdrawn"):
            obj.status_reason = "Lý do trước đó"
        if state == "trashed":
            obj.deleted_at = now
        return save_version(obj, author, "Sửa")


def published_fields(obj):
    local = timezone.localtime(obj.published_at)
    return {
        "published_at_0": f"{local:%Y-%m-%d}",
        "published_at_1": f"{local:%H:%M:%S}",
        "expires_at_0": "",
        "expires_at_1": "",
        # Tampering: a status and reason in the POST must be ignored.
        "status": "published",
        "status_reason": "",
        "deleted_at": "",
    }


def request(kind, client, action, obj):
    pk = obj.pk
    if action == "view_list":
        return client.get(kind.admin_url("changelist") + ("?trash=1" if obj.deleted_at else ""))
    if action == "view_change":
        return client.get(kind.admin_url("change", pk))
    if action == "edit":
        return client.post(kind.admin_url("change", pk), kind.form(obj))
    if action == "revert":
        oldest = Version.objects.get_for_object(obj).order_by("pk").first()
        return client.post(kind.admin_url("revert", pk, oldest.pk))
    data = {"reason": REASON}
    if action == "schedule":
        data["publish_at"] = f"{schedule_time():%Y-%m-%dT%H:%M}"
    return client.post(
        kind.admin_url("workflow", pk, {"delete": "trash"}.get(action, action)), data
    )


def assert_done(kind, action, before, obj, response, started):
    after = kind.model.objects.get(pk=obj.pk)
    text = getattr(after, kind.field)
    if action in ("view_list", "view_change"):
        assert response.status_code == 200
        assert kind.current in response.content.decode()
    elif action == "edit":
        assert response.status_code == 302, response.content.decode()[:3000]
        assert text == kind.new
        expected = "draft" if before["status"] == "rejected" else before["status"]
        assert after.status == expected  # the crafted status did nothing
    elif action == "submit":
        assert after.status == "pending"
    elif action == "approve":
        assert after.status == "published" and started <= after.published_at <= timezone.now()
    elif action == "schedule":
        assert after.status == "published" and after.published_at > timezone.now()
    elif action in ("reject", "withdraw"):
        assert after.status == {"reject": "rejected", "withdraw": "withdrawn"}[action]
        assert after.status_reason == REASON
    elif action == "delete":
        assert after.deleted_at is not None
    elif action == "restore":
        assert after.deleted_at is None and after.status == before["status"]
    elif action == "revert":
        assert text == kind.old


def snapshot(kind, obj):
    return (
        kind.model.objects.filter(pk=obj.pk).values().first(),
        kind.model.objects.count(),
        StateChange.objects.count(),
        Version.objects.count(),
    )


def run_cell(kind, client, user, role, action, state, ward, author):
    obj = kind.row_in(state, ward, author)
    if user is not None:
        client.force_login(user)
    before = snapshot(kind, obj)
    started = timezone.now()
    response = request(kind, client, action, obj)
    assert response.status_code != 500
    if state in ALLOWED[role].get(action, ()):
        assert_done(kind, action, before[0], obj, response, started)
        if action not in ("view_list", "view_change"):
            assert snapshot(kind, obj) != before  # it really wrote something
        return
    if action == "view_list" and response.status_code == 200:
        assert kind.current not in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404), response.status_code
        if response.status_code == 302:
            assert "/login/" in response["Location"] or "e=1" in response["Location"]
    assert snapshot(kind, obj) == before
