"""Articles in the site search (chaudoc.search): one registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chaudoc.models import Ward
from chaudoc.search.engine import SearchFilter, SearchSource, register
from news.models import Article, Category


def category_field():
    return forms.ModelChoiceField(
        Category.objects.all(), to_field_name="slug", required=False,
        label=_("Category"), empty_label=_("All categories"),
    )


def ward_field():
    return forms.ModelChoiceField(
        Ward.objects.all(), to_field_name="slug", required=False,
        label=_("Ward or commune"), empty_label=_("All wards and communes"),
    )


articles = register(SearchSource(
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
))
