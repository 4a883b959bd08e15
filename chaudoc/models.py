from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.publishing import Action, Status
from chaudoc.search.indexes import PostgresGinIndex
from chaudoc.text import unique_slug


class Ward(models.Model):
    """A ward (phường) or commune (xã) of the city. Data that administrators edit, never code."""

    class Kind(models.TextChoices):
        WARD = "phuong", _("Ward")
        COMMUNE = "xa", _("Commune")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WARD)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Former units stay for their old articles.")
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="WardMembership",
        related_name="wards",
        blank=True,
        verbose_name=_("ward editors"),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("ward or commune")
        verbose_name_plural = _("wards and communes")
        permissions = [("access_all_wards", _("Can work on the content of every ward"))]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Ward, f"{self.kind} {self.name}", self.pk, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:ward", kwargs={"slug": self.slug})


class WardMembership(models.Model):
    """A staff member works on this ward's content (chaudoc.scope limits them to it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("staff member")
    )
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, verbose_name=_("ward or commune"))

    class Meta:
        verbose_name = _("ward membership")
        verbose_name_plural = _("ward memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "ward"], name="unique_ward_membership")
        ]

    def __str__(self):
        return f"{self.user} – {self.ward}"


class StateChange(models.Model):
    """One step of a publishable row through the workflow: who, when, from what to what, why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=16)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        indexes = [models.Index(fields=["content_type", "object_id"], name="statechange_obj_idx")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.from_status} → {self.to_status}"

    def get_action_display(self):
        try:
            return Action(self.action).label
        except ValueError:
            return self.action


class SearchWord(models.Model):
    """A folded word that readers can find, for "Did you mean" (pg_trgm on PostgreSQL).

    Filled from published content only (see chaudoc.search.engine.add_words, rebuild_lexicon),
    and a suggestion is offered only when it finds something, so nothing unpublished leaks.
    """

    word = models.CharField(_("word"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            PostgresGinIndex(fields=["word"], name="searchword_trgm", opclasses=["gin_trgm_ops"])
        ]

    def __str__(self):
        return self.word
