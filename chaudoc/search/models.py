"""The words readers can find, for "Did you mean"."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from chaudoc.search.indexes import PostgresGinIndex


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
