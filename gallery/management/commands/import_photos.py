import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from chaudoc.media.images import check_image, renditions_at_once
from chaudoc.pagecache.tags import one_invalidation
from gallery.models import Album, Photo
from gallery.uploads import next_order


def natural_order(path):
    """ "Ảnh 2.jpg" before "Ảnh 10.jpg", as people number their files."""
    return [
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", str(path))
    ]


class Command(BaseCommand):
    help = (
        "Import a folder of photos into an album (by its slug), in file-name order. Every file "
        "is checked like an upload; refused files are skipped and listed with the reason. "
        "Files already imported into the album (same original name) are skipped too."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The folder holding the photos.")
        parser.add_argument("--album", required=True, help="The album's slug.")
        parser.add_argument("--credit", default="", help="Photographer, for every photo.")
        parser.add_argument("--recursive", action="store_true", help="Also read sub-folders.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every file and report, store nothing."
        )

    def handle(self, *args, directory, album, credit, recursive, dry_run, verbosity, **options):
        translation.activate(settings.LANGUAGE_CODE)  # reasons in Vietnamese, as staff read them
        folder = Path(directory)
        if not folder.is_dir():
            raise CommandError(_("There is no folder %(path)s.") % {"path": directory})
        target = Album.objects.filter(slug=album, deleted_at__isnull=True).first()
        if target is None:
            raise CommandError(
                _("There is no album “%(slug)s”. Create it in the admin first.") % {"slug": album}
            )
        paths = sorted(
            (p for p in (folder.rglob("*") if recursive else folder.iterdir()) if p.is_file()),
            key=natural_order,
        )
        # The operator waits for the import anyway: the renditions are made here, one photo at
        # a time (memory stays flat), rather than queued as hundreds of jobs. The album's pages
        # are invalidated once, at the end, not once per photo.
        with renditions_at_once(), one_invalidation():
            done, skipped = self.import_all(target, paths, folder, credit, dry_run, verbosity)
            if done and not dry_run:
                target.photos_changed()
        self.report(target, done, skipped, dry_run)

    def import_all(self, album, paths, folder, credit, dry_run, verbosity):
        existing = set(album.photos.values_list("original_name", flat=True))
        order = next_order(album)
        done, skipped = 0, []
        progress = tqdm(
            paths,
            unit=_("photo"),
            disable=verbosity == 0,
            file=self.stderr._out,
            dynamic_ncols=True,
        )
        for path in progress:
            name = str(path.relative_to(folder))
            progress.set_postfix_str(name[-30:], refresh=False)
            if path.name in existing:
                skipped.append((name, _("Already in the album (same file name).")))
                continue
            try:
                self.import_one(album, path, order + done, credit, dry_run)
            except ValidationError as error:
                skipped.append((name, " ".join(error.messages)))
                continue
            except OSError as error:
                skipped.append(
                    (
                        name,
                        _("The file could not be read: %(error)s")
                        % {"error": error.strerror or error},
                    )
                )
                continue
            existing.add(path.name)
            done += 1
        progress.close()
        return done, skipped

    def import_one(self, album, path, order, credit, dry_run):
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            if dry_run:
                check_image(upload)
                return
            with transaction.atomic():
                Photo.from_upload(album, upload, order=order, credit=credit)

    def report(self, album, done, skipped, dry_run):
        summary = _("Would import %(done)d photos into “%(album)s”; %(skipped)d files skipped.")
        if not dry_run:
            summary = _("Imported %(done)d photos into “%(album)s”; %(skipped)d files skipped.")
        self.stdout.write(
            self.style.SUCCESS(summary % {"done": done, "album": album, "skipped": len(skipped)})
        )
        for name, reason in skipped:
            self.stdout.write(self.style.WARNING(f"  {name}: {reason}"))
