"""What other parts of the site may ask of the news app (the home page, navigation)."""

from django.db import connection

from news.models import Article, Category


def nav_categories():
    return list(Category.objects.all())


def featured_article():
    return Article.objects.published().for_listing().filter(featured=True).first()


def latest_articles(limit=8, exclude=None):
    qs = Article.objects.published().for_listing()
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs[:limit])


def home_category_blocks(per_category=4):
    """Each home-page category with its latest published articles, in a fixed number of queries.

    On PostgreSQL one UNION ALL of per-category LIMIT queries picks the ids (each served by the
    category index, so the cost does not grow with the archive); one more query loads them.
    """
    categories = list(Category.objects.filter(show_on_home=True))
    if not categories:
        return []
    published = Article.objects.published()
    per_category_ids = [
        published.filter(category=c).order_by("-published_at", "-id").values("id")[:per_category]
        for c in categories
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        first, *rest = per_category_ids
        ids = [row["id"] for row in first.union(*rest, all=True)]
    else:  # SQLite (the development default): one small query per category
        ids = [row["id"] for qs in per_category_ids for row in qs]
    by_category = {c.pk: [] for c in categories}
    for article in published.for_listing().filter(pk__in=ids):
        by_category[article.category_id].append(article)
    return [(c, by_category[c.pk]) for c in categories if by_category[c.pk]]
