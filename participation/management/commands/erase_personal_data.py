from django.core.management.base import BaseCommand, CommandError

from participation import privacy


class Command(BaseCommand):
    help = (
        "Erase one person's contact details from every question and comment (a request under "
        "Nghị định 13/2023), by the e-mail address or phone number they used."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--dry-run", action="store_true", help="Show what would go.")

    def handle(self, *args, email="", phone="", dry_run=False, **options):
        if not email and not phone:
            raise CommandError("Give --email or --phone.")
        found = privacy.preview(email, phone) if dry_run else privacy.erase(email, phone)
        for question in found.questions:
            self.stdout.write(f"question {question.code}")
        for comment in found.comments:
            self.stdout.write(f"comment #{comment.pk} on {comment.consultation}")
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the contact details of {len(found.questions)} question(s) and "
                f"{len(found.comments)} comment(s)."
            )
        )
