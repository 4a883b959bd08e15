"""Residents speak: questions answered on time ("Hỏi đáp") and comments on drafts ("Lấy ý kiến
dự thảo"), with their personal data protected (Nghị định 13/2023/NĐ-CP).

A resident's contact details (name, e-mail, phone) are kept only to answer them: they are never
shown on a public page, only to the staff assigned and administrators (each view logged in
ContactView), anonymised after the retention period or on request (participation/privacy.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.pagecache.tags import depends_on_list
from chaudoc.portals.current import default_portal_id
from chaudoc.publishing.states import PublishedQuerySet
from chaudoc.search.engine import Searchable, search_indexes, stored_search_fields
from chaudoc.text import sanitize_html, unique_slug


class VietnameseOnlyQuerySet(PublishedQuerySet):
    """Residents write in Vietnamese: English readers see the same rows, in Vietnamese.
    for_portal() is the publishing rule's own; public() is each model's published()."""

    def for_language(self, language=None):
        return self


class QuestionQuerySet(VietnameseOnlyQuerySet):
    def public(self):
        """Answered questions the resident allowed to publish, once a moderator published them."""
        depends_on_list(self.model)
        return self.filter(stage=Question.Stage.PUBLISHED)

    def overdue(self, today=None):
        return self.filter(
            stage__in=Question.OPEN_STAGES, deadline__lt=today or timezone.localdate()
        )


class ConsultationQuerySet(VietnameseOnlyQuerySet):
    def public(self):
        depends_on_list(self.model)
        return self.filter(is_published=True, opens_at__lte=timezone.now())


class Topic(models.Model):
    """A field ("lĩnh vực") questions are filed and listed under: data, never code."""

    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="+",
        verbose_name=_("portal"),
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
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
            self.slug = unique_slug(Topic, self.name, self.pk, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("participation:topic", args=[self.slug])

    def label(self, language):
        return self.name_en if language == "en" and self.name_en else self.name


class Office(models.Model):
    """An office or officer group that answers questions or drafts documents."""

    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="+",
        verbose_name=_("portal"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="offices", verbose_name=_("officers")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name


class CalendarDay(models.Model):
    """A day an administrator sets apart from the rule (weekends and Vietnam's public holidays
    are days off): an extra day off, or a make-up working day ("ngày làm bù")."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Ticked: a make-up working day. Not ticked: an extra day off."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return self.date.strftime("%d/%m/%Y")


class Contact(models.Model):
    """A resident's contact details, kept only to answer them."""

    name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), default=timezone.now, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, editable=False)

    CONTACT_FIELDS = ("name", "email", "phone")

    class Meta:
        abstract = True

    def anonymise(self, when=None):
        self.name, self.email, self.phone = "", "", ""
        self.anonymised_at = when or timezone.now()


