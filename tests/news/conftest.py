import pytest

from tests.factories import make_category, make_editor, make_moderator, make_staff, make_ward


@pytest.fixture
def ward_a(db):
    return make_ward("Châu Phú A")


@pytest.fixture
def ward_b(db):
    return make_ward("Núi Sam")


@pytest.fixture
def editor_a(ward_a):
    return make_editor("bientap-a", ward_a)


@pytest.fixture
def editor_b(ward_b):
    return make_editor("bientap-b", ward_b)


@pytest.fixture
def moderator(db):
    return make_moderator("kiemduyet")


@pytest.fixture
def administrator(db):
    return make_staff("quantri", superuser=True)


@pytest.fixture
def category(db):
    return make_category("Tin tức - Sự kiện")
