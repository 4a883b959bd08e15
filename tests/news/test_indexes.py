"""Public lists read a few index entries, not the archive (PostgreSQL's own account)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from chaudoc.publishing import Status
from news.models import Article
from news.selectors import ORDER
from tests.factories import make_category

pytestmark = pytest.mark.django_db

pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")


def _rows_read_and_thrown_away(queryset):
    plan = json.loads(queryset.explain(analyze=True, format="json"))

    def walk(node):
        yield node.get("Rows Removed by Filter", 0)
        for child in node.get("Plans", []):
            yield from walk(child)

    return sum(walk(plan[0]["Plan"]))


@pg_only
def test_the_newest_featured_article_is_found_without_walking_the_archive():
    category = make_category()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(title_vi=f"Tin {i}", slug=f"tin-{i}", category=category, body_vi="<p>x</p>",
                status=Status.PUBLISHED, published_at=now - timedelta(hours=i), featured=i == 400)
        for i in range(401)  # the only featured story is the oldest
    )
    # No ANALYZE: right after a bulk load the planner has no statistics; the index must still
    # be the obvious choice.
    featured = Article.objects.published().filter(featured=True).order_by(*ORDER).values("id")[:1]
    assert list(featured) == [{"id": Article.objects.get(slug="tin-400").pk}]
    assert _rows_read_and_thrown_away(featured) <= 5
