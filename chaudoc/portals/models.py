"""Portals: the sites of the units one install serves (a province and its wards and communes),
their host names, and who works on which. Data that administrators edit, never code."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chaudoc.media.images import validate_image_file
from chaudoc.text import unique_slug


class Portal(models.Model):
    """The site of one unit (phường, xã or the province). A dissolved unit keeps its portal
    (and the content it published, at the same addresses) with its successors named."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Province")
        CITY = "thanhpho", _("City")
        WARD = "phuong", _("Ward")
        COMMUNE = "xa", _("Commune")

    name = models.CharField(
        _("portal name"),
        max_length=200,
        help_text=_("As in the header, e.g. “Trang thông tin điện tử phường Châu Đốc”."),
    )
    short_name = models.CharField(
        _("short name"), max_length=100, help_text=_("E.g. “Phường Châu Đốc”.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WARD)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    governing_body = models.CharField(
        _("governing body"), max_length=200, help_text=_("E.g. “UBND phường Châu Đốc”.")
    )
    banner = models.CharField(
        _("banner line"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Chào mừng đến với Trang thông tin điện tử phường Châu Đốc”."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    person_responsible = models.CharField(
        _("person responsible"),
        max_length=200,
        blank=True,
        help_text=_(
            "“Chịu trách nhiệm chính” in the footer, e.g. “Ông Nguyễn Văn A - Chủ tịch UBND”."
        ),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="portals/",
        blank=True,
        validators=[validate_image_file],
        help_text=_(
            "The unit's emblem or logo in the banner (square, PNG or JPEG). Empty: the "
            "portal's illustrative emblem."
        ),
    )
    banner_image = models.ImageField(
        _("banner picture"),
        upload_to="portals/",
        blank=True,
        validators=[validate_image_file],
        help_text=_(
            "A wide picture behind the banner (about 1600 × 240 pixels, a landscape of the "
            "unit); the unit's name is written over it. Empty: the plain banner."
        ),
    )
    licence = models.CharField(
        _("licence line"),
        max_length=255,
        blank=True,
        help_text=_(
            "The footer's licence line, e.g. “Giấy phép số 15/GP-TTĐT ngày 10/3/2025 của Sở "
            "Khoa học và Công nghệ tỉnh An Giang”."
        ),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("provincial portal"),
        help_text=_("The province whose portal this site is a component of."),
    )
    is_default = models.BooleanField(
        _("default"),
        default=False,
        help_text=_(
            "Receives the rows of a single-portal install and answers unknown host names "
            "while it is the only portal."
        ),
    )
    dissolved_on = models.DateField(
        _("dissolved on"),
        null=True,
        blank=True,
        help_text=_("The date the unit ceased to exist; its content stays at its addresses."),
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successors"),
        help_text=_("The units that took over this unit's territory (several for a split)."),
    )
    archive_moved_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("archive moved to"),
    )

    class Meta:
        ordering = ["kind", "short_name"]
        verbose_name = _("portal")
        verbose_name_plural = _("portals")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_portal"
            ),
        ]
        permissions = [
            ("access_all_portals", _("Can work on the content of every portal")),
            ("move_archive", _("Can move a former unit's archive into a successor portal")),
        ]

    def __str__(self):
        return self.short_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Portal, self.short_name, self.pk, max_length=120)
        super().save(*args, **kwargs)

    # The names templates and feeds read (settings.PORTAL's keys before portals existed).
    @property
    def owner(self):
        return self.governing_body

    @property
    def publisher(self):
        """The publisher's proper name in structured data and feeds, in every language."""
        return getattr(self, "governing_body_vi", None) or self.governing_body

    @property
    def banner_lines(self):
        """The unit's name in the banner's two lines, as on government portals:
        ("Ủy ban nhân dân", "phường Châu Đốc") from "UBND phường Châu Đốc" (the template
        writes them in capitals); a governing body of another shape stays on the first line,
        the short name on the second."""
        body = " ".join(str(self.governing_body or "").split())
        for prefix in ("UBND ", "Ủy ban nhân dân ", "People's Committee of "):
            if body.lower().startswith(prefix.lower()) and len(body) > len(prefix):
                return _("People's Committee"), body[len(prefix) :]
        return body, self.short_name

    @property
    def is_dissolved(self):
        return self.dissolved_on is not None


HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def validate_host(value):
    """A host name (labels of letters, digits and hyphens) or an IP address, nothing else: no
    scheme, port, path or space."""
    host = stored_host(value)
    if HOST_NAME.match(host):
        return
    try:
        validate_ipv46_address(host.strip("[]"))
    except ValidationError:
        raise ValidationError(
            _("Enter a host name such as chaudoc.angiang.gov.vn, without scheme or port."),
            code="invalid",
        ) from None


class PortalHost(models.Model):
    """A host name readers reach a portal by (several per portal; each names one portal)."""

    portal = models.ForeignKey(
        Portal, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("portal")
    )
    host = models.CharField(
        _("host name"),
        max_length=253,
        unique=True,
        validators=[validate_host],
        help_text=_("Without scheme or port, e.g. chaudoc.angiang.gov.vn."),
    )
    is_canonical = models.BooleanField(
        _("canonical"),
        default=False,
        help_text=_("The name in the portal's links (canonical, sitemaps, feeds)."),
    )

    class Meta:
        ordering = ["-is_canonical", "host"]
        verbose_name = _("host name")
        verbose_name_plural = _("host names")
        constraints = [
            models.UniqueConstraint(
                fields=["portal"], condition=Q(is_canonical=True), name="one_canonical_host"
            ),
        ]

    def __str__(self):
        return self.host

    def save(self, *args, **kwargs):
        self.host = stored_host(self.host)
        super().save(*args, **kwargs)

    def clean(self):
        # Before the uniqueness check: "ChauDoc.AnGiang.gov.vn" is the name already there.
        self.host = stored_host(self.host)


def stored_host(host):
    """A host name as stored: lower case, no surrounding space, no final dot."""
    return (host or "").strip().lower().rstrip(".")


def normalise_host(host):
    """'ChauDoc.AnGiang.gov.vn:443' -> 'chaudoc.angiang.gov.vn' (the port never tells portals
    apart; IPv6 literals keep their brackets)."""
    host = (host or "").strip().lower().rstrip(".")
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class PortalMembership(models.Model):
    """A staff member works on this portal's content (chaudoc.wards.scope limits them to it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_memberships",
        verbose_name=_("staff member"),
    )
    portal = models.ForeignKey(
        Portal, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("portal")
    )

    class Meta:
        verbose_name = _("portal membership")
        verbose_name_plural = _("portal memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "portal"], name="unique_portal_membership")
        ]

    def __str__(self):
        return f"{self.user} – {self.portal}"


def check_same_portal(obj, *names):
    """A row's category, ward, album... belong to the row's own portal (a crafted form cannot
    file portal A's article under portal B's category)."""
    errors = {}
    for name in names:
        related = getattr(obj, name, None)
        if related is not None and related.portal_id != obj.portal_id:
            errors[name] = _("Choose one of this portal's own.")
    if errors:
        raise ValidationError(errors)
