from modeltranslation.translator import TranslationOptions, register

from documents.models import DisclosureItem, Document, DocumentType, Field, Issuer, Project


@register(DocumentType)
class DocumentTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(Issuer)
class IssuerTranslation(TranslationOptions):
    fields = ("name",)


@register(Field)
class FieldTranslation(TranslationOptions):
    fields = ("name",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("summary",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("name", "goal")


@register(DisclosureItem)
class DisclosureItemTranslation(TranslationOptions):
    fields = ("name",)
