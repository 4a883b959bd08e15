"""What the introduction app offers every page: the main menu and the website links."""

from django import template

from about.menu import furniture
from chaudoc.portals import current as portals

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The portal's menu entries, in the administrator's order; [] when it has none (the
    header then lists the news categories as before) or outside a request."""
    if context.get("request") is None:
        return []
    return furniture(portals.current()).menu


@register.inclusion_tag("about/includes/links_block.html", takes_context=True)
def links_block(context):
    """ "Liên kết website": other state websites, as the administrator listed them."""
    links = furniture(portals.current()).links if context.get("request") is not None else []
    return {"links": links}
