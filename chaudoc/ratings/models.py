"""Anonymous ratings ("Thông tin này có hữu ích không?", Nghị định 224/2026 Điều 10 k3 b).

A row holds what was said about which page, and the day: no address, cookie, session, account,
time of day or hash. Repeats are limited outside the database (chaudoc.ratings.limits)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.portals.current import default_portal_id


class Reason(models.TextChoices):
    CLEAR = "clear", _("Clear and easy to understand")
    COMPLETE = "complete", _("Has what I needed")
    UNCLEAR = "unclear", _("Hard to understand")
    INCOMPLETE = "incomplete", _("Missing information")
    OUTDATED = "outdated", _("Out of date")
    OTHER = "other", _("Another reason")


class Rating(models.Model):
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.CASCADE,
        default=default_portal_id,
        related_name="+",
        verbose_name=_("portal"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("section")
    )
    object_id = models.PositiveBigIntegerField(_("page"))
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices, blank=True)
    day = models.DateField(_("day"), default=timezone.localdate)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="rating_page_idx"),
            models.Index(fields=["portal", "day"], name="rating_day_idx"),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.day:%d/%m/%Y}"