class Question(Contact, Searchable):
    """A resident's question, its answer and where it stands."""

    class Stage(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        REVIEW = "review", _("Answer awaiting review")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Answered and published")
        DECLINED = "declined", _("Declined")

    OPEN_STAGES = (Stage.RECEIVED, Stage.ASSIGNED, Stage.REVIEW)
    CLOSED_STAGES = (Stage.ANSWERED, Stage.PUBLISHED, Stage.DECLINED)

    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="+",
        verbose_name=_("portal"),
    )
    code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.RECEIVED, editable=False
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="questions", verbose_name=_("field")
    )
    ward = models.ForeignKey(
        "chaudoc.Ward",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ward or commune"),
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    may_publish = models.BooleanField(_("may be published"), default=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    deadline = models.DateField(_("answer due by"), editable=False)
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("office"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_questions",
        verbose_name=_("officer"),
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True, editable=False)
    reminded_on = models.DateField(_("officer reminded on"), null=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    listing_title_field = "title"
    cache_list_fields = ("stage", "published_at", "topic")
    cache_quiet_fields = ("reminded_on", "anonymised_at", *stored_search_fields())
    cache_lists_by_query = True

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [
            ("assign_question", _("Can assign questions")),
            ("publish_question", _("Can review and publish answers")),
        ]
        indexes = [
            models.Index(fields=["portal", "stage", "-published_at", "-id"], name="qa_pub_idx"),
            models.Index(
                fields=["topic", "stage", "-published_at", "-id"], name="qa_topic_pub_idx"
            ),
            models.Index(fields=["stage", "deadline"], name="qa_open_idx"),
            *search_indexes("question"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.answer = sanitize_html(self.answer) if self.answer else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("participation:question", args=[self.code.lower()])

    def is_public(self, at=None):
        return self.stage == self.Stage.PUBLISHED

    @property
    def is_open(self):
        return self.stage in self.OPEN_STAGES

    def is_overdue(self, today=None):
        return self.is_open and self.deadline < (today or timezone.localdate())

    @property
    def public_stage(self):
        """What the resident is told: an answer under review is still being dealt with."""
        return self.Stage.ASSIGNED if self.stage == self.Stage.REVIEW else self.stage

    def public_stage_label(self):
        return self.Stage(self.public_stage).label

    def contact_line(self):
        return " · ".join(v for v in (self.name, self.email, self.phone) if v)


class QuestionEvent(models.Model):
    """Every stage a question went through, for its status page and the staff's record."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="events", verbose_name=_("question")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Question.Stage.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("question event")
        verbose_name_plural = _("question events")

    def __str__(self):
        return f"{self.question_id} {self.stage}"


class ContactView(models.Model):
    """Who saw a resident's contact details, and when (Nghị định 13/2023: access is logged)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_views",
        verbose_name=_("question"),
    )
    comment = models.ForeignKey(
        "Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_views",
        verbose_name=_("comment"),
    )
    what = models.CharField(_("what was seen"), max_length=100)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("view of contact details")
        verbose_name_plural = _("views of contact details")

    def __str__(self):
        return f"{self.user} {self.at:%d/%m/%Y %H:%M}"


FILE_TYPES = ("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods")


def _consultation_file_name(instance, filename):
    from uuid import uuid4

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "pdf"
    ext = ext if ext in FILE_TYPES else "pdf"
    return f"du-thao/{timezone.now():%Y/%m}/{uuid4().hex}.{ext}"


class Consultation(models.Model):
    """A draft opened for comments between two dates ("Lấy ý kiến dự thảo")."""

    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="+",
        verbose_name=_("portal"),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("full text"))
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("drafting office"),
    )
    opens_at = models.DateTimeField(_("open for comments from"))
    closes_at = models.DateTimeField(_("open for comments until"))
    is_published = models.BooleanField(_("shown to readers"), default=False)
    published_at = models.DateTimeField(_("published at"), default=timezone.now, editable=False)
    report_url = models.CharField(
        _("report on the comments"),
        max_length=300,
        blank=True,
        help_text=_("Link to the published report on how the comments were taken into account."),
    )
    # A document of the register (documents/) may be linked later: a nullable generic hook.
    document_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of linked document"),
    )
    document_id = models.PositiveBigIntegerField(_("linked document"), null=True, blank=True)
    document = GenericForeignKey("document_type", "document_id")

    objects = ConsultationQuerySet.as_manager()

    listing_title_field = "title"
    cache_list_fields = ("is_published", "opens_at", "closes_at")

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("draft for comments")
        verbose_name_plural = _("drafts for comments")
        permissions = [("export_comments", _("Can export the comments of a draft"))]
        indexes = [
            models.Index(
                fields=["portal", "is_published", "-opens_at", "-id"], name="consult_pub_idx"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Consultation, self.title, self.pk)
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("participation:consultation", args=[self.slug])

    def clean(self):
        from django.core.exceptions import ValidationError

        from chaudoc.pages.security import is_safe_link

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must come after the opening.")})
        if self.report_url and not is_safe_link(self.report_url):
            raise ValidationError(
                {"report_url": _("Enter a path on this site or a full http(s) address.")}
            )

    def is_public(self, at=None):
        return self.is_published

    def is_open(self, at=None):
        now = at or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at


class ConsultationFile(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="files", verbose_name=_("draft")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=_consultation_file_name,
        validators=[FileExtensionValidator(FILE_TYPES)],
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.title


class Comment(Contact):
    """A resident's comment on a draft; shown once a moderator approves it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Shown")
        REJECTED = "rejected", _("Not shown")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("draft")
    )
    body = models.TextField(_("comment"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    may_publish = models.BooleanField(_("may be shown"), default=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["consultation", "state", "created_at", "id"], name="cmt_idx")
        ]

    def __str__(self):
        return f"{self.consultation_id} #{self.pk}"

    cache_list_tags = ("participation.consultation:list",)

    def cache_tags(self):
        # A comment shows on its draft's page (and changes its count).
        return {f"participation.consultation:{self.consultation_id}"}

    def is_public(self, at=None):
        return self.state == self.State.APPROVED
