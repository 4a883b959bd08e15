from datetime import date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
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


class SearchDateField(forms.DateField):
    """A day the archive can be searched by. The calendar's ends are refused with a message:
    "up to 31/12/9999" means "before 1/1/10000", which no date holds (that was a 500)."""

    FIRST, LAST = date(1900, 1, 1), date(2999, 12, 31)

    def __init__(self, **kwargs):
        attrs = {"type": "date", "min": self.FIRST.isoformat(), "max": self.LAST.isoformat()}
        super().__init__(widget=forms.DateInput(attrs=attrs), **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not self.FIRST <= value <= self.LAST:
            raise ValidationError(
                _("Choose a day between %(first)s and %(last)s."),
                code="out_of_range",
                params={
                    "first": date_format(self.FIRST, "SHORT_DATE_FORMAT"),
                    "last": date_format(self.LAST, "SHORT_DATE_FORMAT"),
                },
            )


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search for"),
        required=False,
        help_text=_("Tone marks are optional: “giam ngheo” finds “giảm nghèo”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    date_from = SearchDateField(label=_("From"), required=False)
    date_to = SearchDateField(label=_("To"), required=False)

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
        found = {
            name: data.get(name)
            for name in self.fields
            if name not in {"q", "date_from", "date_to"}
        }
        if data.get("date_from"):
            found["date_from"] = _start_of(data["date_from"])
        if data.get("date_to"):
            found["date_to"] = _start_of(data["date_to"] + timedelta(days=1))
        return {name: value for name, value in found.items() if value}


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))
