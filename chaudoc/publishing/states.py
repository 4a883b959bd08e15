"""The one publication rule shared by everything readers see (articles now, albums later).

A publishable row moves between states only through chaudoc.publishing.workflow; its status and the
bookkeeping fields below are therefore not editable in any form.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chaudoc.pagecache.tags import depends_on_list
from chaudoc.portals import current as portals


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the workflow (chaudoc.publishing.workflow) does to a row; StateChange records it.
class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    APPROVE = "approve", _("Publish now")
    SCHEDULE = "schedule", _("Schedule publication")
    REJECT = "reject", _("Reject")
    WITHDRAW = "withdraw", _("Withdraw")
    TRASH = "trash", _("Move to trash")
    RESTORE = "restore", _("Restore from trash")
    PURGE = "purge", _("Delete for good")
    REDRAFT = "redraft", _("Edited after rejection")
    REVERT = "revert", _("Revert to an earlier version")


def translated(field, language):
    """Rows whose `field` (a translated field) is filled in `language`: what lists show in a
    language other than the default. The listing indexes of that language are partial on this
    very condition: PostgreSQL uses a partial index when the query states its condition."""
    name = f"{field}_{language}"
    return ~(Q(**{f"{name}__isnull": True}) | Q(**{name: ""}))


def listing_indexes(prefix, keys, condition=None, title_field="title"):
    """Indexes for the public lists of a Publishable model whose lists use for_language().

    `keys` maps a short name to the columns a list filters on ({"pub": [], "cat":
    ["category"]}). Each index is (columns..., status, -published_at, -id) with expires_at
    included, leaving out the trash (and the rows not meeting `condition`, if given): a page
    of a list reads only the rows it shows, and published() and the page count stay
    index-only. The default language lists every row;
    each other language lists only the rows translated into it, so it has its own partial
    indexes (without them an English list walks the untranslated archive to find its rows).
    """
    languages = [None] + [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    return [
        models.Index(
            fields=[*columns, "status", "-published_at", "-id"],
            include=["expires_at"],
            condition=Q(deleted_at__isnull=True)
            & (condition or Q())
            & (translated(title_field, language) if language else Q()),
            name=f"{prefix}_{key}_{language}_idx" if language else f"{prefix}_{key}_idx",
        )
        for language in languages
        for key, columns in keys.items()
    ]


class PublishedQuerySet(models.QuerySet):
    def published(self, at=None):
        """Rows a reader may see: published, their time has come and not gone, not in the trash."""
        now = at or timezone.now()
        depends_on_list(self.model)  # a cached page listing these changes when one joins or leaves
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Status.PUBLISHED,
            published_at__lte=now,
            deleted_at__isnull=True,
        )

    def for_portal(self, portal=None):
        """Rows of `portal` (the request's by default): what its readers see. Every public
        list and page calls it, as it calls published()."""
        return self.filter(portal=(portal or portals.current()).pk)

    def for_language(self, language=None):
        """Rows listed to readers of `language` (the active one by default): in a language
        other than Vietnamese, only those with a title in that language. An untranslated row
        stays reachable at its own address, shown in Vietnamese with a notice."""
        language = language or get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            return self
        return self.filter(translated(self.model.listing_title_field, language))

    def withdrawn(self):
        """Rows taken down by a moderator: their public address answers 410 with the reason."""
        return self.filter(status=Status.WITHDRAWN, deleted_at__isnull=True)

    def pending(self):
        """The review queue: waiting longest first."""
        return self.filter(status=Status.PENDING, deleted_at__isnull=True).order_by(
            "status_changed_at", "pk"
        )


class Publishable(models.Model):
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("Readers see the item from this time on."),
    )
    expires_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_("Optional: readers no longer see the item from this time on."),
    )
    status_reason = models.TextField(_("reason"), blank=True, editable=False)
    status_changed_at = models.DateTimeField(
        _("status since"), default=timezone.now, editable=False
    )
    deleted_at = models.DateTimeField(_("moved to trash"), null=True, blank=True, editable=False)
    state_changes = GenericRelation("chaudoc.StateChange")

    objects = PublishedQuerySet.as_manager()

    # The translated field whose presence in a language puts a row in that language's lists.
    listing_title_field = "title"
    # Fields the workflow and history treat specially, declared by each model (the generic
    # code names no model's fields): not editable, yet restored by a revert with what the
    # author wrote (e.g. an image's stored size), and left out of the history's diff.
    revert_also = ()
    history_quiet = ()
    # For the page cache (chaudoc.pagecache.tags): readers see a row while is_public(); these
    # fields decide which lists show it, so a change of one touches its lists, not only its pages.
    cache_list_fields = ("status", "published_at", "expires_at", "deleted_at")
    cache_lists_by_query = True  # published() records the list tag

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError(
                {"expires_at": _("The expiry time must come after the publication time.")}
            )

    @property
    def in_trash(self):
        return self.deleted_at is not None

    def is_public(self, at=None):
        now = at or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and not self.in_trash
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    def is_translated(self, language=None):
        """Whether the row has its own text in `language` (the active one by default)."""
        language = language or get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            return True
        return bool(getattr(self, f"{self.listing_title_field}_{language}", None))

    def is_scheduled(self, at=None):
        return self.status == Status.PUBLISHED and self.published_at > (at or timezone.now())

    def is_expired(self, at=None):
        return self.status == Status.PUBLISHED and bool(
            self.expires_at and self.expires_at <= (at or timezone.now())
        )
