"""Albums of activity photos ("Hình Ảnh Hoạt Động") and their photos.

Albums follow the same publication rule and editorial workflow as articles
(chaudoc.publishing.states, chaudoc.publishing.workflow). Photos are stored re-encoded
(chaudoc.media.images.clean_image) under generated names; their renditions are made once, when
the photo is saved.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.media.images import Renditions, clean_image, upload_name, validate_image_file
from chaudoc.portals.current import default_portal_id
from chaudoc.portals.models import check_same_portal
from chaudoc.publishing.states import Publishable, PublishedQuerySet
from chaudoc.search.engine import Searchable, search_indexes, stored_search_fields
from chaudoc.text import unique_slug

logger = logging.getLogger(__name__)

ORDER = ("-published_at", "-id")


class AlbumQuerySet(PublishedQuerySet):
    def for_listing(self):
        """What a card needs: the cover photo in the same query, no search columns."""
        return self.select_related("cover", "ward").defer(
            "description", "description_vi", "description_en", *stored_search_fields()
        )


class Album(Publishable, Searchable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Made from the Vietnamese title."),
    )
    description = models.TextField(_("description"), blank=True)
    event_date = models.DateField(_("event date"), default=timezone.localdate)
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="albums",
        verbose_name=_("portal"),
    )
    # The unit that published it, when a former unit's archive moved (history notice).
    published_by = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )
    ward = models.ForeignKey(
        "chaudoc.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="albums",
        verbose_name=_("ward or commune"),
        help_text=_("Leave empty for city-wide albums."),
    )
    cover = models.ForeignKey(
        "Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover photo"),
        help_text=_("One of the album's photos; the first photo when left empty."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="albums",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AlbumQuerySet.as_manager()
    # What decides the lists an album is in (chaudoc.pagecache.tags), and what no reader sees.
    cache_list_fields = (*Publishable.cache_list_fields, "ward", "title_en")
    cache_quiet_fields = ("updated_at", "status_changed_at", *stored_search_fields())

    class Meta:
        ordering = ORDER
        verbose_name = _("album")
        verbose_name_plural = _("albums")
        indexes = [
            models.Index(
                fields=["portal", "status", "-published_at", "-id"],
                include=["expires_at"],
                condition=models.Q(deleted_at__isnull=True),
                name="album_portal_pub_idx",
            ),
            *search_indexes("album"),
        ]
        permissions = [
            ("publish_album", _("Can review, publish, reject, withdraw and restore albums")),
            ("purge_album", _("Can delete albums from the trash for good")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Album, self.title_vi or self.title, self.pk, max_length=255)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gallery:album", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        check_same_portal(self, "ward")
        if self.cover_id and self.pk and self.cover.album_id != self.pk:
            raise ValidationError({"cover": _("Choose one of this album's own photos.")})

    # The search document's third line (chaudoc.search): every caption, in each language.
    def _captions(self, language):
        if not self.pk:
            return ""
        fields = [f"caption_{language}", "caption_vi"]
        return " ".join(next((c for c in row if c), "") for row in self.photos.values_list(*fields))

    @property
    def captions_vi(self):
        return self._captions("vi")

    @property
    def captions_en(self):
        return self._captions("en")

    def photos_changed(self):
        """After photos were added, removed or recaptioned: cover and search document."""
        from chaudoc.search.engine import reindex

        self.ensure_cover()
        reindex(type(self)._default_manager.filter(pk=self.pk))

    def ensure_cover(self):
        """An album with photos always has a cover: the first photo unless one was chosen."""
        if self.cover_id is None:
            first = self.photos.order_by("order", "pk").first()
            if first is not None:
                self.cover = first
                type(self).objects.filter(pk=self.pk).update(cover=first)


def photo_upload_to(instance, filename):
    return upload_name("photos", filename)


class Photo(models.Model):
    album = models.ForeignKey(
        Album, on_delete=models.CASCADE, related_name="photos", verbose_name=_("album")
    )
    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        validators=[validate_image_file],
        width_field="width",
        height_field="height",
    )
    # Stored so pages give width and height (and pick renditions) without opening the file.
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it. "
            "The caption is used when left empty."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    credit = models.CharField(_("photographer"), max_length=120, blank=True)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    # Renditions (webp_320 ... jpeg_1600, chaudoc.media.images): made by a job once the photo is
    # saved, never in the editor's or a reader's request; until then pages show the original.
    # The <img>'s own src is the 640 px JPEG.
    renditions = Renditions("image", "width", "height", fallback_width=640)
    # For the page cache (chaudoc.pagecache.tags): a photo shows where its album shows.
    cache_list_fields = ("album", "order")
    cache_quiet_fields = ("created_at",)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.original_name or f"#{self.pk}"

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            # Whatever the door (form, import, shell), only clean pixels are stored.
            cleaned = clean_image(self.image.file, self.image.name)
            self.original_name = self.original_name or cleaned.original_name
            self.taken_at = self.taken_at or cleaned.taken_at
            self.image.save(cleaned.content.name, cleaned.content, save=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.large.url

    @classmethod
    def from_upload(cls, album, upload, **fields):
        """A new photo of `album` from an uploaded or opened file (checked and cleaned here)."""
        cleaned = clean_image(upload, getattr(upload, "name", ""))
        photo = cls(
            album=album, original_name=cleaned.original_name, taken_at=cleaned.taken_at, **fields
        )
        from chaudoc.media.uploads import write_new_file

        photo.image = cleaned.content
        write_new_file(photo, cls._meta.get_field("image"))  # a half-written file is removed
        try:
            photo.save()
        except BaseException:
            photo.delete_files()
            raise
        return photo

    def cache_tags(self):
        return {f"gallery.photo:{self.pk}", f"gallery.album:{self.album_id}"}

    def is_public(self):
        """Readers see a photo while its album is public."""
        album = Album._base_manager.filter(pk=self.album_id).first()
        return album is not None and album.is_public()

    @property
    def description(self):
        return self.alt_text or self.caption

    @property
    def webp(self):
        return self.renditions.webp

    @property
    def jpeg(self):
        return self.renditions.jpeg

    @property
    def thumb(self):
        """The img's own src and size: the 640 px JPEG (or the largest below it)."""
        return self.renditions.fallback

    @property
    def large(self):
        """The largest rendition (1600 px): what a photo links to without JavaScript."""
        return self.renditions.largest

    def rendition_files(self):
        return self.renditions.files()

    def delete_files(self):
        """Remove the stored image and its renditions (the row is gone or never was)."""
        if not self.image:
            return
        storage = self.image.storage
        for name in [self.image.name, *(r.name for r in self.rendition_files())]:
            try:
                storage.delete(name)
            except OSError:  # e.g. the renditions' folder is broken: the rest still goes
                logger.error("could not delete %s", name, exc_info=True)

    def generate_renditions(self, force=False):
        """Make every rendition now (a job does it after a save; this is for repairs)."""
        for rendition in self.rendition_files():
            rendition.generate(force=force)
