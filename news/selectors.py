"""What other parts of the site may ask of the news app (the home page, navigation)."""

from dataclasses import dataclass, field

from django.db import connection

from chaudoc.pagecache.furniture import furniture
from chaudoc.pagecache.tags import depends_on_list
from chaudoc.portals import current as portals
from chaudoc.portals.origin import portal_origin
from news.models import Article, Category

ORDER = ("-published_at", "-id")


def nav_categories(request=None):
    """All categories in menu order; read once per change (the menu of every page asks)."""
    memo = getattr(request, "_news_categories", None)
    if memo is None:
        memo = furniture("news:categories", _categories)
        if request is not None:
            request._news_categories = memo
    return memo


def _categories():
    depends_on_list(Category)  # also when there is none yet
    return list(Category.objects.filter(portal=portals.current().pk))


@dataclass
class HomeNews:
    featured: Article | None = None
    latest: list = field(default_factory=list)
    category_blocks: list = field(default_factory=list)  # [(category, [articles])]
    from_units: list = field(default_factory=list)  # a province's: its portals' latest news

    @property
    def has_own(self):
        """The portal's own news block shows (with "no news yet" when there is none) unless
        the portal has only its units' news to show."""
        return bool(self.featured or self.latest or not self.from_units)


def home_news(request=None, latest=8, per_category=4):
    """The home page's news in three queries, whatever the size of the archive.

    One UNION ALL of small LIMIT queries (the newest featured article, the newest articles, the
    newest of each home-page category; each served by an index) picks the ids, one query loads
    them. The newest N of any part are necessarily the first N of that part in the union.
    """
    categories = [c for c in nav_categories(request) if c.show_on_home]
    published = Article.objects.published().for_portal().for_language().order_by(*ORDER)
    parts = [published.filter(featured=True).values("id")[:1], published.values("id")[: latest + 1]]
    parts += [published.filter(category=c).values("id")[:per_category] for c in categories]
    if connection.features.supports_slicing_ordering_in_compound:
        ids = {row["id"] for row in parts[0].union(*parts[1:], all=True)}
    else:  # SQLite (the development default): one small query per part
        ids = {row["id"] for part in parts for row in part}
    articles = list(Article.objects.for_listing().filter(pk__in=ids).order_by(*ORDER))
    news = HomeNews(featured=next((a for a in articles if a.featured), None))
    news.latest = [a for a in articles[: latest + 1] if a != news.featured][:latest]
    for category in categories:
        mine = [a for a in articles if a.category_id == category.pk][:per_category]
        if mine:
            news.category_blocks.append((category, mine))
    news.from_units = units_news(portals.current(), latest)
    return news


def units_news(portal, limit=8):
    """ "Tin phường, xã": the newest articles of the portals under `portal` (a province's
    wards and communes; not a former unit's archive), each with its unit and its address on
    that unit's own host. One query, and none for a portal with no portals under it."""
    units = {unit.pk: unit for unit in portals.children(portal) if unit.dissolved_on is None}
    if not units:
        return []
    articles = list(
        Article.objects.published()
        .filter(portal__in=units)
        .for_language()
        .for_listing()
        .order_by(*ORDER)[:limit]
    )
    for article in articles:
        article.unit = units[article.portal_id]
        article.unit_url = portal_origin(article.unit) + article.get_absolute_url()
    return articles
