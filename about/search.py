"""Introduction pages in the site search (chaudoc.search): title, summary and body."""

from django.utils.translation import gettext_lazy as _

from about.models import IntroPage
from chaudoc.search.engine import SearchSource, register

pages = register(
    SearchSource(
        key="intro_pages",
        model=IntroPage,
        queryset=IntroPage.objects.published,
        label=_("Introduction"),
        result_template="about/includes/search_result.html",
        fields=("title", "summary", "body"),
        related=("ward",),
    )
)
