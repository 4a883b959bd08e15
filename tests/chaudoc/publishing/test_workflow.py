"""chaudoc.publishing.workflow and chaudoc.wards.scope called directly, as any publishable
model's code would."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from chaudoc.publishing import workflow
from chaudoc.publishing.workflow import Action
from chaudoc.wards import scope
from tests.factories import (
    make_article,
    make_category,
    make_editor,
    make_moderator,
    make_staff,
    make_ward,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    ward = make_ward("Vĩnh Mỹ")
    return {
        "ward": ward,
        "editor": make_editor("bientap", ward),
        "moderator": make_moderator(),
        "category": make_category(),
    }


def test_an_editor_cannot_publish_even_by_calling_the_workflow(setting):
    article = make_article(status="pending", ward=setting["ward"], category=setting["category"])
    with pytest.raises(PermissionDenied):
        workflow.perform(setting["editor"], article, Action.APPROVE)
    article.refresh_from_db()
    assert article.status == "pending"


def test_transitions_only_start_from_their_states(setting):
    article = make_article(status="draft", ward=setting["ward"], category=setting["category"])
    for action in (Action.APPROVE, Action.REJECT, Action.WITHDRAW, Action.RESTORE):
        assert not workflow.allowed(setting["moderator"], article, action)


@pytest.mark.parametrize("action", [Action.REJECT, Action.WITHDRAW])
def test_rejecting_and_withdrawing_need_a_reason(setting, action):
    status = "pending" if action == Action.REJECT else "published"
    article = make_article(status=status, ward=setting["ward"], category=setting["category"])
    with pytest.raises(ValidationError):
        workflow.perform(setting["moderator"], article, action, reason="  ")
    article.refresh_from_db()
    assert article.status == status and not article.state_changes.exists()


def test_inactive_or_non_staff_accounts_can_do_nothing(setting):
    article = make_article(status="draft", ward=setting["ward"], category=setting["category"])
    editor = setting["editor"]
    editor.is_active = False
    assert not workflow.allowed(editor, article, Action.SUBMIT)
    moderator = setting["moderator"]
    moderator.is_staff = False
    assert not workflow.allowed(moderator, article, Action.SUBMIT)


def test_city_wide_articles_are_outside_every_ward_editors_scope(setting):
    article = make_article(status="draft", ward=None, category=setting["category"])
    assert not workflow.can_view(setting["editor"], article)
    assert workflow.can_view(setting["moderator"], article)


def test_staff_without_a_ward_reach_no_ward_content(setting):
    loner = make_editor("chua-phan-cong")
    article = make_article(status="draft", ward=setting["ward"], category=setting["category"])
    assert scope.is_scoped(loner) and scope.ward_ids(loner) == frozenset()
    assert not workflow.can_view(loner, article)


def test_administrators_set_ward_membership_on_the_users_page(client, setting):
    admin = make_staff("quantri", superuser=True)
    other = make_ward("Vĩnh Tế", kind="xa")
    editor = setting["editor"]
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    page = client.get(url).content.decode()
    assert "Phường/xã mà cán bộ này biên tập" in page
    membership = editor.wardmembership_set.get()
    data = {
        "username": editor.username,
        "email": editor.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in editor.groups.all()],
        "date_joined_0": "2026-11-01",
        "date_joined_1": "08:00:00",
        "portal_memberships-TOTAL_FORMS": "0",
        "portal_memberships-INITIAL_FORMS": "0",
        "wardmembership_set-TOTAL_FORMS": "2",
        "wardmembership_set-INITIAL_FORMS": "1",
        "wardmembership_set-0-id": membership.pk,
        "wardmembership_set-0-user": editor.pk,
        "wardmembership_set-0-ward": setting["ward"].pk,
        "wardmembership_set-1-user": editor.pk,
        "wardmembership_set-1-ward": other.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(editor.wards.values_list("name", flat=True)) == {"Vĩnh Mỹ", "Vĩnh Tế"}
