"""Two-factor sign-in: enrolment, the code step, recovery codes and who is required to use it."""

import secrets
from datetime import timedelta

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from chaudoc.signin import twofactor
from tests.factories import NOW, make_staff

pytestmark = pytest.mark.django_db
LOGIN = "/quan-tri/login/"
VERIFY = "/quan-tri/login/ma-xac-thuc/"
ENROL = "/quan-tri/xac-thuc-hai-buoc/"
CODES = "/quan-tri/xac-thuc-hai-buoc/ma-khoi-phuc/"
PASSWORD = secrets.token_urlsafe(16)  # no fixed password anywhere in the project
MODERATORS = "Kiểm duyệt viên"
WARD_EDITORS = "Biên tập viên phường/xã"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_MODERATORS = True


def member(username, group, superuser=False):
    user = make_staff(username, superuser=superuser)
    user.set_password(PASSWORD)
    user.save()
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_article", "change_article", "view_category", "view_ward"]
        )
    )
    return user


@pytest.fixture
def moderator():
    return member("kiemduyet", MODERATORS)


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def with_device(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, twofactor.new_recovery_codes(user)


def sign_in(client, username=None, password=PASSWORD, ip="10.1.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/quan-tri/"}, REMOTE_ADDR=ip
    )


def enter_code(client, code, ip="10.1.0.1"):
    return client.post(VERIFY, {"code": code}, REMOTE_ADDR=ip)


def signed_in(client):
    return client.get("/quan-tri/").status_code == 200


def admin_urls():
    urls = ["/quan-tri/", "/en/quan-tri/", "/quan-tri/password_change/", "/ckeditor/browse/"]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    return urls


def test_moderator_without_a_device_reaches_no_admin_page_but_enrolment(
    client, required, moderator
):
    client.force_login(moderator)
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].split("?")[0] in (ENROL, "/en" + ENROL), url
    assert client.get(ENROL).status_code == 200
    assert client.post("/quan-tri/logout/").status_code == 200
    assert client.get("/quan-tri/").status_code == 302


def test_superuser_without_a_device_is_held_at_enrolment_on_every_change_list(client, required):
    client.force_login(member("quantri", None, superuser=True))
    for url in admin_urls():
        assert client.get(url)["Location"].split("?")[0] in (ENROL, "/en" + ENROL), url


def test_moderator_signing_in_without_a_device_is_sent_to_enrolment(client, required, moderator):
    response = sign_in(client, "kiemduyet")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


def test_ward_editor_is_not_forced_when_only_moderators_are_required(client, required):
    editor = member("bientap", WARD_EDITORS)
    client.force_login(editor)
    assert client.get("/quan-tri/").status_code == 200
    assert client.get(reverse("admin:news_article_changelist")).status_code == 200
    assert client.get(ENROL).status_code == 200  # but may enrol


def test_nobody_is_forced_when_the_setting_is_off(client, settings, moderator):
    settings.OTP_REQUIRED_FOR_MODERATORS = False
    client.force_login(moderator)
    assert client.get("/quan-tri/").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_then_confirms_with_a_code(
    client, required, moderator, clock
):
    sign_in(client, "kiemduyet")  # the password a moment ago: enrolment asks only for a code
    page = client.get(ENROL)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/")
    assert twofactor.qr_svg(device.config_url) in html
    assert "<svg" in html and "<script>" not in html and "<img" not in html.split("<svg")[1]
    assert twofactor.secret_text(device) in html
    assert "Bật xác thực hai bước" in html
    # Reloading keeps the same key, so a code already scanned stays valid.
    assert twofactor.secret_text(device) in client.get(ENROL).content.decode()

    response = client.post(ENROL, {"code": "000000"})
    assert response.status_code == 200 and "Mã này không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()

    clock.shift(timedelta(seconds=31))  # past the device's throttle after one failure
    response = client.post(ENROL, {"code": current_code(device)})
    assert response["Location"] == CODES
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(CODES).content.decode()
    tokens = StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True)
    assert len(tokens) == 10
    for token in tokens:
        assert f"{token[:4]}-{token[4:]}" in codes_page
    # Shown once only.
    assert client.get(CODES)["Location"] == ENROL
    # The session that enrolled is verified: the admin opens.
    assert signed_in(client)


