"""Admin sign-in: lockout after repeated failures, nothing given away about accounts."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from chaudoc.pages.security import client_ip
from tests.factories import NOW, make_staff

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
LOGIN = "/quan-tri/login/"
PASSWORD = secrets.token_urlsafe(16)  # no fixed password anywhere in the project
LOCKOUT_TEXT = "Tạm khóa đăng nhập"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff():
    user = make_staff("kiemduyet", superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, ip="10.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/quan-tri/"}, REMOTE_ADDR=ip
    )


def is_locked_out(response):
    return response.status_code == 429 and LOCKOUT_TEXT in response.content.decode()


def without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_account_is_locked_after_the_configured_failures_from_any_address(client, staff):
    for n in range(1, 5):
        response = sign_in(client, "kiemduyet", "sai-mat-khau", ip=f"10.0.1.{n}")
        assert response.status_code == 200, n
    assert is_locked_out(sign_in(client, "kiemduyet", "sai-mat-khau", ip="10.0.1.5"))
    # Locked: even the right password from a fresh address does not open the account.
    assert is_locked_out(sign_in(client, "kiemduyet", PASSWORD, ip="10.0.1.6"))
    assert "_auth_user_id" not in client.session


def test_address_is_locked_after_failures_with_different_usernames(client, staff):
    for n in range(5):
        sign_in(client, f"doan-ten-{n}", "sai-mat-khau", ip="10.0.2.1")
    assert is_locked_out(sign_in(client, "kiemduyet", PASSWORD, ip="10.0.2.1"))
    # The account itself is fine from another address.
    assert sign_in(client, "kiemduyet", PASSWORD, ip="10.0.2.2").status_code == 302


def test_failure_limit_and_cool_off_follow_the_settings(client, staff, settings, clock):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=3)
    sign_in(client, "kiemduyet", "sai-mat-khau")
    response = sign_in(client, "kiemduyet", "sai-mat-khau")
    assert is_locked_out(response)
    assert response["Retry-After"] == "180"
    assert "3 phút" in response.content.decode()
    clock.shift(timedelta(minutes=2, seconds=50))
    assert is_locked_out(sign_in(client, "kiemduyet", PASSWORD))
    clock.shift(timedelta(seconds=20))
    response = sign_in(client, "kiemduyet", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"


def test_lockout_lifts_after_the_default_fifteen_minutes(client, staff, clock):
    for _ in range(5):
        sign_in(client, "kiemduyet", "sai-mat-khau")
    clock.shift(timedelta(minutes=14))
    assert is_locked_out(sign_in(client, "kiemduyet", PASSWORD))
    clock.shift(timedelta(minutes=1, seconds=1))
    assert sign_in(client, "kiemduyet", PASSWORD).status_code == 302


def test_failures_are_recorded_for_the_admin(client, staff):
    for _ in range(5):
        sign_in(client, "kiemduyet", "sai-mat-khau", ip="10.0.3.1")
    attempt = AccessAttempt.objects.get(username="kiemduyet")
    assert attempt.failures_since_start == 5 and attempt.ip_address == "10.0.3.1"
    assert "sai-mat-khau" not in attempt.post_data
    assert AccessFailureLog.objects.filter(username="kiemduyet", locked_out=True).exists()
    client.force_login(staff)
    response = client.get("/quan-tri/axes/accessattempt/")
    assert response.status_code == 200 and "kiemduyet" in response.content.decode()


def test_lockout_page_is_the_same_for_existing_and_unknown_accounts(client, staff):
    pages = []
    for username, ip in (("kiemduyet", "10.0.4.1"), ("khong-ton-tai", "10.0.4.2")):
        for _ in range(5):
            response = sign_in(client, username, "sai-mat-khau", ip=ip)
        assert is_locked_out(response)
        pages.append(response.content)
    assert pages[0] == pages[1]
    assert b"kiemduyet" not in pages[0]


def test_lockout_page_speaks_english_under_en(client, staff):
    for _ in range(5):
        response = client.post("/en/quan-tri/login/", {"username": "kiemduyet", "password": "sai"})
    assert response.status_code == 429
    assert "Sign-in temporarily locked" in response.content.decode()


def test_unknown_account_and_wrong_password_get_the_same_page(client, staff):
    wrong_password = sign_in(client, "kiemduyet", "sai-mat-khau", ip="10.0.5.1")
    staff.delete()
    unknown = sign_in(client, "kiemduyet", "sai-mat-khau", ip="10.0.5.2")
    assert wrong_password.status_code == unknown.status_code == 200
    assert without_csrf(wrong_password) == without_csrf(unknown)
    assert "Vui lòng nhập đúng tên đăng nhập và mật khẩu" in without_csrf(unknown)


def test_inactive_and_non_staff_accounts_get_the_same_page_too(client, staff):
    get_user_model().objects.create_user("nguoidan", password=PASSWORD)
    reference = without_csrf(sign_in(client, "nguoidan", "sai-mat-khau", ip="10.0.6.1"))
    assert without_csrf(sign_in(client, "nguoidan", PASSWORD, ip="10.0.6.2")) == reference
    get_user_model().objects.filter(username="nguoidan").update(is_active=False, is_staff=True)
    assert without_csrf(sign_in(client, "nguoidan", PASSWORD, ip="10.0.6.3")) == reference


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    hashes = 0

    def encode(self, password, salt):
        CountingHasher.hashes += 1
        return super().encode(password, salt)


def test_unknown_account_costs_one_password_hash_like_a_wrong_password(client, settings):
    settings.PASSWORD_HASHERS = ["tests.chaudoc.signin.test_signin.CountingHasher"]
    user = get_user_model().objects.create_user("kiemduyet", password=PASSWORD, is_staff=True)
    counts = []
    for username in ("kiemduyet", "khong-ton-tai"):
        CountingHasher.hashes = 0
        sign_in(client, username, "sai-mat-khau")
        counts.append(CountingHasher.hashes)
    assert counts == [1, 1]
    assert user.password.startswith("counting_md5$")


def test_login_pages_are_never_stored_by_the_page_cache(client, staff):
    for url in (LOGIN, "/en/quan-tri/login/"):
        for response in (client.get(url), client.get(url)):
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
            assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    for _ in range(5):
        locked = sign_in(client, "kiemduyet", "sai")
    assert "no-store" in locked["Cache-Control"]


def test_client_address_is_taken_from_the_trusted_proxy(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    # The client may send its own X-Forwarded-For: only what nginx appended counts.
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "203.0.113.0/24"]  # a second proxy of ours
    assert client_ip(request) == "1.2.3.4"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    for header in ("", "not-an-address", "1.2.3.4, <script>"):
        request = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=header)
        assert client_ip(request) == "127.0.0.1"


def test_behind_a_unix_socket_the_address_nginx_appended_is_the_client():
    request = RequestFactory().get("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.1.1.1")
    assert client_ip(request) == "10.1.1.1"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == ""


def test_a_client_that_is_not_a_trusted_proxy_cannot_pick_its_address_by_header():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(request) == "198.51.100.7"


def test_failures_sent_to_gunicorn_directly_are_keyed_on_the_real_address(client, staff):
    # Reached without nginx, a new X-Forwarded-For per try must not dodge the address lockout.
    for n in range(5):
        response = client.post(
            LOGIN,
            {"username": f"khong-co-{n}", "password": "sai"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}",
        )
    assert is_locked_out(response)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_failures_through_the_trusted_proxy_are_keyed_on_the_real_client(client, staff):
    for n in range(5):
        response = client.post(
            LOGIN,
            {"username": f"khong-co-{n}", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.8",
        )
    assert is_locked_out(response)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.8"}


def test_passwords_need_ten_characters_and_must_not_be_common():
    with pytest.raises(ValidationError):
        validate_password("abc123xyz")  # 9 characters
    with pytest.raises(ValidationError):
        validate_password("1234567890")
    with pytest.raises(ValidationError):
        validate_password("password123")
    validate_password("song-hau-chau-doc")


def _settings_with(env, check=True):
    full = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AXES_", "TWO_FACTOR", "DEBUG", "TRUSTED_PROXIES"))
        and k != "DJANGO_SETTINGS_MODULE"  # pytest's profile; the development one is the default
    }
    full.update(env)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), "
        "s.OTP_REQUIRED_FOR_MODERATORS, ','.join(s.TRUSTED_PROXIES), "
        "s.AXES_LOCKOUT_PARAMETERS)"
    )
    full.setdefault("DJANGO_SETTINGS_MODULE", "chaudoc.settings.development")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if not check:
        return result
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sign_in_settings_come_from_the_environment():
    production = {
        "DJANGO_SETTINGS_MODULE": "chaudoc.settings.production",
        "SECRET_KEY": "k-" + "x1y2z3" * 10,
        "ALLOWED_HOSTS": "chaudoc.vn",
        "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    }
    assert _settings_with({}) == "5 900 False 127.0.0.1,::1 ['username', 'ip_address']"
    assert _settings_with(production) == "5 900 True 127.0.0.1,::1 ['username', 'ip_address']"
    assert _settings_with(
        {
            **production,
            "AXES_FAILURE_LIMIT": "8",
            "AXES_COOLOFF_MINUTES": "30",
            "TWO_FACTOR_REQUIRED": "false",
            "TRUSTED_PROXIES": "10.0.0.0/8, ::1",
        }
    ) == ("8 1800 False 10.0.0.0/8,::1 ['username', 'ip_address']")
    assert _settings_with({"TWO_FACTOR_REQUIRED": "true"}).split()[2] == "True"


def test_a_malformed_trusted_proxy_list_stops_the_start_with_its_name():
    result = _settings_with({"TRUSTED_PROXIES": "127.0.0.1, nginx.local"}, check=False)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_gunicorn_listens_only_on_loopback_unless_told_otherwise():
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_BIND"}
    code = "import runpy; print(runpy.run_path('gunicorn.conf.py')['bind'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "127.0.0.1:8000", result.stderr
