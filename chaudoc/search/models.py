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


class SearchQueryCount(models.Model):
    """How often one query was searched on one day, and how often it found nothing.

    Nothing about who searched is stored: no address, cookie, session or account, only the
    query's words (chaudoc.search.querylog.normalised) and two counts."""

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    empty = models.PositiveIntegerField(_("searches that found nothing"), default=0)

    class Meta:
        verbose_name = _("search query count")
        verbose_name_plural = _("what residents search for")
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="searchquerycount_day_query")
        ]

    def __str__(self):
        return self.query
