from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from chaudoc.pagecache.tags import invalidate
from chaudoc.wards.scope import PortalScopedAdminMixin
from weather.models import (
    PAGE_CACHE_TAGS,
    Alert,
    CurrentConditions,
    FetchLog,
    ForecastDay,
    Location,
    RiverReading,
    Station,
)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "latitude", "longitude", "timezone", "is_default", "is_active", "order"]
    list_editable = ["is_active", "order"]
    search_fields = ["name"]


@admin.register(ForecastDay)
class ForecastDayAdmin(admin.ModelAdmin):
    """Moderators may enter or correct days by hand; such days are kept by later imports."""

    list_display = [
        "date",
        "location",
        "weather_code",
        "temperature_min",
        "temperature_max",
        "precipitation_probability",
        "is_manual",
        "source",
        "fetched_at",
    ]
    list_filter = ["location", "is_manual", "source"]
    date_hierarchy = "date"
    readonly_fields = ["is_manual", "source", "fetched_at"]
    actions = ["release_to_import"]
    fieldsets = [
        (None, {"fields": ["location", "date", "weather_code"]}),
        (
            _("Temperature"),
            {
                "fields": ["temperature_min", "temperature_max", "apparent_temperature_max"],
            },
        ),
        (
            _("Rain and wind"),
            {
                "fields": [
                    "precipitation_sum",
                    "precipitation_probability",
                    "wind_speed_max",
                    "wind_direction",
                ],
            },
        ),
        (
            _("Humidity, sun"),
            {
                "fields": [
                    "humidity_mean",
                    "humidity_min",
                    "humidity_max",
                    "uv_index_max",
                    "sunrise",
                    "sunset",
                ],
            },
        ),
        (_("Origin"), {"fields": ["is_manual", "source", "fetched_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        obj.mark_manual(timezone.now())
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Let the next import replace the selected days"))
    def release_to_import(self, request, queryset):
        count = queryset.filter(is_manual=True).update(is_manual=False)
        invalidate(*PAGE_CACHE_TAGS)  # update() sends no post_save
        self.message_user(
            request,
            ngettext(
                "%(count)d day will be replaced by the next import.",
                "%(count)d days will be replaced by the next import.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CurrentConditions)
class CurrentConditionsAdmin(ReadOnlyAdmin):
    list_display = [
        "location",
        "observed_at",
        "weather_code",
        "temperature",
        "humidity",
        "source",
        "fetched_at",
    ]


@admin.register(FetchLog)
class FetchLogAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "location", "provider", "outcome", "days_written", "message"]
    list_filter = ["outcome", "location", "provider"]
    date_hierarchy = "started_at"


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "river", "alarm_1", "alarm_2", "alarm_3", "is_default", "is_active"]
    list_editable = ["alarm_1", "alarm_2", "alarm_3"]
    search_fields = ["name", "river"]


@admin.register(RiverReading)
class RiverReadingAdmin(admin.ModelAdmin):
    list_display = ["measured_at", "station", "level", "source", "created_by"]
    list_filter = ["station"]
    date_hierarchy = "measured_at"
    search_fields = ["source"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Alert)
class AlertAdmin(PortalScopedAdminMixin, TranslationAdmin):
    list_display = ["text", "portal", "severity", "starts_at", "ends_at", "created_by"]
    list_filter = ["severity", ("portal", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text_vi", "text_en"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
