from django.http import Http404, HttpResponsePermanentRedirect

from news.models import Article, ArticleSlug


def former_slug_redirect(slug):
    """301 from a published article's former slug to its current URL; otherwise 404."""
    former = (
        ArticleSlug.objects.filter(slug=slug, article__in=Article.objects.published().for_portal())
        .select_related("article")
        .only("article__slug")  # all its URL needs (not the article's search columns)
        .first()
    )
    if former is None:
        raise Http404("No article has or had this slug.")
    return HttpResponsePermanentRedirect(former.article.get_absolute_url())
