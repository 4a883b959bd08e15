"""Abbreviations and common forms of Vietnamese public text, in one table that search and
read-aloud share ("UBND" is "Ủy ban nhân dân" to a search and to a listener alike)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from chaudoc.text import fold_accents


class Abbreviation(models.Model):
    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", _("abbreviation")
        SYNONYM = "synonym", _("synonym")

    short_form = models.CharField(
        _("short form"),
        max_length=40,
        help_text=_("As it is written in documents, for example “UBND” or “Tp.”."),
    )
    full_form = models.CharField(
        _("full form"),
        max_length=120,
        help_text=_("What it stands for, with tone marks, for example “Ủy ban nhân dân”."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ABBREVIATION)
    spoken_form = models.CharField(
        _("read aloud as"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to read the full form."),
    )
    use_in_search = models.BooleanField(_("use in search"), default=True)
    use_in_reading = models.BooleanField(_("use when reading aloud"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations and common forms")
        ordering = ["short_form", "full_form"]
        constraints = [
            models.UniqueConstraint(
                fields=["short_form", "full_form"], name="abbreviation_unique_pair"
            )
        ]

    def __str__(self):
        return f"{self.short_form} → {self.full_form}"

    @property
    def spoken(self):
        return self.spoken_form or self.full_form

    def clean(self):
        self.short_form = " ".join(self.short_form.split())
        self.full_form = " ".join(self.full_form.split())
        self.spoken_form = " ".join(self.spoken_form.split())
        if (
            self.short_form
            and fold_accents(self.short_form).lower() == fold_accents(self.full_form).lower()
        ):
            raise ValidationError(
                {"full_form": _("The full form must differ from the short form.")}
            )
