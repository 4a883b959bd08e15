"""Receivers: an article saved in a published state gets a read-aloud job once the save has
committed; one taken down (withdrawn, trashed) loses its audio at once; a track's file goes with
its row (a purged article's tracks go with it, by cascade)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from chaudoc.jobs import enqueue_on_commit
from news.models import Article
from readaloud.models import AudioTrack
from readaloud.tasks import make_audio, remove_audio, wants_audio


@receiver(post_save, sender=Article, dispatch_uid="readaloud:article_saved")
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if wants_audio(instance):
        enqueue_on_commit(make_audio, instance.pk)
    else:
        pk = instance.pk
        transaction.on_commit(lambda: remove_audio(pk), robust=True)


@receiver(post_delete, sender=AudioTrack, dispatch_uid="readaloud:track_deleted")
def track_deleted(sender, instance, **kwargs):
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)
