"""Receivers for articles: former slugs keep old links working. (Cover renditions are made on
save by their imagekit spec fields: news.models.Article.cover_renditions.)"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from news.models import Article, ArticleSlug


@receiver(pre_save, sender=Article)
def remember_public_slug(sender, instance, raw=False, **kwargs):
    instance._public_slug = None
    if raw or not instance.pk:
        return
    old = Article.objects.published().filter(pk=instance.pk).values_list("slug", flat=True)
    old = old.first()
    if old and old != instance.slug:
        instance._public_slug = old


@receiver(post_save, sender=Article)
def record_former_slug(sender, instance, raw=False, **kwargs):
    old = getattr(instance, "_public_slug", None)
    if raw or not old:
        return
    ArticleSlug.objects.filter(slug=instance.slug).delete()  # renamed back: the live URL wins
    ArticleSlug.objects.update_or_create(slug=old, defaults={"article": instance})
    instance._public_slug = None
