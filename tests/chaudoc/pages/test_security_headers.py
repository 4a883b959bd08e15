import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_public_pages_forbid_inline_scripts_and_framing(client):
    article = make_article("Tin có tiêu đề an toàn")
    for url in ("/", article.get_absolute_url(), "/en/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_cached_pages_keep_their_security_headers(client):
    make_article("Tin")
    client.get("/")
    hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_admin_pages_get_the_editor_policy_only_there(client):
    client.force_login(make_staff(superuser=True))
    response = client.get("/quan-tri/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_check_deploy_is_clean_under_production_settings():
    # DJANGO_ALLOW_ASYNC_UNSAFE (set for the browser tests) is itself a deploy warning.
    unset = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset and not k.startswith("SECURE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="chaudoc.settings.production",  # the profile alone, DEBUG unset
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="chaudoc.example.vn",
        DATABASE_URL="sqlite:////tmp/chaudoc-deploy-check.sqlite3",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
