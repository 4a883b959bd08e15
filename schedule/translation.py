from modeltranslation.translator import TranslationOptions, register

from schedule.models import Entry


@register(Entry)
class EntryTranslation(TranslationOptions):
    fields = ("content", "chair_text", "participants", "place")
