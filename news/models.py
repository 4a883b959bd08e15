from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.media.images import (
    OG_SIZE,
    Renditions,
    clean_uncommitted,
    upload_name,
    validate_image_file,
)
from chaudoc.portals.current import default_portal_id
from chaudoc.portals.models import check_same_portal
from chaudoc.publishing.states import Publishable, PublishedQuerySet, listing_indexes
from chaudoc.search.engine import Searchable, search_indexes, stored_search_fields
from chaudoc.text import sanitize_html, unique_slug


class Category(models.Model):
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="categories",
        verbose_name=_("portal"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_on_home = models.BooleanField(
        _("block on the home page"),
        default=True,
        help_text=_("Show this category's latest articles as a block on the home page."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, self.name_vi or self.name, self.pk, max_length=120)
        if self._state.adding and not self.order:
            # A new category without an order joins the end of its portal's menu, not the front.
            self.order = next_order(Category.objects.filter(portal_id=self.portal_id))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


def next_order(queryset):
    """One more than the highest `order` in `queryset` (1 for the first row)."""
    highest = queryset.aggregate(highest=models.Max("order"))["highest"]
    return (highest or 0) + 1


def cover_upload_to(instance, filename):
    return upload_name("covers", filename)


class ArticleQuerySet(PublishedQuerySet):
    def for_listing(self):
        return self.select_related("category", "ward").defer(
            "body", "body_vi", "body_en", *stored_search_fields()
        )


class Article(Publishable, Searchable):
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="articles",
        verbose_name=_("portal"),
    )
    # The unit that published it, when that is not (or no longer) the portal holding it: a
    # former unit's archive moved into a successor keeps its history notice.
    published_by = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Made from the Vietnamese title; fixed once the article is published."),
    )
    lead = models.TextField(_("lead"), help_text=_("The summary (sapo) shown under the title."))
    body = RichTextUploadingField(_("body"))
    cover = models.ImageField(
        _("cover image"),
        upload_to=cover_upload_to,
        blank=True,
        validators=[validate_image_file],
        width_field="cover_width",
        height_field="cover_height",
    )
    # Stored so pages can give width/height without opening the file.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    # The same renditions as photos (cover_webp_320 ... cover_jpeg_1600), and the Open Graph
    # crop (cover_og), made when a new cover is saved. The <img> falls back to the original.
    cover_renditions = Renditions(
        "cover", "cover_width", "cover_height", prefix="cover_", crops={"og": OG_SIZE}
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    ward = models.ForeignKey(
        "chaudoc.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("ward or commune"),
        help_text=_("Leave empty for city-wide news."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    featured = models.BooleanField(_("featured"), default=False)
    album = models.ForeignKey(
        "gallery.Album",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("photo album"),
        help_text=_("Photos of the event, shown under the article once the album is published."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Written in bulk from a buffer (chaudoc.viewcounts.counts), never once per reader's request.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)

    objects = ArticleQuerySet.as_manager()
    # The cover's stored size travels with the cover: a revert restores it, the history's diff
    # does not show it (chaudoc.publishing.states.Publishable).
    revert_also = ("cover_width", "cover_height")
    history_quiet = ("cover_width", "cover_height")
    # What decides the lists an article is in (chaudoc.pagecache.tags), and what no reader sees.
    cache_list_fields = (*Publishable.cache_list_fields, "category", "ward", "featured", "title_en")
    cache_list_scopes = ("category", "ward")
    cache_quiet_fields = ("view_count", "updated_at", "status_changed_at", *stored_search_fields())

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Every public list orders by (-published_at, -id): the indexes end with both columns,
        # so a page reads only the rows it shows, however large the archive. They leave out the
        # trash and carry the expiry time, so published() - and the page counts - stay
        # index-only scans. English lists leave out untranslated articles: they have their own.
        indexes = [
            # A portal's lists lead with the portal (a category or a ward is one portal's).
            *listing_indexes("article", {"pub": ["portal"], "cat": ["category"], "ward": ["ward"]}),
            # The home page's newest featured article: an index scan of featured rows only,
            # never a walk through the whole archive (most articles are not featured).
            *listing_indexes(
                "article", {"featured_pub": ["portal"]}, condition=models.Q(featured=True)
            ),
            *search_indexes("article"),
        ]
        permissions = [
            ("publish_article", _("Can review, publish, reject, withdraw and restore articles")),
            ("purge_article", _("Can delete articles from the trash for good")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.sanitize()
        clean_uncommitted(self.cover)  # served files carry no EXIF or GPS; portraits upright
        if not self.slug:
            self.slug = unique_slug(Article, self.title_vi or self.title, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        check_same_portal(self, "category", "ward", "album")
        if self.cover and not (self.cover_alt_vi or "").strip():
            raise ValidationError(
                {"cover_alt_vi": _("Describe the cover image for readers who cannot see it.")}
            )

    def sanitize(self):
        # Whatever the editor or a crafted POST sends, only allow-listed markup is stored.
        for lang in ("vi", "en"):
            name = f"body_{lang}"
            setattr(self, name, sanitize_html(getattr(self, name)))


class ArticleSlug(models.Model):
    """A former slug of a published article: its old URL answers 301 to the current one."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("article")
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")
        permissions = [
            ("change_published_slug", _("Can change the slug of a published article")),
        ]

    def __str__(self):
        return self.slug
