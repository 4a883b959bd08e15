from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.search.engine import sources
from chaudoc.search.text import clean_query


class QueryField(forms.CharField):
    """Any text is a query: control characters and NUL bytes are dropped, long input is cut."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class ObjectChoiceField(forms.ChoiceField):
    """One of a list of already loaded objects, chosen by slug; cleans to the object.

    Unlike ModelChoiceField it runs no query of its own, to validate or to render its options.
    """

    def __init__(self, objects, *, empty_label, **kwargs):
        self.objects = {obj.slug: obj for obj in objects}
        choices = [("", empty_label), *((obj.slug, str(obj)) for obj in objects)]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        return self.objects.get(super().clean(value))


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search for"), required=False,
        help_text=_("Tone marks are optional: “giam ngheo” finds “giảm nghèo”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    DATES = ("date_from", "date_to")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        for source in sources():  # filters come from the registered sources (category, ward...)
            for name, spec in source.filters.items():
                self.fields.setdefault(name, spec.form_field(request))
        self.order_fields(["q", *[n for n in self.fields if n not in self.DATES], *self.DATES])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self):
        """Valid filters only (an invalid one is reported on the form and ignored)."""
        data = getattr(self, "cleaned_data", {})
        found = {name: data.get(name) for name in self.fields if name not in {"q", "date_from",
                                                                              "date_to"}}
        if data.get("date_from"):
            found["date_from"] = _start_of(data["date_from"])
        if data.get("date_to"):
            found["date_to"] = _start_of(data["date_to"] + timedelta(days=1))
        return {name: value for name, value in found.items() if value}


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))
