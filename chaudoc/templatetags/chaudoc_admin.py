from django import template

from chaudoc.publishing import history
from chaudoc.publishing.admin import returned_to_author
from chaudoc.publishing.admin import review_queues as queues_for

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queues(context):
    return queues_for(context["request"])


@register.simple_tag(takes_context=True)
def returned_items(context):
    return returned_to_author(context["request"])


@register.filter
def change_message(entry):
    """LogEntry.get_change_message(), with django-modeltranslation's field labels ("Body [vi]",
    stored in English as Django stores every label) named in the reader's language."""
    return history.change_message(entry)
