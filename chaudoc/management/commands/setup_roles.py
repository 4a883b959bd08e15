from django.core.management.base import BaseCommand
from django.db import transaction

from chaudoc.wards.roles import ROLES, setup_roles


class Command(BaseCommand):
    help = (
        "Create the editorial roles (ward editor, moderator) as groups with their permissions. "
        "Idempotent; migrate runs it too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            result = setup_roles()
            if dry_run:
                transaction.set_rollback(True)
        for name in ROLES:
            state = "created" if result[name] else "up to date"
            if dry_run:
                state = f"would be {state}" if result[name] else state
            self.stdout.write(self.style.SUCCESS(f"{name}: {state}"))
