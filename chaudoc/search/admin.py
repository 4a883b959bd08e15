"""The search report for editors: what residents search for, per day or month."""

import calendar
from datetime import date

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.search import querylog
from chaudoc.search.models import SearchQueryCount


class ReportForm(forms.Form):
    DAY, MONTH = "day", "month"
    period = forms.ChoiceField(
        label=_("Period"), choices=[(DAY, _("Day")), (MONTH, _("Month"))], required=False
    )
    day = forms.DateField(
        label=_("Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a month, any day of it."),
    )

    def clean_day(self):
        day = self.cleaned_data.get("day")
        if day and not date(2000, 1, 1) <= day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day between 01/01/2000 and today."))
        return day

    def span(self):
        """(period, first day, last day): today by default, and when the form is invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("period") or self.DAY
        day = data.get("day") or timezone.localdate()
        if period == self.MONTH:
            last = calendar.monthrange(day.year, day.month)[1]
            return period, day.replace(day=1), day.replace(day=last)
        return period, day, day


@admin.register(SearchQueryCount)
class SearchReportAdmin(admin.ModelAdmin):
    """One page, the report: single rows (a rare query on its own) are never listed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        """The report in the change list's place; the other admin URLs keep their names (links
        and tests reverse them) and answer 403 (add) or 404 (one row, its history)."""
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
        querylog.flush()
        form = ReportForm(request.GET or None)
        period, first, last = form.span()
        frequent, nothing = querylog.report(first, last)
        context = {
            **self.admin_site.each_context(request),
            "title": _("What residents search for"),
            "opts": self.opts,
            "form": form,
            "period": period,
            "first": first,
            "last": last,
            "frequent": frequent,
            "nothing": nothing,
            "threshold": querylog.threshold(),
            "can_add": request.user.has_perm("chaudoc.add_abbreviation"),
        }
        return TemplateResponse(request, "admin/chaudoc/search_report.html", context)
