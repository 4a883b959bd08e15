"""Template tags of the news app: article head (Open Graph, JSON-LD), feed links, share links."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import numberformat, timezone
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import get_language

from chaudoc.media.images import OG_SIZE
from chaudoc.pages.origin import absolute_uri
from chaudoc.portals import current as portals
from chaudoc.portals.history import publishing_unit
from chaudoc.templatetags.portal import isotime, picture, short_date
from chaudoc.wards.models import Ward
from news.feeds import author_name
from news.models import Category
from news.selectors import home_news as select_home_news
from news.selectors import nav_categories

register = template.Library()


@register.simple_tag(takes_context=True)
def home_news(context):
    """The home page's news block (featured, latest, one block per home-page category): the
    news app's part of the home page, as weather_block and gallery_block are theirs."""
    return select_home_news(context.get("request"))


@register.simple_tag(takes_context=True)
def menu_categories(context):
    """The categories of the main menu; none on the error pages rendered without a request
    (the database may be what failed)."""
    request = context.get("request")
    return nav_categories(request) if request is not None else []


OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def structured_data(article, url, image):
    """schema.org NewsArticle, as search engines read it."""
    author = article.author.get_full_name() if article.author else ""
    publisher = publishing_unit(article).publisher
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "inLanguage": get_language(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": {"@type": "Person" if author else "Organization", "name": author_name(article)},
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
        "articleSection": article.category.name,
    }
    if image:
        data["image"] = [image]
    return data


@register.inclusion_tag("news/includes/article_head.html", takes_context=True)
def article_head(context, article):
    url = absolute_uri(article.get_absolute_url())
    image, og_size = "", OG_SIZE
    if article.cover:
        og = article.cover_renditions.crop("og")  # the cover itself until the crop is made
        image, og_size = absolute_uri(og.url), (og.width, og.height)
    lang = get_language()
    return {
        "PORTAL": portals.current(),
        "article": article,
        "url": url,
        "image": image,
        "og_size": og_size,
        "og_locale": OG_LOCALES.get(lang, "vi_VN"),
        "og_alternates": [v for k, v in OG_LOCALES.items() if k != lang],
        "structured": structured_data(article, url, image),
    }


@register.simple_tag
def feed_urls(obj):
    """(RSS, Atom) URLs of a category's or a ward's feed."""
    kind = {Category: "category", Ward: "ward"}.get(type(obj))
    if kind is None:
        return reverse("news:feed_rss"), reverse("news:feed_atom")
    return (
        reverse(f"news:{kind}_rss", args=[obj.slug]),
        reverse(f"news:{kind}_atom", args=[obj.slug]),
    )


@register.simple_tag
def share_url(network, url):
    """Share links that need no third-party script: the networks' own share pages."""
    if network == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
    if network == "zalo":
        return "https://sp.zalo.me/share_to?" + urlencode({"url": url})
    raise ValueError(network)


@register.filter
def grouped(number):
    """1234 -> '1.234' in Vietnamese, '1,234' in English (Django's vi locale does not group)."""
    return numberformat.format(
        number or 0,
        get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


CARD_SIZES = "(min-width: 60rem) 24rem, (min-width: 40rem) 50vw, 100vw"
BIG_CARD_SIZES = "(min-width: 60rem) 27rem, 100vw"


@register.simple_tag
def article_card(article, big=False, level=3, lazy=False):
    """One article in a list (home page, category and ward pages, related stories).

    Written in Python rather than as an included template: a home page shows some thirty cards
    and an {% include %} costs several times more per card than building the same markup here.
    """
    cover = ""
    if article.cover:
        cover = picture(
            article.cover_renditions,
            article.cover_alt,
            BIG_CARD_SIZES if big else CARD_SIZES,
            "card-img",
            lazy,
        )
    level = int(level)
    return format_html(
        '<article class="card{}">{}<div class="card-text">'
        '<h{} class="card-title"><a href="{}">{}</a></h{}>'
        '<p class="meta"><time datetime="{}">{}</time></p>{}</div></article>',
        " card-big" if big else "",
        cover,
        level,
        article.get_absolute_url(),
        article.title,
        level,
        isotime(article.published_at),
        short_date(article.published_at),
        format_html('<p class="lead">{}</p>', article.lead) if big else "",
    )
