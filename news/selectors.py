"""What other parts of the site may ask of the news app (the home page, navigation)."""


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
    """Each home-page category with its latest published articles."""
    blocks = []
    for category in Category.objects.filter(show_on_home=True):
        articles = list(
            Article.objects.published().for_listing().filter(category=category)[:per_category]
        )
        if articles:
            blocks.append((category, articles))
    return blocks
