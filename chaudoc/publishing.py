"""The one publication rule shared by everything readers see (articles now, albums later)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishedQuerySet(models.QuerySet):
    def published(self, at=None):
        """Rows a reader may see: published, and their publication time has come."""
        now = at or timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now)


class Publishable(models.Model):
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("Readers see the item from this time on."),
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_public(self, at=None):
        return self.status == Status.PUBLISHED and self.published_at <= (at or timezone.now())