def test_login_asks_for_the_code_and_refuses_a_wrong_one(client, required, moderator, clock):
    device, _ = with_device(moderator)
    response = sign_in(client, "kiemduyet")
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert "_auth_user_id" not in client.session
    page = client.get(VERIFY).content.decode()
    assert 'name="code"' in page and "ứng dụng xác thực" in page
    assert not signed_in(client)

    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 200 and "Mã này không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not signed_in(client)


def test_login_with_the_right_code_signs_in_and_verifies_the_session(
    client, required, moderator, clock
):
    device, _ = with_device(moderator)
    sign_in(client, "kiemduyet")
    response = enter_code(client, current_code(device))
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
    assert signed_in(client)
    assert client.get(reverse("admin:news_article_changelist")).status_code == 200
    # The same code cannot be replayed in another sign-in.
    client.post("/quan-tri/logout/")
    sign_in(client, "kiemduyet")
    assert enter_code(client, current_code(device)).status_code == 200
    assert not signed_in(client)


def test_code_step_needs_the_password_step_first(client, required, moderator):
    device, _ = with_device(moderator)
    response = enter_code(client, current_code(device))
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not signed_in(client)


def test_password_step_expires_after_five_minutes(client, required, moderator, clock):
    device, _ = with_device(moderator)
    sign_in(client, "kiemduyet")
    clock.shift(timedelta(minutes=5, seconds=1))
    assert enter_code(client, current_code(device))["Location"] == LOGIN
    assert not signed_in(client)


def test_a_recovery_code_works_once_only(client, required, moderator, clock):
    _, codes = with_device(moderator)
    sign_in(client, "kiemduyet")
    response = enter_code(client, f"{codes[0][:4]}-{codes[0][4:].upper()}")
    assert response.status_code == 302 and signed_in(client)
    client.post("/quan-tri/logout/")

    sign_in(client, "kiemduyet")
    response = enter_code(client, codes[0])
    assert response.status_code == 200 and "Mã này không đúng" in response.content.decode()
    assert not signed_in(client)
    clock.shift(timedelta(seconds=5))  # past the throttle after one failure
    assert enter_code(client, codes[1]).status_code == 302 and signed_in(client)
    assert StaticToken.objects.filter(device__user=moderator).count() == 8


def test_wrong_codes_count_towards_the_lockout(client, required, moderator, clock):
    device, _ = with_device(moderator)
    sign_in(client, "kiemduyet")
    for _ in range(4):
        assert enter_code(client, "999999").status_code == 200
        clock.shift(timedelta(seconds=40))
    response = enter_code(client, "999999")
    assert response.status_code == 429
    # Even the right password and code are refused until the cool-off is over.
    sign_in(client, "kiemduyet", ip="10.1.9.9")
    assert not signed_in(client)
    clock.shift(timedelta(minutes=16))
    assert sign_in(client, "kiemduyet")["Location"] == VERIFY
    assert enter_code(client, current_code(device)).status_code == 302 and signed_in(client)


def test_ward_editor_with_a_device_is_asked_for_the_code_too(client, required):
    editor = member("bientap", WARD_EDITORS)
    device, _ = with_device(editor)
    assert sign_in(client, "bientap")["Location"] == VERIFY
    assert enter_code(client, current_code(device)).status_code == 302
    assert signed_in(client)


def test_a_session_without_its_code_is_sent_to_the_code_step(client, moderator, clock):
    device, _ = with_device(moderator)
    client.force_login(moderator)
    response = client.get("/quan-tri/news/article/")
    assert response["Location"] == VERIFY + "?next=%2Fquan-tri%2Fnews%2Farticle%2F"
    # Such a session cannot change the devices either, even with the password.
    client.post(ENROL, {"action": "reset", "password": PASSWORD})
    assert TOTPDevice.objects.filter(user=moderator).exists()
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response["Location"] == "/quan-tri/news/article/"
    assert client.get("/quan-tri/news/article/").status_code == 200


