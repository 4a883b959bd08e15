"""The migration to several portals moves real data: an install's rows all join its default
portal (named from its configuration), every staff member keeps access, and nothing is lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chaudoc.portals.current import migration_ended, migration_started

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("chaudoc", "0005_search_query_counts"),
    ("news", "0008_article_list_indexes_in_other_languages"),
    ("gallery", "0001_initial"),
    ("weather", "0001_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    # As `migrate` does (its pre_migrate and post_migrate signals): while tables are older than
    # the models, a row's default portal is read by its id only.
    migration_started()
    try:
        executor.migrate(targets)
    finally:
        migration_ended()
    return executor.loader.project_state(targets).apps


def latest():
    """Every app's newest migration: going back to BEFORE also unapplied the apps that came
    later (about, documents, ...), and the tests run after these need their tables."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture(autouse=True)
def _back_to_latest():
    yield
    migrate(latest())  # even after a failure, the next test on this database has every table


def test_existing_rows_join_the_default_portal_and_nothing_is_lost():
    old = migrate(BEFORE)
    Ward = old.get_model("chaudoc", "Ward")
    Category = old.get_model("news", "Category")
    Article = old.get_model("news", "Article")
    Album = old.get_model("gallery", "Album")
    User = old.get_model("auth", "User")
    ward = Ward.objects.create(name="Núi Sam", slug="phuong-nui-sam", kind="phuong")
    category = Category.objects.create(name="Tin tức", name_vi="Tin tức", slug="tin-tuc")
    for n in range(3):
        Article.objects.create(
            title=f"Bài {n}",
            title_vi=f"Bài {n}",
            slug=f"bai-{n}",
            lead="",
            body="",
            category=category,
            ward=ward if n else None,
            status="published",
        )
    Album.objects.create(title="Ảnh", title_vi="Ảnh", slug="anh", status="published")
    User.objects.create(username="kiemduyet", is_staff=True)
    User.objects.create(username="docgia", is_staff=False)

    new = migrate(latest())
    Portal = new.get_model("chaudoc", "Portal")
    portal = Portal.objects.get()
    assert portal.is_default and portal.name_vi == "Trang Thông tin điện tử thành phố Châu Đốc"
    assert portal.governing_body_vi == "UBND thành phố Châu Đốc"
    assert portal.name_en == "Châu Đốc City Electronic Information Portal"
    Article = new.get_model("news", "Article")
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["bai-0", "bai-1", "bai-2"]
    for label in ("news.Article", "news.Category", "gallery.Album", "chaudoc.Ward"):
        model = new.get_model(label)
        assert model.objects.exclude(portal=portal).count() == 0, label
        assert model.objects.count() >= 1, label
    members = new.get_model("chaudoc", "PortalMembership").objects.values_list(
        "user__username", flat=True
    )
    assert list(members) == ["kiemduyet"]
