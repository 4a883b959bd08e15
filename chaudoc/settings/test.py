"""pytest (pyproject.toml): the database from DATABASE_URL (PostgreSQL, see the Makefile), the
rest fixed so that no variable of the shell running the suite changes what a test sees."""

from .base import *  # noqa: F403
from .base import LOCAL_HOSTS, PORTAL, STORAGES

DEBUG = False
SECRET_KEY = "test-only-key-" + "x" * 50
ALLOWED_HOSTS = LOCAL_HOSTS.split(",")
CSRF_TRUSTED_ORIGINS = []
# Absolute URLs come from PORTAL_URL; the test client's host is "testserver".
PORTAL = {**PORTAL, "url": "http://testserver"}
FORCE_SCRIPT_NAME = ""

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Real hashing is slow on purpose; tests only need it to be a hash.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OTP_REQUIRED_FOR_MODERATORS = False
