"""What a unit tells about itself ("Giới thiệu", Nghị định 224/2026 Điều 9 k1 c): a tree of
pages, its offices (the organisation chart and the contact directory), its leaders, the
administrative procedures it handles, links to other state websites and the main menu.

Pages follow the one publication rule and workflow (chaudoc.publishing): ward editors prepare
them, moderators publish. The tree is a parent foreign key with an order number: a unit's
introduction has a dozen pages two or three levels deep, which one query of the portal's
pages draws whole (a tree library such as django-treebeard would pay off for deep trees
moved around often, which these are not).
"""

from uuid import uuid4

from ckeditor.fields import RichTextField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.media.files import check_pdf, validate_pdf_file
from chaudoc.media.images import clean_uncommitted, upload_name, validate_image_file
from chaudoc.portals.current import default_portal_id
from chaudoc.portals.models import check_same_portal
from chaudoc.publishing.states import Publishable, PublishedQuerySet
from chaudoc.search.engine import Searchable, search_indexes, stored_search_fields
from chaudoc.text import sanitize_html, unique_slug

MAX_DEPTH = 4


def _portal_field(related_name, on_delete=models.PROTECT):
    return models.ForeignKey(
        "chaudoc.Portal",
        on_delete=on_delete,
        default=default_portal_id,
        related_name=related_name,
        verbose_name=_("portal"),
    )


def page_image_upload_to(instance, filename):
    return upload_name("about", filename)


def page_file_upload_to(instance, filename):
    """Stored names are ours, and nginx never serves them (page_file does, once checked)."""
    return f"about-files/{timezone.now():%Y/%m}/{uuid4().hex}.pdf"


def leader_photo_upload_to(instance, filename):
    return upload_name("leaders", filename)


class PageQuerySet(PublishedQuerySet):
    def for_tree(self):
        """What the tree and breadcrumbs need of every page: no text, no search columns."""
        return self.only("id", "parent_id", "title", "title_vi", "title_en", "slug", "order")


