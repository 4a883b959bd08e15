from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from chaudoc.pagecache.tags import listing
from chaudoc.pages.origin import absolute_uri
from chaudoc.portals import current as portals
from chaudoc.portals.views import former_unit
from chaudoc.publishing import workflow
from chaudoc.publishing.states import Status
from chaudoc.search.engine import stored_search_fields
from chaudoc.viewcounts.counts import count_view
from chaudoc.wards.models import Ward
from news.models import Article, Category
from news.redirects import former_slug_redirect
from news.selectors import nav_categories
from news.templatetags.news_extras import feed_urls

PAGE_SIZE = 12


def article_detail(request, slug):
    # One query finds the article shown or the one withdrawn (a slug names one article).
    with listing(Article):  # one row; the page changes with it, not with every list
        article = (
            (Article.objects.published() | Article.objects.withdrawn())
            .for_portal()
            .select_related("category", "ward", "author")
            .defer(*stored_search_fields())
            .filter(slug=slug)
            .first()
        )
    if article is None:
        return former_slug_redirect(slug)  # a renamed article's old URL: 301, or 404
    if article.status == Status.WITHDRAWN:
        # Links from the press keep telling readers what happened instead of breaking.
        return render(request, "news/article_withdrawn.html", {"article": article}, status=410)
    response = render(
        request, "news/article_detail.html", {"article": article, "related": _related(article)}
    )
    response.page_cache_until = article.expires_at  # no save marks an expiry: end the copy then
    return response


@never_cache
def article_preview(request, pk):
    """An unpublished article as readers would see it, for the staff who may open it."""
    article = (
        Article.objects.select_related("category", "ward", "author")
        .defer(*stored_search_fields())
        .filter(pk=pk)
        .first()
    )
    if article is None or not request.user.is_staff:
        raise Http404
    if not workflow.can_view(request.user, article):
        raise Http404
    with portals.override(portals.get(article.portal_id)):  # as its own portal's readers see it
        response = render(
            request,
            "news/article_detail.html",
            {"article": article, "related": _related(article), "preview": True},
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _related(article):
    with listing(Article, category=article.category_id):
        return (
            Article.objects.published()
            .for_portal(portals.get(article.portal_id))
            .for_language()
            .for_listing()
            .filter(category=article.category_id)
            .exclude(pk=article.pk)[:4]
        )


class ArticleListView(ListView):
    """Published articles of one category or one ward, newest first."""

    paginate_by = PAGE_SIZE
    template_name = "news/article_list.html"
    context_object_name = "articles"
    parent_model = None
    parent_field = None

    def get(self, request, *args, **kwargs):
        self.parent = get_object_or_404(
            self.parent_model, slug=self.kwargs["slug"], portal=self.request.portal
        )
        return self.former_unit() or super().get(request, *args, **kwargs)

    def former_unit(self):
        return None

    def get_queryset(self):
        with listing(Article, **{self.parent_field: self.parent.pk}):
            articles = Article.objects.published().for_language().for_listing()
        return articles.filter(**{self.parent_field: self.parent})

    def get_context_data(self, **kwargs):
        return super().get_context_data(parent=self.parent, **kwargs)


class CategoryView(ArticleListView):
    parent_model = Category
    parent_field = "category"


class WardView(ArticleListView):
    parent_model = Ward
    parent_field = "ward"

    def former_unit(self):
        """A former unit's page sends readers to its successor, or names them (a split)."""
        if self.parent.dissolved_on is None:
            return None
        return former_unit(self.request, self.parent, self.parent.successors.all())


@csrf_exempt  # a counter with no other effect; pages come from the cache, without a token
@require_POST
def article_viewed(request, pk):
    """The reader's browser reports one view (static/js/portal.js). Cached pages never reach
    article_detail, so the page itself cannot count; the count is buffered, never written here."""
    article = get_object_or_404(Article.objects.published().for_portal().only("pk"), pk=pk)
    count_view(request, article)
    return HttpResponse(status=204)


def feeds_page(request):
    """ "Tin RSS": what a feed is, how to follow one, and every feed of this portal (all news,
    each category) with its address to copy into a feed reader. A browser opening a feed itself
    shows XML; this page is what the footer's link opens."""
    feeds = [(gettext("Latest news"), *feed_urls(None))]
    feeds += [(category.name, *feed_urls(category)) for category in nav_categories(request)]
    rows = [(name, rss, absolute_uri(rss), atom) for name, rss, atom in feeds]
    return render(request, "chaudoc/feeds.html", {"feeds": rows})
