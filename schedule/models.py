"""The leaders' work schedule ("Lịch công tác"): one entry per meeting or visit.

Entries follow the one publication rule and workflow (chaudoc.publishing): ward editors
prepare them, moderators publish. An entry whose content changes after readers could see it
is marked "điều chỉnh" (adjusted) with the time of the change, on every door that saves it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.portals.current import default_portal_id
from chaudoc.portals.models import check_same_portal
from chaudoc.publishing.states import Publishable, PublishedQuerySet, Status

# What readers read of an entry: a change of one of these after publication is an adjustment.
CONTENT_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "content_vi",
    "content_en",
    "chair_id",
    "chair_text_vi",
    "chair_text_en",
    "participants_vi",
    "participants_en",
    "place_vi",
    "place_en",
    "preparing_office_id",
)


class EntryQuerySet(PublishedQuerySet):
    def between(self, first, last):
        """Entries from day `first` to day `last` (both included), in the day's order."""
        return (
            self.filter(date__gte=first, date__lte=last)
            .select_related("chair", "preparing_office")
            .order_by("date", "start_time", "id")
        )


class Entry(Publishable):
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    content = models.TextField(_("content"))
    chair = models.ForeignKey(
        "about.Leader",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_entries",
        verbose_name=_("chaired by"),
    )
    chair_text = models.CharField(
        _("chaired by (other)"),
        max_length=255,
        blank=True,
        help_text=_("When the chair is not among the leaders, e.g. a provincial leader."),
    )
    participants = models.TextField(_("participants"), blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    preparing_office = models.ForeignKey(
        "about.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_entries",
        verbose_name=_("preparing office"),
    )
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="schedule_entries",
        verbose_name=_("portal"),
    )
    ward = models.ForeignKey(
        "chaudoc.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schedule_entries",
        verbose_name=_("ward or commune"),
        help_text=_("The ward whose staff prepare the entry; empty for the unit's staff."),
    )
    adjusted_at = models.DateTimeField(
        _("adjusted"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When its content last changed after publication."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_entries",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EntryQuerySet.as_manager()
    listing_title_field = "content"
    cache_list_fields = (*Publishable.cache_list_fields, "date", "start_time")
    cache_quiet_fields = ("updated_at", "status_changed_at")
    history_quiet = ("adjusted_at",)

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("schedule entry")
        verbose_name_plural = _("work schedule")
        indexes = [
            models.Index(
                fields=["portal", "date", "start_time", "id"],
                condition=models.Q(deleted_at__isnull=True),
                name="schedule_entry_week_idx",
            ),
        ]
        permissions = [
            ("publish_entry", _("Can review, publish, reject, withdraw and restore entries")),
            ("purge_entry", _("Can delete entries from the trash for good")),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M} {self.content[:60]}"

    def save(self, *args, **kwargs):
        if self.pk is not None and self._changed_while_public():
            self.adjusted_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "adjusted_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        year, week, _day = self.date.isocalendar()
        return reverse("schedule:week", kwargs={"year": year, "week": week}) + f"#lich-{self.pk}"

    def clean(self):
        super().clean()
        check_same_portal(self, "ward", "chair", "preparing_office")
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            from django.core.exceptions import ValidationError

            raise ValidationError({"end_time": _("The end time must come after the start time.")})

    def _changed_while_public(self):
        before = type(self)._base_manager.filter(pk=self.pk).first()
        if before is None or not before.is_public():
            return False
        return any(getattr(before, name) != getattr(self, name) for name in CONTENT_FIELDS)

    @property
    def chaired_by(self):
        return self.chair.name if self.chair_id else self.chair_text

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED
