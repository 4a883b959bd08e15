from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("ward or commune")
        verbose_name_plural = _("wards and communes")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Ward, f"{self.kind} {self.name}", self.pk, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:ward", kwargs={"slug": self.slug})


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
