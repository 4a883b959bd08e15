"""The units whose staff write the content: wards and communes, and who works on which."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.portals.current import default_portal_id
from chaudoc.text import unique_slug


class Ward(models.Model):
    """An area of a portal: a ward (phường) or commune (xã), today's or a former unit kept for
    its articles. Data that administrators edit, never code. A former unit names the portals
    that succeeded it: its page then sends readers there."""

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
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.PROTECT,
        default=default_portal_id,
        related_name="wards",
        verbose_name=_("portal"),
    )
    dissolved_on = models.DateField(
        _("dissolved on"),
        null=True,
        blank=True,
        help_text=_("A former unit: its page sends readers to its successors."),
    )
    successors = models.ManyToManyField(
        "chaudoc.Portal",
        blank=True,
        related_name="former_wards",
        verbose_name=_("successors"),
        help_text=_("The portals of the units that took over this unit's territory."),
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
        if self._state.adding and not self.order:
            # A new ward without an order joins the end of its portal's lists, not the front.
            highest = Ward.objects.filter(portal_id=self.portal_id).aggregate(models.Max("order"))
            self.order = (highest["order__max"] or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:ward", kwargs={"slug": self.slug})


class WardMembership(models.Model):
    """A staff member works on this ward's content (chaudoc.wards.scope limits them to it)."""

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
