"""The settings profiles (chaudoc/settings/), each in a process of its own as it starts."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
KEY = secrets.token_urlsafe(50)
PROFILE = "DJANGO_SETTINGS_MODULE"
PRODUCTION_PROFILE = {PROFILE: "chaudoc.settings.production"}
# pytest's own profile (and anything else the shell exported) must not leak into the child.
UNSET = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG", PROFILE}


def _check(env):
    full = {k: v for k, v in os.environ.items() if k not in UNSET}
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
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "k" * 60}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key-not-for-production"}, "SECRET_KEY"),
        ({"SECRET_KEY": KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": KEY, "ALLOWED_HOSTS": "chaudoc.vn"}, "DATABASE_URL"),
        ({"SECRET_KEY": KEY, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "ALLOWED_HOSTS"),
    ],
)
@pytest.mark.parametrize("debug", [None, "false", "true"])
def test_production_refuses_to_start_without_its_settings(env, complaint, debug):
    result = _check({**PRODUCTION_PROFILE, **env, **({"DEBUG": debug} if debug else {})})
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_with_its_settings():
    result = _check(
        {
            **PRODUCTION_PROFILE,
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
    env = {k: v for k, v in os.environ.items() if k not in UNSET | {"EMAIL_BACKEND"}}
    env.update(
        {
            **PRODUCTION_PROFILE,
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
    # manage.py's default profile is development.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "EMAIL_BACKEND", PROFILE}}
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
    **PRODUCTION_PROFILE,
    "SECRET_KEY": KEY,
    "DATABASE_URL": "sqlite:////tmp/chaudoc-check.sqlite3",
}
ORIGIN_CODE = (
    "from django.conf import settings as s; print(s.PORTAL['url'], repr(s.FORCE_SCRIPT_NAME))"
)


def _portal_url(env):
    full = {k: v for k, v in os.environ.items() if k not in UNSET | {"PORTAL_URL"}}
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


SAFEGUARDS_CODE = (
    "from django.conf import settings as s; print(s.DEBUG, s.OTP_REQUIRED_FOR_MODERATORS, "
    "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
    "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER[0], "
    "s.EMAIL_BACKEND, s.STORAGES['staticfiles']['BACKEND'])"
)
# Every variable that could turn a safeguard off is left out: the profile alone decides.
SAFEGUARD_VARIABLES = {
    "TWO_FACTOR_REQUIRED",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "EMAIL_BACKEND",
}


def _production_settings(**env):
    full = {k: v for k, v in os.environ.items() if k not in UNSET | SAFEGUARD_VARIABLES}
    full.update({**PRODUCTION, "ALLOWED_HOSTS": "chaudoc.vn", **env})
    result = _shell(SAFEGUARDS_CODE, full)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("debug", [None, "false", "true"])
def test_production_keeps_two_step_https_secure_cookies_and_smtp_whatever_debug_says(debug):
    printed = _production_settings(**({"DEBUG": debug} if debug else {}))
    assert printed == [
        "True" if debug == "true" else "False",  # DEBUG itself, and nothing else
        "True",  # two-step verification required of moderators and superusers
        "31536000",  # HSTS: one year
        "True",
        "True",  # SECURE_SSL_REDIRECT
        "True",  # SESSION_COOKIE_SECURE
        "True",  # CSRF_COOKIE_SECURE
        "HTTP_X_FORWARDED_PROTO",
        "django.core.mail.backends.smtp.EmailBackend",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_production_turns_a_safeguard_off_only_when_its_own_variable_says_so():
    printed = _production_settings(
        DEBUG="true", SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false", TWO_FACTOR_REQUIRED="0"
    )
    assert printed[1] == "False"
    assert printed[4:7] == ["False", "False", "False"]
    assert printed[2] == "31536000"  # HSTS has its own variable, untouched here


def test_development_is_plain_http_console_mail_and_optional_two_step():
    env = {k: v for k, v in os.environ.items() if k not in UNSET | SAFEGUARD_VARIABLES}
    result = _shell(
        "from django.conf import settings as s; print(s.DEBUG, s.OTP_REQUIRED_FOR_MODERATORS, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.EMAIL_BACKEND, s.PORTAL['url'], s.DATABASES['default']['ENGINE'])",
        env,
    )
    assert result.stdout.split() == [
        "True",
        "False",
        "0",
        "False",
        "False",
        "django.core.mail.backends.console.EmailBackend",
        "http://127.0.0.1:8000",
        "django.db.backends.sqlite3",
    ], result.stderr


def test_the_profiles_package_itself_is_refused_with_the_profiles_named():
    result = _check({PROFILE: "chaudoc.settings"})
    assert result.returncode != 0
    assert "chaudoc.settings.production" in result.stderr
    assert "chaudoc.settings.development" in result.stderr


def test_the_suite_runs_on_the_test_profile(settings):
    assert os.environ[PROFILE] == "chaudoc.settings.test"
    assert settings.PORTAL["url"] == "http://testserver"
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


# Where the code reads its environment: the project's own modules (bench/ documents its own).
SOURCES = ["chaudoc", "news", "gallery", "weather", "gunicorn.conf.py", "manage.py"]
READS = [
    r"""os\.environ\.get\(\s*["']([A-Z][A-Z0-9_]*)["']""",
    r"""os\.getenv\(\s*["']([A-Z][A-Z0-9_]*)["']""",
    r"""os\.environ\.setdefault\(\s*["']([A-Z][A-Z0-9_]*)["']""",
    r"""os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]""",
    r"""env_(?:bool|list)\(\s*["']([A-Z][A-Z0-9_]*)["']""",
    r"""["']([A-Z][A-Z0-9_]*)["']\s+in\s+os\.environ""",
]
# Listed in the table, read by a library rather than by our code.
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def _variables_read_by_the_code():
    found = set()
    for source in SOURCES:
        path = ROOT / source
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            text = file.read_text()
            for pattern in READS:
                found.update(re.findall(pattern, text))
    return found


def _variables_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    listed = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            listed.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return listed


def test_every_environment_variable_the_code_reads_is_in_the_readme_configuration_table():
    read = _variables_read_by_the_code()
    # The scan itself works: it sees variables of settings, weather and gunicorn alike.
    assert {"SECRET_KEY", "WEATHER_RETRIES", "TRUSTED_PROXIES", "GUNICORN_BIND"} <= read
    assert {"DJANGO_SETTINGS_MODULE", "SECURE_COOKIES", "DEBUG"} <= read
    missing = read - _variables_in_the_readme_configuration_table()
    assert not missing, f"read by the code, missing from README's Configuration: {sorted(missing)}"


def test_the_readme_configuration_table_names_no_variable_the_code_does_not_read():
    stale = _variables_in_the_readme_configuration_table() - _variables_read_by_the_code()
    assert stale <= READ_BY_LIBRARIES, f"in README's Configuration, read by nothing: {stale}"


def test_nothing_in_the_tree_names_the_profiles_package_as_a_settings_module():
    pattern = re.compile(r"""from chaudoc import settings\b|["']chaudoc\.settings["']""")
    here = Path(__file__).resolve()
    files = [ROOT / "manage.py", ROOT / "gunicorn.conf.py", ROOT / "pyproject.toml"]
    for folder in ("chaudoc", "news", "gallery", "weather", "tests", "bench", "scripts"):
        files += [f for f in (ROOT / folder).rglob("*") if f.is_file() and f.suffix in {".py", ""}]
    offenders = [
        str(f.relative_to(ROOT))
        for f in files
        if f.resolve() != here
        and f.resolve() != ROOT / "chaudoc" / "settings" / "__init__.py"
        and pattern.search(f.read_text(errors="replace"))
    ]
    assert not offenders
