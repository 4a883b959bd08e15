import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from chaudoc.ops.backups import pg_env


class Command(BaseCommand):
    help = "Put back a backup made by `manage.py backup`: the database and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .tar archive written by `manage.py backup`.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask: this replaces the current database and media.",
        )

    def handle(self, *args, **options):
        archive = Path(options["file"])
        if not archive.is_file():
            raise CommandError(f"No such backup: {archive}")
        if connection.vendor != "postgresql":
            raise CommandError("Backups are restored into PostgreSQL (set DATABASE_URL).")
        if not options["yes"] and input("Replace the database and media? [yes/no] ") != "yes":
            raise CommandError("Restore cancelled.")
        connection.close()
        with tempfile.TemporaryDirectory() as tmp:
            with tarfile.open(archive) as tar:
                tar.extractall(tmp, filter="data")
            dump = Path(tmp) / "database.dump"
            if not dump.exists():
                raise CommandError("The archive holds no database.dump.")
            result = subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    pg_env()["PGDATABASE"],
                    str(dump),
                ],
                env=pg_env(),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
            media = Path(tmp) / "media"
            if media.exists():
                target = Path(settings.MEDIA_ROOT)
                target.mkdir(parents=True, exist_ok=True)
                shutil.copytree(media, target, dirs_exist_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}"))
