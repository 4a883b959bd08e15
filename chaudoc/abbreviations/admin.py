from django.contrib import admin

from chaudoc.abbreviations.models import Abbreviation


@admin.register(Abbreviation)
class AbbreviationAdmin(admin.ModelAdmin):
    list_display = [
        "short_form",
        "full_form",
        "kind",
        "spoken_form",
        "use_in_search",
        "use_in_reading",
    ]
    list_filter = ["kind", "use_in_search", "use_in_reading"]
    search_fields = ["short_form", "full_form", "spoken_form"]
    list_per_page = 50
