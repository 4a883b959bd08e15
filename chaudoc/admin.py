from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chaudoc.models import Ward

admin.site.site_header = _("Châu Đốc portal administration")
admin.site.site_title = _("Châu Đốc portal")
admin.site.index_title = _("Content management")


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
