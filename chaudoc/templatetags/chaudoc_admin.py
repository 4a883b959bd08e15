from django import template

from chaudoc.publishing.admin import review_queues as queues_for

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queues(context):
    return queues_for(context["request"])
