import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = secrets.token_urlsafe(50)


def _check(env):
    full = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG"}}
    full.update(env)
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "k" * 60}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": KEY}, "ALLOWED_HOSTS"),
        ({"DEBUG": "false", "SECRET_KEY": KEY, "ALLOWED_HOSTS": "chaudoc.vn"},
         "DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_its_settings(env, complaint):
    result = _check(env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_with_its_settings():
    result = _check({"DEBUG": "false", "SECRET_KEY": KEY, "ALLOWED_HOSTS": "chaudoc.vn",
                     "DATABASE_URL": "sqlite:////tmp/chaudoc-check.sqlite3"})
    assert result.returncode == 0, result.stderr


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
