"""`make run` and manage.py's default: DEBUG on, SQLite beside the project, console mail,
local host names, plain HTTP, static files served as they are, two-step verification optional.
Every value can still be set by its environment variable."""

import os

from .base import *  # noqa: F403
from .base import (
    DEV_SECRET_KEY,
    LOCAL_HOSTS,
    PORTAL,
    STORAGES,
    env_bool,
    env_list,
    portal_origin,
)

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
OTP_REQUIRED_FOR_MODERATORS = env_bool("TWO_FACTOR_REQUIRED", default=False)

PORTAL = {**PORTAL}
PORTAL["url"], FORCE_SCRIPT_NAME = portal_origin("http://127.0.0.1:8000")
