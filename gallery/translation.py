from modeltranslation.translator import TranslationOptions, register

from gallery.models import Album, Photo


@register(Album)
class AlbumTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("caption", "alt_text")
