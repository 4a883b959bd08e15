from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from chaudoc.portals import current as portals
from chaudoc.publishing import workflow
from chaudoc.search.engine import stored_search_fields
from gallery.models import ORDER, Album

ALBUMS_PER_PAGE = 12
PHOTOS_PER_PAGE = 48  # an album of hundreds stays light on a phone: the rest on later pages
EAGER_ALBUMS = 2  # covers above the fold on a phone
EAGER_PHOTOS = 4


class AlbumListView(ListView):
    """ "Hình Ảnh Hoạt Động": published albums, newest first, a cover each."""

    paginate_by = ALBUMS_PER_PAGE
    template_name = "gallery/album_list.html"
    context_object_name = "albums"

    def get_queryset(self):
        return (
            Album.objects.published()
            .for_portal()
            .for_listing()
            .annotate(photo_count=Count("photos"))
            .order_by(*ORDER)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mark_below_fold(context["albums"], EAGER_ALBUMS)
        return context


def mark_below_fold(items, eager):
    """The first few pictures load at once; the rest only as the reader scrolls to them."""
    for n, item in enumerate(items):
        item.below_fold = n >= eager


def _album(queryset, **lookup):
    return queryset.select_related("ward").defer(*stored_search_fields()).filter(**lookup).first()


def album_detail(request, slug):
    album = _album(Album.objects.published().for_portal(), slug=slug)
    if album is None:
        withdrawn = _album(Album.objects.withdrawn().for_portal(), slug=slug)
        if withdrawn is None:
            raise Http404
        return render(request, "gallery/album_withdrawn.html", {"album": withdrawn}, status=410)
    response = _render_album(request, album)
    response.page_cache_until = album.expires_at  # no save marks an expiry: end the copy then
    return response


@never_cache
def album_preview(request, pk):
    """An unpublished album as readers would see it, for the staff who may open it."""
    album = _album(Album.objects.all(), pk=pk)
    if album is None or not request.user.is_staff or not workflow.can_view(request.user, album):
        raise Http404
    with portals.override(portals.get(album.portal_id)):  # as its own portal's readers see it
        response = _render_album(request, album, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render_album(request, album, preview=False):
    page = Paginator(album.photos.all(), PHOTOS_PER_PAGE).get_page(request.GET.get("page"))
    photos = list(page.object_list)
    mark_below_fold(photos, EAGER_PHOTOS)
    context = {
        "album": album,
        "photos": photos,
        "page_obj": page,
        "preview": preview,
        "offset": page.start_index() - 1 if photos else 0,
    }
    return render(request, "gallery/album_detail.html", context)
