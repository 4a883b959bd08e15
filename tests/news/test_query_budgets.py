"""Every public page runs a fixed number of queries, whatever the amount of content."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from chaudoc.publishing import Status
from chaudoc.search.engine import fill_documents, refresh_vectors
from news.models import Article
from tests.factories import make_category, make_ward

pytestmark = pytest.mark.django_db

BUDGETS = {"home": 10, "article": 8, "category": 6, "ward": 6, "search": 6, "search-filtered": 6}


def _content(count):
    from weather.demo import load_demo as load_weather

    load_weather()  # the home page's weather block and river status run their queries too
    categories = [make_category(f"Chuyên mục {i}", show_on_home=True) for i in range(4)]
    wards = [make_ward(f"Phường {i}") for i in range(3)]
    now = timezone.now()
    articles = [
        Article(
            title_vi=f"Tin số {i}", slug=f"tin-so-{i}", lead_vi="Tóm tắt",
            body_vi="<p>Nội dung</p>",
            category=categories[i % 4], ward=wards[i % 3] if i % 2 else None,
            status=Status.PUBLISHED, published_at=now - timedelta(hours=i), featured=i == 3,
        )
        for i in range(count)
    ]
    for article in articles:
        fill_documents(article)  # searchable, as save() would make them
    Article.objects.bulk_create(articles)
    refresh_vectors(Article.objects.all())
    return {"home": "/", "article": "/tin-tuc/tin-so-1/",
            "category": categories[0].get_absolute_url(), "ward": wards[1].get_absolute_url(),
            "search": "/tim-kiem/?q=tin+s%E1%BB%91",
            "search-filtered": f"/tim-kiem/?q=tin&category={categories[1].slug}&page=2"}


@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, count, page):
    urls = _content(count)
    cache.clear()
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
