from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.pages.security import is_safe_link
from chaudoc.portals import current as portals
from chaudoc.text import unique_slug
from weather.wmo import WeatherCode, label

# What pages showing the weather block, the river level or an alert depend on in the page cache
# (chaudoc.pagecache.tags): one tag for the whole block, whichever row changed.
PAGE_CACHE_TAGS = ("weather:block",)

MANUAL_SOURCE = "manual"


class Location(models.Model):
    """A place the portal shows a forecast for (Châu Đốc by default; more in the admin)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Ho_Chi_Minh")
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("The location shown on the home page.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive locations are not fetched or shown.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["-is_default", "order", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_location"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Location, self.name, self.pk, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.is_default:
            return reverse("weather:index")
        return reverse("weather:location", kwargs={"slug": self.slug})

    def clean(self):
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError({"timezone": _("Unknown time zone.")}) from exc

    def today(self, now=None):
        """The calendar date at the location right now."""
        from zoneinfo import ZoneInfo

        return (now or timezone.now()).astimezone(ZoneInfo(self.timezone)).date()


def weather_code_label(row):
    """The label of `row.weather_code`, from the enum. Each model sets it as its own
    get_weather_code_display (Django keeps its generated one unless the class itself defines
    the name): Django's rebuilds a dict of every choice on each call (63 µs here, 2 µs this way,
    and the home page's weather block asks 15 times). A code outside the list reads "Unknown
    weather" rather than a bare number."""
    return str(label(row.weather_code))  # a str, as Django's own returns


