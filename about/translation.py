from modeltranslation.translator import TranslationOptions, register

from about.models import IntroPage, Leader, MenuItem, Office, Procedure, WebLink


@register(IntroPage)
class IntroPageTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "image_text")


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "duties", "head_title", "address")


@register(Leader)
class LeaderTranslation(TranslationOptions):
    fields = ("position", "photo_alt", "biography", "duties")


@register(Procedure)
class ProcedureTranslation(TranslationOptions):
    fields = ("name", "field")


@register(WebLink)
class WebLinkTranslation(TranslationOptions):
    fields = ("name",)


@register(MenuItem)
class MenuItemTranslation(TranslationOptions):
    fields = ("label",)
