from modeltranslation.translator import TranslationOptions, register

from weather.models import Alert


@register(Alert)
class AlertTranslation(TranslationOptions):
    fields = ("text",)
