from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from participation import privacy


class Command(BaseCommand):
    help = (
        "Erase the contact details of questions and comments kept longer than "
        "PARTICIPATION_RETENTION_DAYS (the rows stay, without a person). Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would go; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.PARTICIPATION_RETENTION_DAYS
        if dry_run:
            questions, comments = privacy.expired()
        else:
            with transaction.atomic():
                questions, comments = privacy.anonymise_expired()
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(questions)} question(s) and {len(comments)} comment(s) "
                f"kept more than {days} days."
            )
        )
