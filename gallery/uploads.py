"""Adding photos to an album, for every door: the admin's multi-file field, import_photos and
the demo content. Each file is checked and cleaned (chaudoc.media.images.clean_image) before
anything is stored; a job makes the renditions once the photos are committed."""

from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete
from django.dispatch import receiver

from gallery.models import Photo


def next_order(album):
    last = album.photos.aggregate(last=Max("order"))["last"]
    return 1 if last is None else last + 1


def add_photos(album, files, *, credit="", order=None):
    """Store `files` as photos of `album`, after its photos; returns them.

    A failure part-way removes the files already stored by this call (the rows go with the
    transaction) and is raised again.
    """
    order = next_order(album) if order is None else order
    made = []
    try:
        for n, upload in enumerate(files):
            made.append(Photo.from_upload(album, upload, order=order + n, credit=credit))
    except BaseException:
        for photo in made:
            photo.delete_files()
        raise
    album.photos_changed()
    return made


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    # After the commit: a rolled-back delete must not lose the files.
    transaction.on_commit(instance.delete_files)
