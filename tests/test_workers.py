"""`make test` runs pytest-xdist with `--dist loadgroup`: every test of a module marked
`xdist_group` goes to one worker, so a module-scoped fixture (the shared demo, a started stack)
is built once. The grouping fails silently (each test is then sent to any worker, which builds
the module's fixtures again for it): pytest 9.2 broke it (pytest-xdist#1386)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from about.models import MenuItem
from chaudoc.abbreviations.models import Abbreviation
from news.models import Article
from tests.e2e.conftest import restore
from tests.factories import make_article

pytestmark = pytest.mark.xdist_group(__name__)


def test_a_grouped_module_is_one_unit_of_work_for_the_workers(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("runs under `make test` (pytest -n N --dist loadgroup)")
    # The scheduler reads the group from the id the worker reports.
    assert request.node.nodeid.endswith(f"@{__name__}"), request.node.nodeid


@pytest.mark.django_db(transaction=True)  # committed, as the shared demo is
def test_after_a_shared_demo_the_database_holds_what_the_migrations_wrote_and_nothing_else():
    """A module's shared demo is committed, then emptied (tests/e2e/conftest.py): the tests
    after it on the same worker still find the seeded rows, and can add their own."""
    # What the migrations seeded (an earlier committing test on this worker may have emptied it).
    Abbreviation.objects.get_or_create(
        short_form="HĐND", defaults={"full_form": "Hội đồng nhân dân"}
    )
    seeded = connection.creation.serialize_db_to_string()
    before = {m: m.objects.count() for m in (Abbreviation, MenuItem, Permission)}
    assert before[Abbreviation] and before[Permission]
    make_article(title="Bài của bản demo")
    Abbreviation.objects.all().delete()

    restore(seeded)

    assert {m: m.objects.count() for m in before} == before
    assert not Article.objects.exists()
    # New rows get ids past the restored ones.
    Abbreviation.objects.create(short_form="XYZ", full_form="xin ý kiến")
