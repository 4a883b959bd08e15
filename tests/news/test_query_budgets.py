"""Every public page runs a fixed number of queries, whatever the amount of content."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chaudoc.publishing.states import Status
from chaudoc.search.engine import fill_documents, refresh_vectors
from news.models import Article
from tests.budgets import cold_pages
from tests.factories import make_article, make_category, make_ward

pytestmark = pytest.mark.django_db

BUDGETS = {
    "home": 10,
    "article": 8,
    "category": 6,
    "ward": 6,
    "search": 6,
    "search-filtered": 6,
    "search-mixed": 6,
    "albums": 6,
    "album": 8,
}

# What each page must show (the albums; both kinds of search results), so their queries count.
SHOWN = {
    "home": ['class="gallery-block"'],
    "article": ['class="article-album"'],
    "albums": ['class="card album-card"'],
    "album": ['alt="Ảnh 5"'],
    "search-mixed": [
        '<li class="search-result">',
        '<li class="search-result search-result-album">',
    ],
}


def _content(count):
    from weather.demo import load_demo as load_weather

    load_weather()  # the home page's weather block and river status run their queries too
    categories = [make_category(f"Chuyên mục {i}", show_on_home=True) for i in range(4)]
    wards = [make_ward(f"Phường {i}") for i in range(3)]
    now = timezone.now()
    articles = [
        Article(
            title_vi=f"Tin số {i}",
            slug=f"tin-so-{i}",
            lead_vi="Tóm tắt",
            body_vi="<p>Nội dung</p>",
            category=categories[i % 4],
            ward=wards[i % 3] if i % 2 else None,
            status=Status.PUBLISHED,
            published_at=now - timedelta(hours=i),
            featured=i == 3,
        )
        for i in range(count)
    ]
    for article in articles:
        fill_documents(article)  # searchable, as save() would make them
    Article.objects.bulk_create(articles)
    refresh_vectors(Article.objects.all())
    albums = _albums(count)
    Article.objects.filter(slug="tin-so-1").update(album=albums[0])  # the article shows it
    return {
        "home": "/",
        "article": "/tin-tuc/tin-so-1/",
        "albums": "/hinh-anh/?page=2",
        "album": albums[0].get_absolute_url(),
        "category": categories[0].get_absolute_url(),
        "ward": wards[1].get_absolute_url(),
        "search": "/tim-kiem/?q=tin+s%E1%BB%91",
        "search-filtered": f"/tim-kiem/?q=tin&category={categories[1].slug}&page=2",
        "search-mixed": "/tim-kiem/?q=s%E1%BB%91",
    }  # "số": articles and albums on one page


def _albums(count):
    """count // 5 + 13 published albums with covers (two pages), the first with `count` photos:
    rows only, sharing one real image (pages compute rendition URLs, they never open files)."""
    from gallery.models import Photo
    from tests.factories import make_album

    first = make_album("Album số 0", photos=1)
    image = first.photos.get().image.name
    albums = [first] + [
        make_album(f"Album số {n}", published_at=timezone.now() - timedelta(hours=n))
        for n in range(1, count // 5 + 13)
    ]
    Photo.objects.bulk_create(
        [
            Photo(album=album, image=image, width=64, height=48, order=n, caption_vi=f"Ảnh {n}")
            for album in albums
            for n in range(2, (count if album == first else 3) + 1)
        ]
    )
    for album in albums:
        album.ensure_cover()
    return albums


@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, count, page):
    urls = _content(count)
    cold_pages()
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert all(shown in html for shown in SHOWN.get(page, []))  # the albums are really there


def test_an_article_address_that_shows_no_article_costs_at_most_two_queries(
    client, django_assert_max_num_queries
):
    """A withdrawn article's 410 and an unknown slug's 404 (what scanners and old links ask
    for): one query finds the article shown or withdrawn, one more looks for a former slug."""
    make_article("Bài đã gỡ", slug="bai-da-go", status=Status.WITHDRAWN, status_reason="Sai")
    cold_pages()
    client.get("/khong-co-trang-nay/")  # the 404 page's furniture, built once per change
    with django_assert_max_num_queries(1):
        assert client.get("/tin-tuc/bai-da-go/").status_code == 410
    with django_assert_max_num_queries(2):
        assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404
