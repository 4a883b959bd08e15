"""What the gallery offers other pages: the home page block and an article's album."""

from django import template
from django.db.models import Count

from chaudoc.pagecache.furniture import furniture
from chaudoc.templatetags.portal import WEEKDAYS
from gallery.models import ORDER, Album

register = template.Library()

HOME_ALBUMS = 4
ARTICLE_PHOTOS = 6


@register.inclusion_tag("gallery/includes/home_block.html", takes_context=True)
def gallery_block(context, count=HOME_ALBUMS):
    """The home page's "Hình Ảnh Hoạt Động": the latest published albums, a cover each."""
    albums = furniture(f"gallery:home:{count}", lambda: _latest_albums(count))
    return {"albums": albums, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


def _latest_albums(count):
    albums = (
        Album.objects.published()
        .for_portal()
        .for_listing()
        .filter(cover__isnull=False)
        .annotate(photo_count=Count("photos"))
        .order_by(*ORDER)[:count]
    )
    return list(albums)


@register.inclusion_tag("gallery/includes/article_album.html", takes_context=True)
def article_album(context, album_id, count=ARTICLE_PHOTOS):
    """An article's linked album, if readers may see it: its first photos and a link."""
    album = None
    if album_id:
        album = Album.objects.published().for_portal().for_listing().filter(pk=album_id).first()
    photos = list(album.photos.all()[: count + 1]) if album else []
    return {
        "album": album,
        "photos": photos[:count],
        "more": len(photos) > count,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.filter
def day_date(value):
    """An event's day: 'Thứ Sáu, 29/12/2023' ('Friday, 29/12/2023' in English)."""
    if not value:
        return ""
    return f"{WEEKDAYS[value.weekday()]}, {value:%d/%m/%Y}"
