"""Albums in the site search (chaudoc.search): title, description and every caption."""

from django.utils.translation import gettext_lazy as _

from chaudoc.search.engine import SearchSource, register
from gallery.models import Album


class AlbumSource(SearchSource):
    def display_text(self, obj):
        return obj.description or ""  # the captions are searched, not quoted


albums = register(
    AlbumSource(
        key="albums",
        model=Album,
        queryset=Album.objects.published,
        label=_("Activity photos"),
        result_template="gallery/includes/search_result.html",
        fields=("title", "description", "captions"),
        related=("ward", "cover"),
    )
)
