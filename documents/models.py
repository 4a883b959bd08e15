"""The documents register ("Văn bản") and the public disclosures built from it ("Công khai").

A document follows the one publication rule and workflow (chaudoc.publishing): ward editors
prepare it, moderators publish it. Its validity ("hiệu lực") is never typed: it is read from
its dates and from the published documents that amend, supplement, replace or repeal it, at the
moment a reader looks (`Document.validity()`, and `with_validity()` for lists in SQL), so it
changes by itself when a date passes.
"""

import re
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from chaudoc.media.files import KINDS, check_file
from chaudoc.portals.current import default_portal_id
from chaudoc.portals.models import check_same_portal
from chaudoc.publishing.states import Publishable, PublishedQuerySet
from chaudoc.search.engine import Searchable, search_indexes, stored_search_fields
from chaudoc.text import fold_accents, slugify, unique_slug

ORDER = ("-issued_on", "-id")


def number_key(value):
    """The number and symbol as searched: letters and digits only, tone marks folded, đ as d,
    lower case ("125/QĐ-UBND" and "125 qd ubnd" are both "125qdubnd")."""
    return re.sub(r"[^0-9a-z]", "", fold_accents(value or "").lower())


class DocumentType(models.Model):
    """Quyết định, Nghị quyết, Kế hoạch...: data an administrator keeps."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_plan = models.BooleanField(
        _("strategy, plan or programme"),
        default=False,
        help_text=_("Documents of this type are listed under Public disclosure, Plans."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                DocumentType, self.name_vi or self.name, self.pk, max_length=140
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('documents:list')}?loai={self.slug}"


class Issuer(models.Model):
    """The issuing body ("cơ quan ban hành"): data."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Issuer, self.name_vi or self.name, self.pk, max_length=220)
        super().save(*args, **kwargs)


