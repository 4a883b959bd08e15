import pytest

from tests.factories import make_album
from tests.news.conftest import (  # noqa: F401  (shared fixtures: wards and roles)
    administrator,
    editor_a,
    editor_b,
    moderator,
    ward_a,
    ward_b,
)


@pytest.fixture
def album_a(ward_a):  # noqa: F811 (the fixture imported above)
    """A draft album of ward A, without photos."""
    return make_album("Trao quà Tết phường Châu Phú A", status="draft", ward=ward_a)


def stored_files(settings):
    """Every file under MEDIA_ROOT (per test), as relative paths."""
    root = settings.MEDIA_ROOT
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
