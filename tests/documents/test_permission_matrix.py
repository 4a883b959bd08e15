"""Who may do what to a ward A document in each state, through the admin's own URLs, as
tests/news/test_permission_matrix.py does for articles: crafted POSTs, the effect asserted
where allowed, a refusal and nothing changed where not. Then the register's data and the
public disclosures: moderators keep them, ward editors only read the data, nobody else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from chaudoc.publishing.models import StateChange
from documents.models import DisclosureItem, Document, DocumentType, Field, Issuer, Project
from tests.documents.conftest import make_document, make_issuer, make_type
from tests.factories import make_moderator, make_portal, make_ward, save_version
from tests.news.test_permission_matrix import ACTIONS, ALLOWED, ROLES, STATES, schedule_time

pytestmark = pytest.mark.django_db

OLD_SUMMARY, SUMMARY = "Trích yếu bản đầu", "Quyết định về công tác dân vận phường Châu Phú A"
NEW_SUMMARY = "Trích yếu do người sửa đặt"
REASON = "Sai số hiệu, cần kiểm tra lại."


def document_in(state, ward, author):
    now = timezone.now()
    document = make_document(
        "77/QĐ-UBND",
        status="draft",
        ward=ward,
        author=author,
        summary_vi=OLD_SUMMARY,
        published_at=now - timedelta(days=1),
    )
    save_version(document, author, "Bản đầu")
    document.summary_vi = SUMMARY
    document.status = {"scheduled": "published", "trashed": "draft"}.get(state, state)
    if state == "scheduled":
        document.published_at = now + timedelta(days=1)
    if state in ("rejected", "withdrawn"):
        document.status_reason = "Lý do trước đó"
    if state == "trashed":
        document.deleted_at = now
    return save_version(document, author, "Sửa")


def admin_url(name, *args):
    return reverse(f"admin:documents_document_{name}", args=args)


def edit_data(document):
    local = timezone.localtime(document.published_at)
    return {
        "number": document.number,
        "doc_type": document.doc_type_id,
        "issuer": document.issuer_id,
        "issued_on": f"{document.issued_on:%d/%m/%Y}",
        "summary_vi": NEW_SUMMARY,
        "summary_en": "",
        "slug": document.slug,
        "ward": document.ward_id,
        "published_at_0": f"{local:%Y-%m-%d}",
        "published_at_1": f"{local:%H:%M:%S}",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "outgoing-TOTAL_FORMS": "0",
        "outgoing-INITIAL_FORMS": "0",
        # Tampering: a status in the POST must be ignored.
        "status": "published",
        "deleted_at": "",
    }


def request(client, action, document):
    pk = document.pk
    if action == "view_list":
        return client.get(admin_url("changelist") + ("?trash=1" if document.deleted_at else ""))
    if action == "view_change":
        return client.get(admin_url("change", pk))
    if action == "edit":
        return client.post(admin_url("change", pk), edit_data(document))
    if action == "revert":
        oldest = Version.objects.get_for_object(document).order_by("pk").first()
        return client.post(admin_url("revert", pk, oldest.pk))
    data = {"reason": REASON}
    if action == "schedule":
        data["publish_at"] = f"{schedule_time():%Y-%m-%dT%H:%M}"
    return client.post(admin_url("workflow", pk, {"delete": "trash"}.get(action, action)), data)


def snapshot(document):
    return (
        Document.objects.filter(pk=document.pk).values().first(),
        Document.objects.count(),
        StateChange.objects.count(),
        Version.objects.count(),
    )


def assert_done(action, before, document, response):
    after = Document.objects.get(pk=document.pk)
    if action in ("view_list", "view_change"):
        assert response.status_code == 200
        assert SUMMARY[:40] in response.content.decode()
    elif action == "edit":
        assert response.status_code == 302, response.content.decode()[:3000]
        assert after.summary_vi == NEW_SUMMARY
        assert after.status == ("draft" if before["status"] == "rejected" else before["status"])
    elif action == "submit":
        assert after.status == "pending"
    elif action in ("approve", "schedule"):
        assert after.status == "published"
    elif action in ("reject", "withdraw"):
        assert after.status == {"reject": "rejected", "withdraw": "withdrawn"}[action]
        assert after.status_reason == REASON
    elif action == "delete":
        assert after.deleted_at is not None
    elif action == "restore":
        assert after.deleted_at is None
    elif action == "revert":
        assert after.summary_vi == OLD_SUMMARY


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, request_fixture, role, action, state, ward_a, editor_a):
    document = document_in(state, ward_a, editor_a)
    if role != "anonymous":
        client.force_login(request_fixture(role))
    before = snapshot(document)
    response = request(client, action, document)
    assert response.status_code != 500
    if state in ALLOWED[role].get(action, ()):
        assert_done(action, before[0], document, response)
        if action not in ("view_list", "view_change"):
            assert snapshot(document) != before
        return
    if action == "view_list" and response.status_code == 200:
        assert SUMMARY[:40] not in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404), response.status_code
        if response.status_code == 302:
            assert "/login/" in response["Location"] or "e=1" in response["Location"]
    assert snapshot(document) == before


@pytest.fixture
def request_fixture(request):
    return request.getfixturevalue


def _reference_rows():
    portal_rows = {
        "project": Project.objects.create(name_vi="Dự án đê bao"),
        "disclosureitem": DisclosureItem.objects.create(name_vi="Danh mục văn bản"),
    }
    return {
        "documenttype": make_type("Quyết định"),
        "issuer": make_issuer("UBND phường"),
        "field": Field.objects.create(name_vi="Hành chính"),
        **portal_rows,
    }


MODELS = {
    "documenttype": DocumentType,
    "issuer": Issuer,
    "field": Field,
    "project": Project,
    "disclosureitem": DisclosureItem,
}
# What each role may do with the register's data and the disclosures (anything else refused).
DATA_ALLOWED = {
    "anonymous": set(),
    "editor_a": {("view", "documenttype"), ("view", "issuer"), ("view", "field")},
    "moderator": {(verb, model) for verb in ("view", "change", "delete") for model in MODELS},
    "administrator": {(verb, model) for verb in ("view", "change", "delete") for model in MODELS},
}


@pytest.mark.parametrize("verb", ["view", "change", "delete"])
@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("role", ["anonymous", "editor_a", "moderator", "administrator"])
def test_register_data_and_disclosures_are_the_moderators(
    client, request_fixture, role, model, verb
):
    row = _reference_rows()[model]
    if role != "anonymous":
        client.force_login(request_fixture(role))
    url = reverse(f"admin:documents_{model}_change", args=[row.pk])
    if verb == "view":
        response = client.get(url)
        allowed = response.status_code == 200
    elif verb == "change":
        data = {"name_vi": "Tên do người sửa đặt", "order": 0}
        if model == "project":
            data.update(kind="dau-tu", state="chuan-bi", shown="on")
        response = client.post(url, data)
        allowed = MODELS[model].objects.filter(pk=row.pk, name_vi="Tên do người sửa đặt").exists()
    else:
        url = reverse(f"admin:documents_{model}_delete", args=[row.pk])
        response = client.post(url, {"post": "yes"})
        allowed = not MODELS[model].objects.filter(pk=row.pk).exists()
    assert response.status_code != 500
    if (verb, model) in DATA_ALLOWED[role]:
        assert allowed, response.status_code
    else:
        assert not allowed


def test_another_portals_moderator_reaches_no_document_of_this_one(client, ward_a, editor_a):
    document = document_in("pending", ward_a, editor_a)
    other = make_portal("Phường Vĩnh Tế", "vinhte.example.vn")
    make_ward("Vĩnh Tế", portal=other)
    client.force_login(make_moderator("kiemduyet-b", other))
    before = snapshot(document)
    for action in ("view_change", "edit", "approve", "delete"):
        response = request(client, action, document)
        assert response.status_code in (302, 403, 404), (action, response.status_code)
    listing = client.get(admin_url("changelist")).content.decode()
    assert SUMMARY[:40] not in listing
    assert client.get(reverse("documents:preview", args=[document.pk])).status_code == 404
    assert snapshot(document) == before
