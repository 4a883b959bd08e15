from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from readaloud.models import AudioTrack


@admin.register(AudioTrack)
class AudioTrackAdmin(admin.ModelAdmin):
    """What the jobs made, for administrators to look at: nobody edits audio by hand."""

    list_display = ["article", "language", "engine", "length", "file_size", "made_at"]
    list_filter = ["language", "engine"]
    list_select_related = ["article"]
    search_fields = ["article__title_vi"]
    readonly_fields = ["article", "language", "engine", "file", "duration", "size", "made_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("length"), ordering="duration")
    def length(self, obj):
        minutes, seconds = divmod(round(obj.duration or 0), 60)
        return f"{minutes}:{seconds:02d}"

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, obj):
        return filesizeformat(obj.size)
