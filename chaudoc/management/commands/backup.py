import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from chaudoc.ops.backups import pg_env


class Command(BaseCommand):
    help = (
        "Write one archive with a consistent PostgreSQL dump (pg_dump, custom format) and the "
        "media folder, named by the time it was taken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(settings.BASE_DIR / "backups"),
            help="Folder for the archive (default: backups/).",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Backups are made from PostgreSQL (set DATABASE_URL).")
        target_dir = Path(options["dir"])
        target_dir.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        archive = target_dir / f"chaudoc-{stamp}.tar"
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "database.dump"
            # pg_dump reads one snapshot: the dump is consistent while the site keeps running.
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump)],
                env=pg_env(),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
            partial = archive.with_suffix(".tar.part")
            with tarfile.open(partial, "w") as tar:
                tar.add(dump, arcname="database.dump")
                media = Path(settings.MEDIA_ROOT)
                if media.exists():
                    tar.add(media, arcname="media")
            shutil.move(partial, archive)
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive}"))
        return None
