"""What every profile of the Châu Đốc portal shares, read from the environment (12-factor).

A profile (development.py, production.py, test.py) starts with `from .base import *` and
changes only what differs. Where a value differs, this module holds the safe one (no key, no
host, SMTP mail, hashed static files, two-step verification for moderators), so a profile can
only relax a choice by saying so. DEBUG switches nothing but Django's own DEBUG.
"""

import ipaddress
import os
import shutil
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from chaudoc.text import editor_allowed_content

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The key development runs with when SECRET_KEY is unset; production refuses it.
DEV_SECRET_KEY = "dev-only-insecure-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# ".localhost": the demo's portals (chaudoc.localhost, vinhte.localhost; browsers resolve
# every *.localhost name to the machine itself).
LOCAL_HOSTS = "127.0.0.1,localhost,.localhost,[::1],testserver"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch it.
    "modeltranslation",
    # django.contrib.admin, with the portal's admin site
    "chaudoc.wards.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    # django-axes and django-otp's plugins under Vietnamese names (chaudoc/signin/apps.py)
    "chaudoc.signin.apps.AxesConfig",
    "django_otp",
    "chaudoc.signin.apps.AuthenticatorAppsConfig",
    "chaudoc.signin.apps.RecoveryCodesConfig",
    "reversion",
    "imagekit",
    # Background jobs: django-tasks and its database backend (chaudoc/jobs/).
    "django_tasks",
    "chaudoc.jobs.apps.JobsConfig",
    "chaudoc",
    "news",
    "gallery",
    "weather",
    "readaloud",
    "about",
    "schedule",
    "captcha",
    "participation",
    "documents",
]

