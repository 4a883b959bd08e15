import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR

pytestmark = pytest.mark.django_db


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_migrate_leaves_both_roles_with_their_permissions():
    editor, moderator = perms(WARD_EDITOR), perms(MODERATOR)
    assert {"news.add_article", "news.change_article", "news.delete_article"} <= editor
    assert not {"news.publish_article", "chaudoc.access_all_wards"} & editor
    assert {
        "news.publish_article",
        "chaudoc.access_all_wards",
        "news.change_category",
        "chaudoc.change_ward",
    } <= moderator
    assert "news.purge_article" not in moderator  # only administrators empty the trash


def test_setup_roles_is_idempotent_and_keeps_permissions_added_by_hand():
    from django.contrib.auth.models import Permission

    extra = Permission.objects.get(codename="view_user")
    Group.objects.get(name=MODERATOR).permissions.add(extra)
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    call_command("setup_roles", stdout=out)
    assert Group.objects.filter(name__in=[WARD_EDITOR, MODERATOR]).count() == 2
    assert "auth.view_user" in perms(MODERATOR)
    assert "Kiểm duyệt viên: up to date" in out.getvalue()


def test_setup_roles_dry_run_writes_nothing():
    Group.objects.all().delete()
    call_command("setup_roles", dry_run=True, stdout=io.StringIO())
    assert not Group.objects.exists()


def demo_passwords(out):
    return dict(re.findall(r"(demo-\w+) \[[^\]]+\]: password (\S+)", out))


def test_load_demo_makes_one_account_per_role_with_a_random_password_printed_once():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    passwords = demo_passwords(out.getvalue())
    assert set(passwords) == {"demo-bientap", "demo-kiemduyet", "demo-quantri"}
    assert len(set(passwords.values())) == 3 and all(len(p) >= 16 for p in passwords.values())
    User = get_user_model()
    for username, password in passwords.items():
        assert User.objects.get(username=username).check_password(password)
    editor = User.objects.get(username="demo-bientap")
    assert editor.groups.get().name == WARD_EDITOR and editor.wards.count() == 1
    assert User.objects.get(username="demo-kiemduyet").groups.get().name == MODERATOR
    assert User.objects.get(username="demo-quantri").is_superuser

    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert demo_passwords(again.getvalue()) == {}
    assert "password unchanged" in again.getvalue()
    for username, password in passwords.items():
        assert User.objects.get(username=username).check_password(password)


def test_load_demo_passwords_differ_from_run_to_run():
    first = io.StringIO()
    call_command("load_demo", stdout=first)
    get_user_model().objects.filter(username__startswith="demo-").delete()
    second = io.StringIO()
    call_command("load_demo", stdout=second)
    assert set(demo_passwords(first.getvalue()).values()).isdisjoint(
        demo_passwords(second.getvalue()).values()
    )


def test_load_demo_dry_run_makes_no_account():
    out = io.StringIO()
    call_command("load_demo", dry_run=True, stdout=out)
    assert not get_user_model().objects.exists()
    assert "would be created" in out.getvalue() and "password" not in out.getvalue().lower()
