"""A moderator turns on two-step verification in Chromium, signs in again with a recovery code,
is asked for the password before replacing the codes, and a run of wrong passwords ends on the
lockout page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "song-hau-chau-doc-2026"


@pytest.fixture
def moderator(transactional_db, settings):
    settings.OTP_REQUIRED_FOR_MODERATORS = True
    user = get_user_model().objects.create_user("kiemduyet", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Kiểm duyệt viên")[0])
    return user


def sign_in(page, live_url, username, password):
    page.goto(live_url + "/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def test_moderator_enrols_then_signs_in_with_a_recovery_code(moderator, live_url, page, shot):
    sign_in(page, live_url, "kiemduyet", PASSWORD)
    page.wait_for_url("**/quan-tri/xac-thuc-hai-buoc/**")
    assert "Vai trò của bạn bắt buộc dùng xác thực hai bước" in page.inner_text("#content-main")
    qr = page.locator(".twofactor-qr svg")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 200
    assert page.locator("#content-main script").count() == 0
    shot(page, "1-enrol")

    device = TOTPDevice.objects.get(user=moderator)
    assert page.inner_text(".twofactor-secret").replace(" ", "") in device.config_url
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click(".twofactor-form input[type=submit]")
    page.wait_for_url("**/ma-khoi-phuc/")
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    shot(page, "2-recovery-codes")
    page.click("text=Tôi đã lưu các mã")
    page.wait_for_url("**/quan-tri/")
    assert page.locator("#user-tools").is_visible()

    page.click("#logout-form button")
    sign_in(page, live_url, "kiemduyet", PASSWORD)
    page.wait_for_url("**/login/ma-xac-thuc/")
    shot(page, "3-code-step")
    page.fill("#id_code", codes[0])
    page.click("input[type=submit]")
    page.wait_for_url("**/quan-tri/")
    shot(page, "4-admin-index")

    # Replacing the second factor asks for the password again; a wrong one changes nothing.
    page.goto(live_url + "/quan-tri/xac-thuc-hai-buoc/")
    page.fill("#id_password", "sai-" + PASSWORD)
    page.click("button[value=codes]")
    assert "Mật khẩu không đúng. Chưa có gì thay đổi." in page.inner_text("#content-main")
    assert page.locator("#id_password").is_visible()
    shot(page, "5-password-asked-again")


def test_wrong_passwords_end_on_the_lockout_page(moderator, live_url, page, shot):
    for _ in range(5):
        sign_in(page, live_url, "kiemduyet", "sai-mat-khau")
    heading = page.locator("h2")
    assert heading.inner_text() == "Tạm khóa đăng nhập"
    assert "15 phút" in page.inner_text("#content-main")
    shot(page, "lockout")