MIDDLEWARE = [
    "chaudoc.pagecache.pages.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "chaudoc.pages.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chaudoc.pages.security.StaleSessionCookieMiddleware",
    "chaudoc.pages.language.LocaleMiddleware",  # Django's, without an untrue Vary
    "django.middleware.common.CommonMiddleware",
    # request.portal from the Host header, once CommonMiddleware has checked ALLOWED_HOSTS.
    "chaudoc.portals.middleware.PortalMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "chaudoc.signin.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes: last, so it turns a lockout into its response (see "Secure sign-in" below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chaudoc.urls"
WSGI_APPLICATION = "chaudoc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chaudoc.pages.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous page cache (chaudoc/pagecache/pages.py): 60 s bounds how late a scheduled article
# may appear; a change invalidates at once the pages that show it (chaudoc/pagecache/tags.py).
# Proxies may keep a page a few seconds. The purger is told the tags each change touched (a CDN
# in front would purge them; chaudoc/pagecache/purge.py).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_PURGER = "chaudoc.pagecache.purge.LoggingPurger"
# One client's views of one article count once per this many minutes (chaudoc/viewcounts/counts.py).
VIEW_COUNT_WINDOW_MINUTES = float(os.environ.get("VIEW_COUNT_WINDOW_MINUTES", "30"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "5"))
# Site furniture (menu, banners, the home page's weather and photo blocks) is built once per
# change and per this many seconds at most (chaudoc/pagecache/furniture.py); 0: every page.
FURNITURE_CACHE_SECONDS = int(os.environ.get("FURNITURE_CACHE_SECONDS", "60"))
# What residents search for (chaudoc/search/querylog.py): a query searched fewer times than
# this in a day or month is never shown to editors; the buffered counts are written every
# this many searches (and whenever the report is opened).
SEARCH_REPORT_MIN_COUNT = int(os.environ.get("SEARCH_REPORT_MIN_COUNT", "5"))
SEARCH_LOG_FLUSH_EVERY = int(os.environ.get("SEARCH_LOG_FLUSH_EVERY", "100"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Vietnamese first (unprefixed URLs), English at /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["chaudoc.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names (needs collectstatic); development and tests use the plain one.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible object storage when a bucket is named (pip install ".[s3]").
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False

# Uploads: one limit for covers, photos and editor images (see chaudoc/media/images.py).
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("IMAGE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
# Attached documents (chaudoc/media/files.py): one file's size; what an office file's archive
# may unpack to in all, and how much more than it weighs a large member may unpack to.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
DOCUMENT_MAX_UNPACKED_BYTES = int(os.environ.get("DOCUMENT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024))
DOCUMENT_MAX_UNPACK_RATIO = 100
DOCUMENT_MAX_MEMBERS = 5000
IMAGE_UPLOAD_MAX_PIXELS = int(os.environ.get("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000))
# The images of one request together (chaudoc.media.images.check_batch): PNG and WebP count
# 10 times.
IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE = int(
    os.environ.get("IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE", 400_000_000)
)
FILE_UPLOAD_PERMISSIONS = 0o644

CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.DummyBackend"
CKEDITOR_FILENAME_GENERATOR = "chaudoc.media.uploads.editor_filename"
CKEDITOR_RESTRICT_BY_DATE = False  # the generator puts the day under each user's folder
# The editor offers what the sanitiser keeps (chaudoc.text.editor_allowed_content): its content
# filter then drops every button, format and dialog field whose result the server would remove
# (image width in a style, border, spacing, alignment; link targets; table borders). Images are
# CKEditor's "image2" (a caption makes figure + figcaption, which the allow-list keeps).
# tests/chaudoc/text/test_editor_config.py and tests/e2e/test_admin_layout.py hold them together.
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 360,
        "width": "100%",
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "HorizontalRule"],
            ["Link", "Unlink"],
            ["Image", "Table"],
            ["RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "allowedContent": editor_allowed_content(),
        "extraPlugins": "image2,portal",
        "removePlugins": "exportpdf,image",
        # Vietnamese labels where CKEditor's own are English or wrong (static/ckeditor-portal/).
        "external_plugin_resources": [("portal", f"{STATIC_URL}ckeditor-portal/", "plugin.js")],
    }
}

# django-ckeditor bundles CKEditor 4.22.1, which has unfixed upstream advisories (ckeditor.W001).
# It is the editor the user chose; its output is never trusted: every rich-text field is cleaned
# on the server by chaudoc.text.sanitize_html (nh3 allow-list) before it is stored or shown.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

LOGIN_URL = "admin:login"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@chaudoc.angiang.gov.vn")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# SMTP (production's mail, or wherever EMAIL_BACKEND says so): the server is configuration.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# The first portal of an install (chaudoc.portals.current.initial_portal_fields): what the
# migration to several portals gives the portal holding the existing content. Portals are
# data from then on (the admin's "Portals"); "url" stays configuration.
PORTAL = {
    "name": _("Châu Đốc City Electronic Information Portal"),
    "short_name": _("Châu Đốc City"),
    "banner": _("Welcome to the Electronic Information Portal of Châu Đốc City"),
    "owner": _("People's Committee of Châu Đốc City"),
    # The publisher's proper name in structured data (JSON-LD) and feeds, in every language.
    "publisher": os.environ.get("PORTAL_PUBLISHER", "UBND thành phố Châu Đốc"),
    # Contact details (address, phone, e-mail, person responsible, licence line), the logo and
    # the banner are each portal's data, edited in the admin ("Cổng thông tin"), never here.
    # The portal's canonical origin: every absolute URL (canonical, hreflang, Open Graph,
    # JSON-LD, feeds, sitemaps, robots.txt, e-mail) is built from it, never from the request's
    # Host header, which any client can set. Each profile sets it with portal_origin() below.
    "url": "",
}


def portal_origin(default):
    """PORTAL_URL, else `default`: (the origin for PORTAL["url"], FORCE_SCRIPT_NAME).

    The path prefix comes from PORTAL_URL, never from a client's SCRIPT_NAME header."""
    url = os.environ.get("PORTAL_URL", "").strip().rstrip("/") or default
    if not url.startswith(("https://", "http://")) or "?" in url or "#" in url:
        raise ImproperlyConfigured("PORTAL_URL must look like https://chaudoc.angiang.gov.vn")
    return url, urlsplit(url).path


# Weather (weather/conf.py lists every weather setting with its default and meaning).
WEATHER_PROVIDER = os.environ.get("WEATHER_PROVIDER", "open-meteo")
WEATHER_TIMEOUT = float(os.environ.get("WEATHER_TIMEOUT", "10"))
WEATHER_RETRIES = int(os.environ.get("WEATHER_RETRIES", "2"))
WEATHER_BACKOFF = float(os.environ.get("WEATHER_BACKOFF", "2"))
WEATHER_MAX_BACKOFF = float(os.environ.get("WEATHER_MAX_BACKOFF", "30"))
WEATHER_STALE_AFTER = timedelta(hours=float(os.environ.get("WEATHER_STALE_AFTER_HOURS", "6")))
RIVER_CHART_DAYS = int(os.environ.get("RIVER_CHART_DAYS", "30"))

# Background jobs (chaudoc/jobs/): runs are rows in the database, taken by `manage.py db_worker`
# (`make run` starts one; production runs deploy/chaudoc-worker.service). A failed run is tried
# again JOBS_MAX_ATTEMPTS times in all, waiting JOBS_RETRY_DELAY seconds, doubled each time.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
JOBS_RETRY_DELAY = float(os.environ.get("JOBS_RETRY_DELAY", "60"))

# "Nghe đọc bài" (readaloud/conf.py lists every read-aloud setting with its default).
READALOUD_ENGINE = os.environ.get("READALOUD_ENGINE", "espeak")
READALOUD_BITRATE = int(os.environ.get("READALOUD_BITRATE", "32"))
READALOUD_ESPEAK_RATE = int(os.environ.get("READALOUD_ESPEAK_RATE", "150"))
READALOUD_TIMEOUT = float(os.environ.get("READALOUD_TIMEOUT", "30"))
READALOUD_RETRIES = int(os.environ.get("READALOUD_RETRIES", "2"))
FPT_AI_API_KEY = os.environ.get("FPT_AI_API_KEY", "")
FPT_AI_VOICE = os.environ.get("FPT_AI_VOICE", "lannhi")
VIETTEL_AI_TOKEN = os.environ.get("VIETTEL_AI_TOKEN", "")
VIETTEL_AI_VOICE = os.environ.get("VIETTEL_AI_VOICE", "hcm-diemmy")
ZALO_AI_API_KEY = os.environ.get("ZALO_AI_API_KEY", "")
ZALO_AI_SPEAKER_ID = int(os.environ.get("ZALO_AI_SPEAKER_ID", "1"))

# Security on every profile. HTTPS (redirect, HSTS, secure cookies, the proxy's scheme header)
# is production's (production.py): development and tests answer plain HTTP.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Health probes are answered over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Content-Security-Policy (chaudoc/pages/security.py): no inline script anywhere on public pages;
# the admin (CKEditor 4) gets inline styles and the editor's own needs, on admin paths only.
CSP_PUBLIC = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CSP_ADMIN = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-src 'self'; frame-ancestors 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Secure sign-in (README "Đăng nhập an toàn"). django-axes locks sign-in after repeated
# failures, by account and by address alike (either one alone is enough).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A failure during the lockout does not extend it: it lifts AXES_COOLOFF_TIME after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Logs name the account and address (as the admin records do); codes are masked like passwords.
AXES_SENSITIVE_PARAMETERS = ["code"]
AXES_LOCKOUT_CALLABLE = "chaudoc.signin.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "chaudoc.pages.security.client_ip"
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks; deploy/nginx.conf
# on the same machine: loopback). A request from any other address is keyed on that address,
# whatever it sends (chaudoc.pages.security.client_ip: sign-in lockout and view counts alike).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
try:
    [ipaddress.ip_network(item, strict=False) for item in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None

# Two-factor sign-in (django-otp, TOTP apps and one-time recovery codes). When required,
# moderators and superusers must enrol a device and verify each session
# (chaudoc/signin/twofactor.py).
OTP_REQUIRED_FOR_MODERATORS = env_bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Cổng thông tin Châu Đốc"
# The admin never shows a device's secret key or QR code (staff enrol on their own page): an
# administrator's session must not be enough to copy someone's second factor. This also closes
# django-otp's own config/QR admin views, which answered an unknown id with a server error.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Residents speak (participation/): answers due within this many working days (Nghị định
# 43/2011 Điều 17), officers reminded this many working days before; contact details kept this
# many days after a question is closed or a consultation ends (then `anonymise_participation`).
ANSWER_WORKING_DAYS = int(os.environ.get("ANSWER_WORKING_DAYS", "15"))
ANSWER_REMIND_DAYS = int(os.environ.get("ANSWER_REMIND_DAYS", "3"))
PARTICIPATION_RETENTION_DAYS = int(os.environ.get("PARTICIPATION_RETENTION_DAYS", "730"))
# Per client address and window, in the shared cache: the challenge from `challenge_after`
# submissions on, none stored past `limit`.
PARTICIPATION_LIMITS = {
    "window_seconds": int(os.environ.get("PARTICIPATION_WINDOW_SECONDS", "3600")),
    "challenge_after": int(os.environ.get("PARTICIPATION_CHALLENGE_AFTER", "3")),
    "limit": int(os.environ.get("PARTICIPATION_LIMIT", "10")),
}
# django-simple-captcha: self-hosted pictures; its audio needs flite (apt install flite).
CAPTCHA_FLITE_PATH = os.environ.get("CAPTCHA_FLITE_PATH") or shutil.which("flite")
CAPTCHA_TIMEOUT = 15  # minutes
CAPTCHA_LENGTH = 5
