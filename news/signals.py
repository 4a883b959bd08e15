"""Receivers for articles: former slugs keep old links working; cover renditions are made on
save, never in a reader's request."""

import logging

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from chaudoc.media.images import OG_SIZE, make_rendition, make_width_renditions
from news.models import Article, ArticleSlug

logger = logging.getLogger(__name__)


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


@receiver(post_save, sender=Article)
def make_cover_rendition(sender, instance, raw=False, **kwargs):
    if instance.cover and not raw:
        try:
            make_rendition(instance.cover, OG_SIZE)
            make_width_renditions(instance.cover)
        except OSError:  # a full disk must not undo the save: renditions are only extra sizes
            logger.error("no renditions for article %s", instance.pk, exc_info=True)