def test_verified_user_can_replace_recovery_codes_and_the_phone(client, required, moderator, clock):
    device, old_codes = with_device(moderator)
    sign_in(client, "kiemduyet")
    enter_code(client, current_code(device))
    page = client.get(ENROL).content.decode()
    assert "Xác thực hai bước đang bật" in page and "10 mã khôi phục" in page
    assert client.post(ENROL, {"action": "codes", "password": PASSWORD})["Location"] == CODES
    new_codes = list(
        StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True)
    )
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert client.post(ENROL, {"action": "reset", "password": PASSWORD})["Location"] == ENROL
    assert not TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()


def test_admin_header_links_to_two_step_verification(client, moderator):
    client.force_login(moderator)
    assert f'href="{ENROL}"' in client.get("/quan-tri/").content.decode()


def test_two_factor_pages_are_never_cached(client, required, moderator):
    with_device(moderator)
    sign_in(client, "kiemduyet")
    for url in (VERIFY, LOGIN):
        response = client.get(url)
        assert "no-store" in response.get("Cache-Control", ""), url
        assert "X-Page-Cache" not in response
    client.force_login(member("bientap", WARD_EDITORS))
    response = client.get(ENROL)
    assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response


def test_administrator_can_remove_a_lost_device_in_the_admin(client, moderator):
    device, _ = with_device(moderator)
    admin_user = member("quantri", None, superuser=True)
    client.force_login(admin_user)
    for name in ("otp_totp_totpdevice", "otp_static_staticdevice"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not twofactor.has_device(moderator)


def test_the_admin_never_shows_a_device_s_secret(client, moderator):
    device, _ = with_device(moderator)
    client.force_login(member("quantri", None, superuser=True))
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200 and device.key not in change.content.decode()
    for view in ("config", "qrcode"):
        for pk in (device.pk, 999999):  # an unknown id is refused too, never a server error
            url = reverse(f"admin:otp_totp_totpdevice_{view}", args=[pk])
            assert client.get(url).status_code == 403


# --- Changing the second factor asks for the password; the owner hears of every change -------

WRONG_PASSWORD = "Mật khẩu không đúng. Chưa có gì thay đổi."


def verified_session(client, user, clock):
    device, codes = with_device(user)
    sign_in(client, user.username)
    enter_code(client, current_code(device))
    clock.shift(timedelta(minutes=30))  # long after the sign-in
    return device, codes


def recovery_tokens(user):
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def test_new_recovery_codes_and_a_new_phone_need_the_password_again(
    client, required, moderator, clock
):
    device, codes = verified_session(client, moderator, clock)
    page = client.get(ENROL).content.decode()
    assert 'name="password"' in page and 'autocomplete="current-password"' in page
    for action in ("codes", "reset"):
        missing = client.post(ENROL, {"action": action})
        assert missing.status_code == 200
        assert "Nhập mật khẩu của bạn để xác nhận." in missing.content.decode()
        wrong = client.post(ENROL, {"action": action, "password": PASSWORD + "x"})
        assert wrong.status_code == 200 and WRONG_PASSWORD in wrong.content.decode()
        assert recovery_tokens(moderator) == set(codes)
        assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
        assert signed_in(client)  # still verified: nothing changed
    response = client.post(ENROL, {"action": "reset", "password": PASSWORD})
    assert response["Location"] == ENROL
    assert not twofactor.has_device(moderator) and not recovery_tokens(moderator)


def test_wrong_passwords_on_the_two_step_page_count_towards_the_lockout(
    client, required, moderator, clock
):
    device, codes = verified_session(client, moderator, clock)
    for _ in range(4):
        wrong = client.post(
            ENROL, {"action": "reset", "password": "doan-mo-" + PASSWORD}, REMOTE_ADDR="10.1.0.1"
        )
        assert WRONG_PASSWORD in wrong.content.decode()
    assert (
        client.post(
            ENROL, {"action": "reset", "password": "doan-mo"}, REMOTE_ADDR="10.1.0.1"
        ).status_code
        == 429
    )
    # Locked: even the right password changes nothing until the cool-off is over.
    assert (
        client.post(
            ENROL, {"action": "reset", "password": PASSWORD}, REMOTE_ADDR="10.1.0.1"
        ).status_code
        == 429
    )
    assert twofactor.has_device(moderator) and recovery_tokens(moderator) == set(codes)


def test_first_enrolment_long_after_the_password_asks_for_it(client, required, moderator, clock):
    sign_in(client, "kiemduyet")
    clock.shift(timedelta(minutes=10, seconds=1))
    page = client.get(ENROL).content.decode()
    assert 'name="password"' in page
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    response = client.post(ENROL, {"code": current_code(device)})
    assert "Nhập mật khẩu của bạn để xác nhận." in response.content.decode()
    response = client.post(ENROL, {"code": current_code(device), "password": PASSWORD + "x"})
    assert response.status_code == 200 and WRONG_PASSWORD in response.content.decode()
    assert not twofactor.has_device(moderator)
    response = client.post(ENROL, {"code": current_code(device), "password": PASSWORD})
    assert response["Location"] == CODES and twofactor.has_device(moderator)


def test_a_session_cookie_alone_cannot_plant_a_second_factor(client, required, moderator):
    client.force_login(moderator)  # a session, but no password given in it
    device = TOTPDevice.objects.get(pk=twofactor.pending_device(moderator).pk)
    assert 'name="password"' in client.get(ENROL).content.decode()
    response = client.post(ENROL, {"code": current_code(device)})
    assert response.status_code == 200 and not twofactor.has_device(moderator)


def test_enrolment_right_after_the_password_step_asks_only_for_the_code(
    client, required, moderator, clock
):
    sign_in(client, "kiemduyet")
    clock.shift(timedelta(minutes=9))
    assert 'name="password"' not in client.get(ENROL).content.decode()


def _mail(mailoutbox, subject):
    sent = [m for m in mailoutbox if m.subject == subject]
    assert len(sent) == 1, [m.subject for m in mailoutbox]
    return sent[0]


def test_the_owner_is_told_by_email_of_every_change_to_the_second_factor(
    client,
    required,
    moderator,
    clock,
    mailoutbox,
    immediate_jobs,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(client, "kiemduyet")
        device = twofactor.pending_device(moderator)
        client.post(ENROL, {"code": current_code(device)})
    enrolled = _mail(mailoutbox, "Đã bật xác thực hai bước cho tài khoản của bạn")
    assert enrolled.to == ["kiemduyet@example.vn"]
    assert "kiemduyet" in enrolled.body and "27/11/2026 10:15" in enrolled.body
    assert "liên hệ ngay quản trị viên" in enrolled.body

    clock.shift(timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ENROL, {"action": "codes", "password": PASSWORD})
    _mail(mailoutbox, "Mã khôi phục mới cho tài khoản của bạn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ENROL, {"action": "reset", "password": PASSWORD})
    removed = _mail(mailoutbox, "Ứng dụng xác thực đã bị gỡ khỏi tài khoản của bạn")
    assert "http://testserver" + ENROL in removed.body  # at PORTAL_URL (tests: testserver)
    # A wrong password: no change, no mail.
    mailoutbox.clear()
    with_device(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ENROL, {"action": "reset", "password": "sai"})
    assert mailoutbox == []


def test_the_owner_is_told_when_an_administrator_removes_their_device(
    client, moderator, mailoutbox, immediate_jobs, django_capture_on_commit_callbacks
):
    device, _ = with_device(moderator)
    client.force_login(member("quantri", None, superuser=True))
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    removed = _mail(mailoutbox, "Ứng dụng xác thực đã bị gỡ khỏi tài khoản của bạn")
    assert removed.to == ["kiemduyet@example.vn"] and "quản trị viên" in removed.body