class CurrentConditions(models.Model):
    """The latest 'now' of a location, replaced by each successful import."""

    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, related_name="current", verbose_name=_("location")
    )
    observed_at = models.DateTimeField(_("observation time"))
    weather_code = models.PositiveSmallIntegerField(_("weather"), choices=WeatherCode.choices)
    get_weather_code_display = weather_code_label
    temperature = models.DecimalField(_("temperature (°C)"), max_digits=4, decimal_places=1)
    apparent_temperature = models.DecimalField(
        _("feels like (°C)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    humidity = models.PositiveSmallIntegerField(_("humidity (%)"), null=True, blank=True)
    precipitation = models.DecimalField(
        _("precipitation (mm)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cloud_cover = models.PositiveSmallIntegerField(_("cloud cover (%)"), null=True, blank=True)
    wind_speed = models.DecimalField(
        _("wind speed (km/h)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    wind_direction = models.PositiveSmallIntegerField(
        _("wind direction (°)"), null=True, blank=True
    )
    is_day = models.BooleanField(_("daytime"), default=True)
    source = models.CharField(_("source"), max_length=40)
    fetched_at = models.DateTimeField(_("fetched at"))

    class Meta:
        verbose_name = _("current conditions")
        verbose_name_plural = _("current conditions")

    def __str__(self):
        return f"{self.location} {self.observed_at:%Y-%m-%d %H:%M}"


class ForecastDay(models.Model):
    """One day of forecast for a location, imported or entered by hand by a moderator."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="days", verbose_name=_("location")
    )
    date = models.DateField(_("date"))
    weather_code = models.PositiveSmallIntegerField(_("weather"), choices=WeatherCode.choices)
    get_weather_code_display = weather_code_label
    temperature_min = models.DecimalField(
        _("minimum temperature (°C)"), max_digits=4, decimal_places=1
    )
    temperature_max = models.DecimalField(
        _("maximum temperature (°C)"), max_digits=4, decimal_places=1
    )
    apparent_temperature_max = models.DecimalField(
        _("maximum feels-like temperature (°C)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    precipitation_sum = models.DecimalField(
        _("rain (mm)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    precipitation_probability = models.PositiveSmallIntegerField(
        _("chance of rain (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    wind_speed_max = models.DecimalField(
        _("maximum wind (km/h)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    wind_direction = models.PositiveSmallIntegerField(
        _("dominant wind direction (°)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(360)],
    )
    humidity_mean = models.PositiveSmallIntegerField(
        _("mean humidity (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    humidity_min = models.PositiveSmallIntegerField(
        _("minimum humidity (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    humidity_max = models.PositiveSmallIntegerField(
        _("maximum humidity (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    uv_index_max = models.DecimalField(
        _("maximum UV index"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    sunrise = models.TimeField(_("sunrise"), null=True, blank=True)
    sunset = models.TimeField(_("sunset"), null=True, blank=True)
    is_manual = models.BooleanField(
        _("entered by hand"),
        default=False,
        help_text=_("Imports leave days entered by hand alone unless asked to overwrite them."),
    )
    source = models.CharField(_("source"), max_length=40)
    fetched_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["location", "date"]
        verbose_name = _("forecast day")
        verbose_name_plural = _("forecast days")
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="one_forecast_per_day"),
            models.CheckConstraint(
                condition=Q(temperature_min__lte=F("temperature_max")),
                name="forecast_min_not_above_max",
            ),
        ]

    def __str__(self):
        return f"{self.location} {self.date:%d/%m/%Y}"

    def clean(self):
        if (
            self.temperature_min is not None
            and self.temperature_max is not None
            and self.temperature_min > self.temperature_max
        ):
            raise ValidationError(
                {"temperature_min": _("The minimum cannot be above the maximum.")}
            )

    def mark_manual(self, now=None):
        self.is_manual = True
        self.source = MANUAL_SOURCE
        self.fetched_at = now or timezone.now()


class FetchLog(models.Model):
    """One row per import attempt, successful or not, for the administrators."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        FAILURE = "failure", _("Failure")

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="fetch_logs", verbose_name=_("location")
    )
    provider = models.CharField(_("provider"), max_length=40)
    started_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    message = models.TextField(_("message"), blank=True)
    days_written = models.PositiveSmallIntegerField(_("days written"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("fetch log entry")
        verbose_name_plural = _("fetch log")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.location} {self.outcome}"


class Stage(models.IntegerChoices):
    """Flood alarm stages of a river station (báo động 1-3)."""

    NORMAL = 0, _("Below alarm level 1")
    BD1 = 1, _("Alarm level 1 (BĐ1)")
    BD2 = 2, _("Alarm level 2 (BĐ2)")
    BD3 = 3, _("Alarm level 3 (BĐ3)")


level_field_kwargs = {"max_digits": 5, "decimal_places": 2}


class Station(models.Model):
    """A river gauge with its flood alarm levels (data, because the authorities revise them)."""

    name = models.CharField(_("name"), max_length=100)
    river = models.CharField(_("river"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    alarm_1 = models.DecimalField(_("alarm level 1 (BĐ1, m)"), **level_field_kwargs)
    alarm_2 = models.DecimalField(_("alarm level 2 (BĐ2, m)"), **level_field_kwargs)
    alarm_3 = models.DecimalField(_("alarm level 3 (BĐ3, m)"), **level_field_kwargs)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("The station shown on the home page.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("river station")
        verbose_name_plural = _("river stations")
        constraints = [
            models.UniqueConstraint(fields=["name", "river"], name="unique_station_on_river"),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_station"
            ),
            models.CheckConstraint(
                condition=Q(alarm_1__lt=F("alarm_2"), alarm_2__lt=F("alarm_3")),
                name="alarm_levels_increase",
            ),
        ]

    def __str__(self):
        return _("%(name)s station (%(river)s)") % {"name": self.name, "river": self.river}

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Station, f"{self.name} {self.river}", self.pk, max_length=120)
        super().save(*args, **kwargs)

    def clean(self):
        levels = [self.alarm_1, self.alarm_2, self.alarm_3]
        if None not in levels and not levels[0] < levels[1] < levels[2]:
            raise ValidationError(_("Alarm levels must rise: BĐ1 < BĐ2 < BĐ3."))

    def stage_for(self, level):
        level = Decimal(level)
        for stage, threshold in (
            (Stage.BD3, self.alarm_3),
            (Stage.BD2, self.alarm_2),
            (Stage.BD1, self.alarm_1),
        ):
            if level >= threshold:
                return stage
        return Stage.NORMAL

    def threshold_for(self, stage):
        return {Stage.BD1: self.alarm_1, Stage.BD2: self.alarm_2, Stage.BD3: self.alarm_3}.get(
            stage
        )


class RiverReading(models.Model):
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="readings", verbose_name=_("station")
    )
    measured_at = models.DateTimeField(_("time"))
    level = models.DecimalField(
        _("water level (m)"),
        validators=[MinValueValidator(-5), MaxValueValidator(15)],
        **level_field_kwargs,
    )
    source = models.CharField(
        _("source"),
        max_length=120,
        blank=True,
        help_text=_("Where the figure comes from, e.g. the provincial hydrology bulletin."),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        ordering = ["station", "-measured_at"]
        get_latest_by = "measured_at"
        verbose_name = _("river level reading")
        verbose_name_plural = _("river level readings")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "measured_at"], name="one_reading_per_station_time"
            ),
        ]
        indexes = [models.Index(fields=["station", "-measured_at"])]

    def __str__(self):
        return f"{self.station.name} {self.measured_at:%Y-%m-%d %H:%M} {self.level} m"


class Severity(models.IntegerChoices):
    INFO = 1, _("Information")
    WARNING = 2, _("Warning")
    DANGER = 3, _("Danger")
    EMERGENCY = 4, _("Emergency")


# A river stage raises a banner of this severity.
STAGE_SEVERITY = {
    Stage.BD1: Severity.WARNING,
    Stage.BD2: Severity.DANGER,
    Stage.BD3: Severity.EMERGENCY,
}


def validate_link(value):
    """An http(s) address or a path on this site; nothing a browser would run or read as another
    site (chaudoc.pages.security.is_safe_link)."""
    if not is_safe_link(value):
        raise ValidationError(
            _("Enter a full https:// address or a path on this site such as /thoi-tiet/."),
            code="invalid",
        )


class AlertQuerySet(models.QuerySet):
    def active(self, at=None):
        now = at or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def for_portal(self, portal=None):
        """Alerts shown on `portal` (the request's): its own, its province's, and those of
        no portal (every portal of the install)."""
        ids = portals.family_ids(portal or portals.current())
        return self.filter(Q(portal__isnull=True) | Q(portal__in=ids))


class Alert(models.Model):
    """A banner raised by hand ("Thông báo khẩn"), shown on every page inside its window."""

    text = models.CharField(_("text"), max_length=300)
    portal = models.ForeignKey(
        "chaudoc.Portal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        verbose_name=_("portal"),
        help_text=_(
            "Empty: every portal. A province's alert shows on the portals of its wards too."
        ),
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.WARNING
    )
    link = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_(
            "Optional page with the details: a full https:// address or a path on this "
            "site such as /thoi-tiet/."
        ),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-severity", "-starts_at"]
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="alert_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
