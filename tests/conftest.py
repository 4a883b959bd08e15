import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads land in a per-test folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from chaudoc.pagecache.pages import _local

    cache.clear()
    _local.clear()
    yield
    cache.clear()
    _local.clear()


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in the default language (a request to /en/ leaves English active)."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests only need it to be a hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _portal_at_the_test_clients_host(settings):
    """Absolute URLs come from PORTAL_URL; the test client's host is "testserver"."""
    settings.PORTAL = {**settings.PORTAL, "url": "http://testserver"}