class IntroPage(Publishable, Searchable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=255, blank=True, help_text=_("Made from the Vietnamese title.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent page"),
        help_text=_("Leave empty for a page at the top of the introduction."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    image = models.ImageField(
        _("image"),
        upload_to=page_image_upload_to,
        blank=True,
        validators=[validate_image_file],
        width_field="image_width",
        height_field="image_height",
        help_text=_("For example the map of the administrative boundaries."),
    )
    file = models.FileField(
        _("PDF file"),
        upload_to=page_file_upload_to,
        max_length=200,
        blank=True,
        validators=[validate_pdf_file],
        help_text=_(
            "For example the map of the administrative boundaries as a PDF: readers download "
            "it. Give it a description and write its content in the text alternative."
        ),
    )
    file_size = models.PositiveIntegerField(_("file size"), editable=False, default=0)
    image_width = models.PositiveIntegerField(editable=False, default=0)
    image_height = models.PositiveIntegerField(editable=False, default=0)
    image_alt = models.CharField(
        _("image or file description"),
        max_length=500,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it; for a PDF file, the name "
            "of its download link."
        ),
    )
    image_text = models.TextField(
        _("text alternative of the image"),
        blank=True,
        help_text=_(
            "The picture's content in words (for a map: the boundaries, neighbours and "
            "area), shown under it for every reader."
        ),
    )
    portal = _portal_field("intro_pages")
    ward = models.ForeignKey(
        "chaudoc.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intro_pages",
        verbose_name=_("ward or commune"),
        help_text=_("The ward whose staff prepare the page; empty for the unit's staff."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intro_pages",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()
    cache_list_fields = (*Publishable.cache_list_fields, "parent", "order", "title_vi", "title_en")
    cache_quiet_fields = ("updated_at", "status_changed_at", *stored_search_fields())
    revert_also = ("image_width", "image_height", "file_size")
    history_quiet = ("image_width", "image_height", "file_size")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("introduction page")
        verbose_name_plural = _("introduction pages")
        constraints = [
            models.UniqueConstraint(fields=["portal", "slug"], name="about_page_portal_slug"),
        ]
        indexes = [
            models.Index(fields=["portal", "parent", "order", "id"], name="about_page_tree_idx"),
            *search_indexes("aboutpage"),
        ]
        permissions = [
            ("publish_intropage", _("Can review, publish, reject, withdraw and restore pages")),
            ("purge_intropage", _("Can delete pages from the trash for good")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for lang in ("vi", "en"):
            name = f"body_{lang}"
            setattr(self, name, sanitize_html(getattr(self, name)))
        clean_uncommitted(self.image)
        if self.file and not self.file._committed:
            # Whatever the door (form, import, shell), only a checked PDF is stored; the
            # admin checks it as it validates the form, and stores it before this save.
            check_pdf(self.file.file, self.file.name)
        self.file_size = self._file_size()
        if not self.slug:
            self.slug = unique_slug(IntroPage, self.title_vi or self.title, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about:page", kwargs={"slug": self.slug})

    def _file_size(self):
        if not self.file:
            return 0
        try:
            return self.file.size
        except OSError:  # the storage lost it: the page still saves, the size stays as it was
            return self.file_size

    def get_file_url(self):
        return reverse("about:file", kwargs={"slug": self.slug, "name": self.download_name})

    @property
    def download_name(self):
        return f"{self.slug or 'gioi-thieu'}.pdf"

    def clean(self):
        super().clean()
        check_same_portal(self, "ward", "parent")
        if self.image and not (self.image_alt_vi or "").strip():
            raise ValidationError(
                {"image_alt_vi": _("Describe the image for readers who cannot see it.")}
            )
        if self.file and not (self.image_alt_vi or "").strip():
            raise ValidationError({"image_alt_vi": _("Describe the PDF file: what it is.")})
        if self.file and not (self.image_text_vi or "").strip():
            raise ValidationError(
                {
                    "image_text_vi": _(
                        "Write the PDF file's content in words, for readers who cannot open it."
                    )
                }
            )
        node, depth = self.parent, 1
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A page cannot be placed under itself.")})
            depth += 1
            node = node.parent
        if depth > MAX_DEPTH:
            raise ValidationError({"parent": _("Pages go at most four levels deep.")})


class Office(models.Model):
    """An office or body of the unit: a box of the organisation chart and an entry of the
    contact directory."""

    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
    )
    duties = models.TextField(_("functions and duties"), blank=True)
    head = models.ForeignKey(
        "Leader",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offices_headed",
        verbose_name=_("head"),
    )
    head_title = models.CharField(
        _("head's title"), max_length=120, blank=True, help_text=_("E.g. Chánh Văn phòng.")
    )
    head_name = models.CharField(
        _("head's name"),
        max_length=120,
        blank=True,
        help_text=_("When the head is not among the leaders above."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_contact_point = models.BooleanField(
        _("contact point for information requests"),
        default=False,
        help_text=_("The office that receives requests for information (Luật Tiếp cận thông tin)."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    portal = _portal_field("offices")

    cache_tags = ("about.office:list",)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        check_same_portal(self, "parent", "head")
        node = self.parent
        while node is not None:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError({"parent": _("An office cannot report to itself.")})
            node = node.parent

    @property
    def head_display(self):
        return self.head.name if self.head_id else self.head_name


class Leader(models.Model):
    name = models.CharField(_("full name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, blank=True)
    position = models.CharField(_("position"), max_length=255)
    photo = models.ImageField(
        _("photo"),
        upload_to=leader_photo_upload_to,
        blank=True,
        validators=[validate_image_file],
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(editable=False, default=0)
    photo_height = models.PositiveIntegerField(editable=False, default=0)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    biography = RichTextField(_("short biography"), blank=True)
    duties = RichTextField(_("duties"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in office"), default=True, help_text=_("Former leaders are kept but not shown.")
    )
    portal = _portal_field("leaders")

    cache_tags = ("about.leader:list",)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        constraints = [
            models.UniqueConstraint(fields=["portal", "slug"], name="about_leader_portal_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for name in ("biography_vi", "biography_en", "duties_vi", "duties_en"):
            setattr(self, name, sanitize_html(getattr(self, name)))
        clean_uncommitted(self.photo)
        if not self.slug:
            self.slug = unique_slug(Leader, self.name, self.pk, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about:leader", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.photo and not (self.photo_alt_vi or "").strip():
            raise ValidationError(
                {"photo_alt_vi": _("Describe the photo for readers who cannot see it.")}
            )


class Procedure(models.Model):
    """An administrative procedure the unit handles, linked to its page on the national
    public-service portal (stored as data, never fetched)."""

    name = models.CharField(_("name"), max_length=500)
    field = models.CharField(_("field"), max_length=120)
    code = models.CharField(_("procedure code"), max_length=40, blank=True)
    url = models.URLField(
        _("address on the public-service portal"),
        max_length=500,
        help_text=_("Its page on dichvucong.gov.vn."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    portal = _portal_field("procedures")

    cache_tags = ("about.procedure:list",)

    class Meta:
        ordering = ["field", "order", "id"]
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    def __str__(self):
        return self.name


class WebLink(models.Model):
    """An entry of the "Liên kết website" block: another state website."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    # A portal's furniture goes with it (its content is protected).
    portal = _portal_field("web_links", on_delete=models.CASCADE)

    cache_tags = ("about.furniture",)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("website link")
        verbose_name_plural = _("website links")

    def __str__(self):
        return self.name


class MenuItem(models.Model):
    """An entry of a portal's main menu, in the order an administrator gives: it points to a
    page of the portal by its URL name (e.g. "about:index") or to an introduction page."""

    class Target(models.TextChoices):
        INTRODUCTION = "about:index", _("Introduction")
        NEWS = "news", _("News (the categories)")
        DOCUMENTS = "documents:list", _("Documents")
        SCHEDULE = "schedule:this_week", _("Work schedule")
        PROCEDURES = "about:procedures", _("Administrative procedures")
        DISCLOSURES = "documents:disclosures", _("Public disclosures")
        QUESTIONS = "participation:questions", _("Questions and answers")
        CONTACT = "about:contacts", _("Contact")
        LEADERS = "about:leaders", _("Leaders")
        CHART = "about:chart", _("Organisation chart")
        PHOTOS = "gallery:list", _("Activity photos")
        WEATHER = "weather:index", _("Weather")

    label = models.CharField(_("label"), max_length=80)
    target = models.CharField(_("points to"), max_length=40, choices=Target.choices, blank=True)
    page = models.ForeignKey(
        IntroPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("introduction page"),
        help_text=_("Instead of a section: one of the introduction pages."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    portal = _portal_field("menu_items", on_delete=models.CASCADE)

    cache_tags = ("about.furniture",)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("menu entry")
        verbose_name_plural = _("main menu")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        check_same_portal(self, "page")
        if bool(self.target) == bool(self.page_id):
            raise ValidationError(_("Choose either a section or an introduction page."))

    def url(self):
        """The entry's address, or None when its section is not installed (yet)."""
        if self.page_id:
            return reverse("about:page", kwargs={"slug": self.page.slug})
        if self.target == self.Target.NEWS:
            return None  # the news entry lists the categories (the header draws it)
        try:
            return reverse(self.target)
        except NoReverseMatch:
            return None
