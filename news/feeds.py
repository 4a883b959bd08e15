"""RSS 2.0 and Atom feeds of the latest news: all, per category, per ward."""

import copy
import mimetypes

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from chaudoc.pages.origin import absolute_uri
from chaudoc.portals import current as portals
from chaudoc.wards.models import Ward
from news.models import Article, Category

FEED_ITEMS = 20


def plain(text):
    """A title, category or name as plain text, without anything a reader could take for markup.

    RSS 2.0 does not say whether a title is text or HTML, and readers differ: some show it as
    text (as Atom's type="text" requires), others decode the XML and render the result as HTML,
    where a title typed as `<b>Lũ</b>` (escaped once, as XML needs) turns bold. Escaping twice
    would fix the second kind and show `&lt;b&gt;` in the first. Titles are plain text typed by
    staff, never meant as markup, so tags are removed: both kinds of reader then show the same.
    """
    return " ".join(strip_tags(str(text)).split())


def html_text(text):
    """Plain text for a field feed readers show as HTML (an RSS description, an Atom html
    summary): &, < and > escaped, so a typed "<script>" stays text there too. Quotes stay as
    they are: Django's escape() also writes ' as &#x27;, which readers that show the field as
    text print as it is ("People&#x27;s Committee"); outside a tag's attribute it needs none."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def author_name(article):
    """The writer's full name, or the portal's publisher (usernames are not published)."""
    name = article.author.get_full_name() if article.author else ""
    return name or portals.get(article.portal_id).publisher


class LatestArticlesFeed(Feed):
    """RSS 2.0; the Atom variants below only change the feed type."""

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request: work on a copy that knows its request.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self, obj=None):
        return plain(f"{_('Latest news')} - {portals.current().name}")

    # Every address at the configured origin (Django's feeds would take the request's host;
    # add_domain leaves an absolute URL as it is).
    def link(self, obj=None):
        return absolute_uri(reverse("home"))

    def feed_url(self, obj=None):
        return absolute_uri(self.request.path)

    def item_link(self, article):
        return absolute_uri(article.get_absolute_url())

    def summary(self, obj=None):
        return _("The latest news from %(body)s.") % {"body": portals.current().governing_body}

    def description(self, obj=None):
        # Feed readers show an RSS description (and an Atom html summary) as HTML: plain text
        # typed by staff goes in escaped, so a "<script>" in it stays text there too.
        return html_text(self.summary(obj))

    def articles(self, obj):
        return Article.objects.published().for_portal().for_language().for_listing()

    def items(self, obj=None):
        return self.articles(obj)[:FEED_ITEMS]

    def item_title(self, article):
        return plain(article.title)

    def item_description(self, article):
        return html_text(article.lead)

    def item_pubdate(self, article):
        return timezone.localtime(article.published_at)  # +07:00, the portal's time

    def item_updateddate(self, article):
        return timezone.localtime(article.updated_at)

    def item_author_name(self, article):
        return plain(author_name(article))

    def item_categories(self, article):
        return [plain(article.category.name)] + ([plain(article.ward)] if article.ward else [])

    def item_enclosures(self, article):
        if not article.cover:
            return []
        try:
            length = article.cover.size
        except OSError:  # the file went missing: the item stays, without its picture
            return []
        url = absolute_uri(article.cover.url)
        mime_type = mimetypes.guess_type(article.cover.name)[0] or "image/jpeg"
        return [Enclosure(url, str(length), mime_type)]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.summary  # an Atom subtitle is text


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug, portal=portals.current())

    def title(self, obj=None):
        return plain(f"{obj.name} - {portals.current().name}")

    def link(self, obj=None):
        return absolute_uri(obj.get_absolute_url())

    def summary(self, obj=None):
        return _("Latest news: %(name)s.") % {"name": obj.name}

    def articles(self, obj):
        return super().articles(obj).filter(category=obj)


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.summary


class WardFeed(CategoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Ward, slug=slug, portal=portals.current())

    def title(self, obj=None):
        return plain(f"{obj} - {portals.current().name}")

    def summary(self, obj=None):
        return _("Latest news: %(name)s.") % {"name": obj}

    def articles(self, obj):
        return LatestArticlesFeed.articles(self, obj).filter(ward=obj)


class WardAtomFeed(WardFeed):
    feed_type = Atom1Feed
    subtitle = WardFeed.summary
