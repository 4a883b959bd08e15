from modeltranslation.translator import TranslationOptions, register

from news.models import Article, Category


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "cover_alt")
