from django.core.management.base import BaseCommand
from django.db import transaction

from chaudoc.search import engine


class Command(BaseCommand):
    help = (
        "Recompute the stored search documents and vectors of every searchable row, and the "
        "suggestion words from what readers can see. Run after bulk loads or SQL imports, and "
        "daily (scheduled articles' words join the suggestions once they are published)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            for source in engine.sources():
                done = engine.reindex(source.model._default_manager.all())
                self.stdout.write(f"{source.key}: {done} documents.")
            words = engine.rebuild_lexicon()
            self.stdout.write(f"{words} suggestion words.")
            if dry_run:
                transaction.set_rollback(True)
        verb = "Would rebuild" if dry_run else "Rebuilt"
        self.stdout.write(self.style.SUCCESS(f"{verb} the search index."))
