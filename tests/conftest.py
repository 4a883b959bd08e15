import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads land in a per-test folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from chaudoc.pagecache.pages import _local
    from chaudoc.portals.current import forget

    cache.clear()
    _local.clear()
    forget()
    yield
    cache.clear()
    _local.clear()
    forget()


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in the default language (a request to /en/ leaves English active)."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")
