from modeltranslation.translator import TranslationOptions, register

from chaudoc.portals.models import Portal


@register(Portal)
class PortalTranslation(TranslationOptions):
    fields = (
        "name",
        "short_name",
        "governing_body",
        "banner",
        "address",
        "person_responsible",
        "licence",
    )