class Field(models.Model):
    """The field a document concerns ("lĩnh vực"): data."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Field, self.name_vi or self.name, self.pk, max_length=140)
        super().save(*args, **kwargs)


class Validity(models.TextChoices):
    NOT_YET = "chua", _("Not yet in force")
    IN_FORCE = "con", _("In force")
    PARTLY = "mot-phan", _("Partly out of force")
    ENDED = "het", _("Out of force")


class Section(models.TextChoices):
    """Where a document also stands in the public disclosures (besides its type)."""

    NONE = "", _("None")
    BUDGET_ESTIMATE = "du-toan", _("Budget estimate")
    BUDGET_EXECUTION = "thuc-hien", _("Budget execution")
    BUDGET_FINAL = "quyet-toan", _("Budget final accounts")
    STATISTICS = "thong-ke", _("Statistics")
    REQUEST_FORM = "mau-yeu-cau", _("Information request form")


BUDGET_SECTIONS = (Section.BUDGET_ESTIMATE, Section.BUDGET_EXECUTION, Section.BUDGET_FINAL)


def _today(today=None):
    return today or timezone.localdate()


class DocumentQuerySet(PublishedQuerySet):
    def for_listing(self):
        """What a row of a list needs: type, issuer and field in the same query."""
        return self.select_related("doc_type", "issuer", "field").defer(*stored_search_fields())

    def with_validity(self, today=None):
        """Each row's validity as two flags computed by PostgreSQL (`ended_by`, `amended_by`):
        whether a published document in force replaces/repeals it, or amends it."""
        today = _today(today)
        acting = DocumentRelation.objects.filter(
            target=OuterRef("pk"), source__in=Document.objects.published().in_effect(today)
        )
        return self.annotate(
            ended_by=Exists(acting.filter(kind__in=DocumentRelation.ENDING)),
            amended_by=Exists(acting.filter(kind__in=DocumentRelation.AMENDING)),
        )

    def in_effect(self, today=None):
        """Whose effect has begun: the effect date (or, without one, the issue date) has come."""
        today = _today(today)
        return self.filter(
            Q(effective_from__lte=today) | Q(effective_from__isnull=True, issued_on__lte=today)
        )

    def with_validity_state(self, state, today=None):
        """Rows of `state` (a Validity value), from dates and relations alone."""
        today = _today(today)
        qs = self.with_validity(today)
        not_yet = Q(effective_from__gt=today) | Q(effective_from__isnull=True, issued_on__gt=today)
        ended = Q(effective_until__lte=today) | Q(ended_by=True)
        if state == Validity.NOT_YET:
            return qs.filter(not_yet)
        if state == Validity.ENDED:
            return qs.exclude(not_yet).filter(ended)
        if state == Validity.PARTLY:
            return qs.exclude(not_yet).exclude(ended).filter(amended_by=True)
        if state == Validity.IN_FORCE:
            return qs.exclude(not_yet).exclude(ended).filter(amended_by=False)
        return qs

    def find_number(self, typed):
        """Documents whose number and symbol hold what was typed, however it was written:
        "125/QĐ-UBND", "125 qd ubnd" and "125" all find 125/QĐ-UBND; digits alone match the
        number itself, not any number containing them."""
        key = number_key(typed)
        if not key:
            return self
        if key.isdigit():
            return self.filter(Q(number_key=key) | Q(number_key__regex=rf"^{key}[a-z]"))
        return self.filter(number_key__startswith=key)


class Document(Publishable, Searchable):
    number = models.CharField(
        _("number and symbol"),
        max_length=80,
        help_text=_('As written on the document, e.g. "125/QĐ-UBND".'),
    )
    number_key = models.CharField(max_length=80, editable=False, db_index=True, default="")
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("type")
    )
    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("issuing body"),
    )
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    issued_on = models.DateField(_("date of issue"), default=timezone.localdate)
    effective_from = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("Leave empty when it takes effect on the date of issue."),
    )
    effective_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Only for a document whose end of effect is set (e.g. a yearly plan)."),
    )
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("field"),
    )
    summary = models.TextField(_("summary"), max_length=2000)
    section = models.CharField(
        _("public disclosure section"),
        max_length=16,
        choices=Section.choices,
        blank=True,
        default="",
        help_text=_("Also list it under Public disclosure (budget, statistics, request form)."),
    )
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="documents",
        verbose_name=_("portal"),
    )
    ward = models.ForeignKey(
        "chaudoc.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("ward or commune"),
        help_text=_("Leave empty for the whole unit's documents."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    listing_title_field = "summary"
    cache_list_fields = (
        *Publishable.cache_list_fields,
        "doc_type",
        "issuer",
        "field",
        "issued_on",
        "effective_from",
        "effective_until",
        "section",
        "summary_en",
    )
    cache_quiet_fields = ("updated_at", "status_changed_at", *stored_search_fields())

    class Meta:
        ordering = ORDER
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(
                fields=["portal", "status", "-issued_on", "-id"],
                include=["published_at", "expires_at"],
                condition=Q(deleted_at__isnull=True),
                name="document_portal_list_idx",
            ),
            # The site search's candidates: the newest matching documents (chaudoc.search).
            models.Index(
                fields=["portal", "status", "-published_at", "-id"],
                include=["expires_at"],
                condition=Q(deleted_at__isnull=True),
                name="document_portal_pub_idx",
            ),
            models.Index(
                fields=["number_key"],
                name="document_number_like_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            *search_indexes("document"),
        ]
        permissions = [
            ("publish_document", _("Can review, publish, reject, withdraw and restore documents")),
            ("purge_document", _("Can delete documents from the trash for good")),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.number = " ".join((self.number or "").split())
        self.number_key = number_key(self.number)
        if not self.slug:
            base = (
                f"{self.number.replace('/', ' ')} {self.issued_on.year if self.issued_on else ''}"
            )
            self.slug = unique_slug(Document, base, self.pk, max_length=200)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "number_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        check_same_portal(self, "ward")
        start = self.effective_from or self.issued_on
        if self.effective_until and start and self.effective_until <= start:
            raise ValidationError(
                {"effective_until": _("The end of effect must come after the start of effect.")}
            )

    # Validity -----------------------------------------------------------------------------

    @property
    def starts_on(self):
        return self.effective_from or self.issued_on

    def acting_relations(self, today=None):
        """The published documents in effect that act on this one (relations in prefetched
        `incoming` when present)."""
        today = _today(today)
        relations = getattr(self, "incoming_relations", None)
        if relations is None:
            relations = list(self.incoming.select_related("source"))
        return [r for r in relations if r.source.is_public() and r.source.starts_on <= today]

    def validity(self, today=None):
        today = _today(today)
        if self.starts_on and self.starts_on > today:
            return Validity.NOT_YET
        if self.effective_until and self.effective_until <= today:
            return Validity.ENDED
        if hasattr(self, "ended_by"):  # annotated by with_validity(): no further query
            ended, amended = self.ended_by, self.amended_by
        else:
            acting = self.acting_relations(today)
            ended = any(r.kind in DocumentRelation.ENDING for r in acting)
            amended = any(r.kind in DocumentRelation.AMENDING for r in acting)
        if ended:
            return Validity.ENDED
        return Validity.PARTLY if amended else Validity.IN_FORCE

    def ended_by_documents(self, today=None):
        return [r.source for r in self.acting_relations(today) if r.kind in DocumentRelation.ENDING]

    def next_validity_change(self, today=None):
        """When a reader's copy of this document's validity may go stale: the next start or
        end of effect ahead (as an aware datetime at local midnight), None if none."""
        today = _today(today)
        days = [d for d in (self.starts_on, self.effective_until) if d and d > today]
        for relation in getattr(self, "incoming_relations", []):
            if relation.source.starts_on and relation.source.starts_on > today:
                days.append(relation.source.starts_on)
        return local_midnight(min(days)) if days else None

    # Search documents -----------------------------------------------------------------------

    def _details(self, language):
        names = [self.number]
        for related in (self.doc_type, self.issuer, self.field):
            if related is not None:
                names.append(getattr(related, f"name_{language}", None) or related.name)
        names.append(self.signer)
        return " ".join(n for n in names if n)

    @property
    def details_vi(self):
        return self._details("vi")

    @property
    def details_en(self):
        return self._details("en")

    @cached_property
    def file_text_vi(self):
        """The text read from the attached files (the same in both languages' documents)."""
        if not self.pk:
            return ""
        return " ".join(self.attachments.values_list("text", flat=True))

    @property
    def file_text_en(self):
        return self.file_text_vi

    def attachments_changed(self):
        """After files were added or removed: the search document holds their text."""
        from chaudoc.search.engine import reindex

        reindex(type(self)._default_manager.filter(pk=self.pk))


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def next_midnight():
    return local_midnight(timezone.localdate() + timedelta(days=1))


class DocumentRelation(models.Model):
    """`source` amends, supplements, replaces or repeals `target`; shown on both."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("amends")
        SUPPLEMENTS = "supplements", _("supplements")
        REPLACES = "replaces", _("replaces")
        REPEALS = "repeals", _("repeals")

    ENDING = (Kind.REPLACES, Kind.REPEALS)
    AMENDING = (Kind.AMENDS,)
    # What the target shows: "replaced by ..."
    PASSIVE = {
        Kind.AMENDS: _("Amended by"),
        Kind.SUPPLEMENTS: _("Supplemented by"),
        Kind.REPLACES: _("Replaced by"),
        Kind.REPEALS: _("Repealed by"),
    }
    ACTIVE = {
        Kind.AMENDS: _("Amends"),
        Kind.SUPPLEMENTS: _("Supplements"),
        Kind.REPLACES: _("Replaces"),
        Kind.REPEALS: _("Repeals"),
    }

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("document")
    )
    kind = models.CharField(_("relation"), max_length=16, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="incoming",
        verbose_name=_("the document it acts on"),
    )

    cache_list_fields = ("source", "kind", "target")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self):
        super().clean()
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("A document cannot act on itself.")})
        if self.source_id and self.target_id and self.source.portal_id != self.target.portal_id:
            raise ValidationError({"target": _("Choose one of this portal's own.")})

    @property
    def passive_label(self):
        return self.PASSIVE[self.kind]

    @property
    def active_label(self):
        return self.ACTIVE[self.kind]

    def cache_tags(self):
        return {f"documents.document:{self.source_id}", f"documents.document:{self.target_id}"}


def attachment_upload_to(instance, filename):
    """Stored names are ours: documents/<yyyy>/<mm>/<random>.<ext of the checked kind>."""
    from uuid import uuid4

    ext = instance.kind if instance.kind in KINDS else "bin"
    return f"documents/{timezone.now():%Y/%m}/{uuid4().hex}.{ext}"


class Attachment(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("document")
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    title = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("What readers see; the original file name when left empty."),
    )
    kind = models.CharField(_("file type"), max_length=8, editable=False, default="")
    size = models.PositiveBigIntegerField(_("size"), editable=False, default=0)
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False
    )
    text = models.TextField(_("text for the search"), blank=True, editable=False)
    has_text = models.BooleanField(_("has text"), default=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    cache_list_fields = ("document", "order")
    cache_quiet_fields = ("created_at",)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.title or self.original_name or f"#{self.pk}"

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Whatever the door (form, import, shell), only a checked file is stored.
            checked = self.__dict__.pop("checked", None)  # a form checked it already
            self.apply_check(checked or check_file(self.file.file, self.file.name))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"pk": self.pk, "name": self.download_name})

    def apply_check(self, checked):
        self.original_name = self.original_name or (self.file.name or "").rsplit("/", 1)[-1]
        self.kind, self.size = checked.kind, checked.size
        self.text, self.has_text = checked.text, checked.has_text

    @property
    def label(self):
        return KINDS.get(self.kind, ("", "", self.kind.upper()))[2]

    @property
    def content_type(self):
        return KINDS.get(self.kind, ("", "application/octet-stream", ""))[1]

    @property
    def download_name(self):
        """The name a reader's browser saves it under: from the document's number, ours."""
        number = self.document.number.replace("/", " ") if self.document_id else ""
        base = slugify(number) or "van-ban"
        return f"{base}-{self.pk}.{self.kind or 'bin'}"

    def cache_tags(self):
        return {f"documents.attachment:{self.pk}", f"documents.document:{self.document_id}"}

    def is_public(self):
        document = Document._base_manager.filter(pk=self.document_id).first()
        return document is not None and document.is_public()


# Public disclosure ------------------------------------------------------------------------


class Project(models.Model):
    """A public investment or procurement project ("dự án đầu tư công", "mua sắm công")."""

    class Kind(models.TextChoices):
        INVESTMENT = "dau-tu", _("Public investment")
        PROCUREMENT = "mua-sam", _("Public procurement")

    class State(models.TextChoices):
        PREPARING = "chuan-bi", _("In preparation")
        ONGOING = "dang-thuc-hien", _("Under way")
        DONE = "hoan-thanh", _("Completed")
        STOPPED = "tam-dung", _("Suspended")

    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="projects",
        verbose_name=_("portal"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INVESTMENT)
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    goal = models.TextField(_("goal"), blank=True)
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("field"),
    )
    funding = models.CharField(_("source of funds"), max_length=200, blank=True)
    total_budget = models.DecimalField(
        _("total budget (VND)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=16, choices=State.choices, default=State.PREPARING
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="projects", verbose_name=_("documents")
    )
    shown = models.BooleanField(_("shown to readers"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    cache_quiet_fields = ("updated_at",)

    class Meta:
        ordering = ["order", "-start_year", "name"]
        verbose_name = _("public investment or procurement project")
        verbose_name_plural = _("public investment and procurement projects")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Project, self.name_vi or self.name, self.pk, max_length=200)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:project", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot come before the start.")})

    @property
    def duration(self):
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")


class DisclosureItem(models.Model):
    """One line of the list of information that must be disclosed (Luật Tiếp cận thông tin
    Điều 17, 19; Nghị định 13/2018 Điều 11): where, in what form, when and for how long, and
    a link to where it is on the portal."""

    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="disclosure_items",
        verbose_name=_("portal"),
    )
    name = models.CharField(_("information"), max_length=300)
    place = models.CharField(_("where"), max_length=200, blank=True)
    form = models.CharField(_("in what form"), max_length=200, blank=True)
    timing = models.CharField(_("when"), max_length=200, blank=True)
    duration = models.CharField(_("for how long"), max_length=200, blank=True)
    link = models.CharField(
        _("address on the portal"),
        max_length=300,
        blank=True,
        help_text=_('A path on this portal, starting with "/" (e.g. /van-ban/?loai=ke-hoach).'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("disclosure list item")
        verbose_name_plural = _("disclosure list")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.link and (not self.link.startswith("/") or self.link.startswith("//")):
            raise ValidationError(
                {"link": _('Give a path on this portal, starting with a single "/".')}
            )
