"""The ratings report: per page, per section and per month, with bars drawn in HTML (no script,
no external chart library). Only the request's portals' ratings (staff scope)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from chaudoc.ratings import registry
from chaudoc.ratings.models import Rating
from chaudoc.wards.scope import limit_portals

TOP_PAGES = 50


def _share(yes, total):
    return round(100 * yes / total) if total else 0


@admin.register(Rating)
class RatingReportAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        others = [url for url in super().get_urls() if getattr(url, "name", None) != name]
        return [path("", self.admin_site.admin_view(self.report_view), name=name), *others]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        raise Http404

    def history_view(self, request, object_id, extra_context=None):
        raise Http404

    def delete_view(self, request, object_id, extra_context=None):
        raise Http404

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        ratings = limit_portals(Rating.objects.all(), request.user)
        counts = {"total": Count("id"), "yes": Count("id", filter=Q(helpful=True))}
        months = list(
            ratings.annotate(month=TruncMonth("day"))
            .values("month")
            .annotate(**counts)
            .order_by("-month")[:12]
        )
        pages = list(
            ratings.values("content_type", "object_id")
            .annotate(**counts)
            .order_by("-total", "content_type", "object_id")[:TOP_PAGES]
        )
        reasons = list(
            ratings.exclude(reason="")
            .values("reason")
            .annotate(total=Count("id"))
            .order_by("-total")
        )
        self._name_pages(pages)
        sections = {}
        for page in pages:
            entry = sections.setdefault(
                page["section"], {"section": page["section"], "total": 0, "yes": 0}
            )
            entry["total"] += page["total"]
            entry["yes"] += page["yes"]
        biggest = max((m["total"] for m in months), default=0)
        for row in [*months, *pages, *sections.values()]:
            row["share"] = _share(row["yes"], row["total"])
            row["no"] = row["total"] - row["yes"]
        for month in months:
            month["width"] = round(100 * month["total"] / biggest) if biggest else 0
        reason_labels = dict(Rating._meta.get_field("reason").choices)
        for reason in reasons:
            reason["label"] = reason_labels.get(reason["reason"], reason["reason"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Was this information useful?"),
            "opts": self.opts,
            "months": months,
            "pages": pages,
            "sections": sorted(sections.values(), key=lambda s: -s["total"]),
            "reasons": reasons,
        }
        return TemplateResponse(request, "admin/chaudoc/ratings_report.html", context)

    def _name_pages(self, pages):
        from django.contrib.contenttypes.models import ContentType

        by_type = {}
        for page in pages:
            by_type.setdefault(page["content_type"], []).append(page["object_id"])
        objects = {}
        for type_id, ids in by_type.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model is None:
                continue
            for obj in model._default_manager.filter(pk__in=ids):
                objects[(type_id, obj.pk)] = (model, obj)
        for page in pages:
            model, obj = objects.get((page["content_type"], page["object_id"]), (None, None))
            page["title"] = str(obj) if obj is not None else _("(deleted)")
            page["url"] = obj.get_absolute_url() if obj is not None else ""
            page["section"] = registry.section_of(model, obj) if model else _("(deleted)")
