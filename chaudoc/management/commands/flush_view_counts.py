from django.core.management.base import BaseCommand, CommandError

from chaudoc.viewcounts import counts as viewcounts


class Command(BaseCommand):
    help = "Write the view counts buffered in the cache to the database (run it from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, dry_run, **options):
        grouped, _, _ = viewcounts.pending()
        views = sum(sum(per_pk.values()) for per_pk in grouped.values())
        rows = sum(len(per_pk) for per_pk in grouped.values())
        if dry_run:
            self.stdout.write(f"Would write {views} views of {rows} items.")
            return
        try:
            done = viewcounts.flush()
        except LookupError as error:  # an entry names a model that no longer exists
            raise CommandError(str(error)) from error
        if done is None:
            raise CommandError("Another flush is running; try again in a minute.")
        self.stdout.write(self.style.SUCCESS(f"Wrote {views} views of {rows} items."))
