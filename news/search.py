"""Articles in the site search (chaudoc.search): one registration."""

from django.utils.translation import gettext_lazy as _

from chaudoc.pagecache.furniture import furniture
from chaudoc.pagecache.tags import depends_on_list
from chaudoc.portals import current as portals
from chaudoc.search.engine import SearchFilter, SearchSource, register
from chaudoc.search.forms import ObjectChoiceField
from chaudoc.wards.models import Ward
from news.models import Article
from news.selectors import nav_categories


def category_field(request=None):
    return ObjectChoiceField(
        nav_categories(request),
        required=False,  # the menu's list, read once per request
        label=_("Category"),
        empty_label=_("All categories"),
    )


def ward_field(request=None):
    return ObjectChoiceField(
        furniture("news:search-wards", _wards),  # read once per change of the wards
        required=False,
        label=_("Ward or commune"),
        empty_label=_("All wards and communes"),
    )


def _wards():
    depends_on_list(Ward)  # also while there is none
    return list(Ward.objects.filter(portal=portals.current()))


articles = register(
    SearchSource(
        key="articles",
        model=Article,
        queryset=Article.objects.published,
        label=_("News"),
        result_template="news/includes/search_result.html",
        filters={
            "category": SearchFilter("category", category_field),
            "ward": SearchFilter("ward", ward_field),
        },
        related=("category", "ward"),
    )
)
