from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def audio_upload_to(instance, filename):
    # A new name for every new text: the file can be cached for good, and an old one is
    # never served in place of the new.
    return f"audio/{instance.article_id}/{instance.language}-{instance.text_hash[:16]}.mp3"


class AudioTrack(models.Model):
    """An article read aloud in one language ("Nghe đọc bài"), made by a background job."""

    article = models.ForeignKey(
        "news.Article",
        on_delete=models.CASCADE,
        related_name="audio_tracks",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # SHA-256 of what was read (after the reading rules) and by which engine: the job makes
    # the audio again only when this changes.
    text_hash = models.CharField(_("text fingerprint"), max_length=64, editable=False)
    file = models.FileField(_("audio file"), upload_to=audio_upload_to, max_length=255)
    engine = models.CharField(_("engine"), max_length=32)
    duration = models.FloatField(_("length (seconds)"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    made_at = models.DateTimeField(_("made"), auto_now=True)

    # The player is part of its article's page (chaudoc.pagecache.tags); it is in no list.
    cache_list_tags = ()

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("read-aloud audio")
        verbose_name_plural = _("read-aloud audio")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="audio_one_per_language")
        ]

    def __str__(self):
        return f"{self.article} ({self.language})"

    def cache_tags(self):
        return {f"news.article:{self.article_id}"}

    @property
    def kilobytes_per_minute(self):
        if not self.duration:
            return None
        return self.size / 1024 / (self.duration / 60)
