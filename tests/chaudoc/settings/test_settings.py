import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
KEY = secrets.token_urlsafe(50)


def _check(env):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG"}
    }
    full.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "k" * 60}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": KEY}, "ALLOWED_HOSTS"),
        ({"DEBUG": "false", "SECRET_KEY": KEY, "ALLOWED_HOSTS": "chaudoc.vn"}, "DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_its_settings(env, complaint):
    result = _check(env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_with_its_settings():
    result = _check(
        {
            "DEBUG": "false",
            "SECRET_KEY": KEY,
            "ALLOWED_HOSTS": "chaudoc.vn",
            "DATABASE_URL": "sqlite:////tmp/chaudoc-check.sqlite3",
        }
    )
    assert result.returncode == 0, result.stderr


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_production_mail_goes_through_smtp_configured_by_the_environment():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG", "EMAIL_BACKEND"}
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "chaudoc.vn",
            "DATABASE_URL": "sqlite:////tmp/chaudoc-check.sqlite3",
            "EMAIL_HOST": "smtp.chaudoc.vn",
            "EMAIL_PORT": "587",
            "EMAIL_USE_TLS": "true",
            "EMAIL_HOST_USER": "cong-thong-tin",
        }
    )
    code = (
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, "
        "s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER)"
    )
    result = _shell(code, env)
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.chaudoc.vn",
        "587",
        "True",
        "cong-thong-tin",
    ], result.stderr


def test_development_mail_goes_to_the_console():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "EMAIL_BACKEND"}}
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND)"
    result = _shell(code, env)
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def _shell(code, env):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": KEY,
    "DATABASE_URL": "sqlite:////tmp/chaudoc-check.sqlite3",
}
ORIGIN_CODE = (
    "from django.conf import settings as s; print(s.PORTAL['url'], repr(s.FORCE_SCRIPT_NAME))"
)


def _portal_url(env):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG", "PORTAL_URL"}
    }
    full.update(env)
    return _shell(ORIGIN_CODE, full)


@pytest.mark.parametrize(
    ("env", "printed"),
    [
        (
            {"ALLOWED_HOSTS": "chaudoc.angiang.gov.vn,www.chaudoc.angiang.gov.vn"},
            "https://chaudoc.angiang.gov.vn ''",
        ),
        (
            {"ALLOWED_HOSTS": ".angiang.gov.vn", "PORTAL_URL": "https://vinhte.angiang.gov.vn/"},
            "https://vinhte.angiang.gov.vn ''",
        ),
        (
            {"ALLOWED_HOSTS": "tinh.vn", "PORTAL_URL": "https://tinh.vn/chaudoc"},
            "https://tinh.vn/chaudoc '/chaudoc'",
        ),
    ],
)
def test_absolute_urls_come_from_portal_url_or_the_first_allowed_host(env, printed):
    result = _portal_url({**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


@pytest.mark.parametrize(
    "env",
    [
        {"ALLOWED_HOSTS": ".angiang.gov.vn"},
        {"ALLOWED_HOSTS": "chaudoc.vn", "PORTAL_URL": "chaudoc.vn"},
    ],
)
def test_production_refuses_an_origin_it_cannot_know(env):
    result = _portal_url({**PRODUCTION, **env})
    assert result.returncode != 0
    assert "PORTAL_URL" in result.stderr
