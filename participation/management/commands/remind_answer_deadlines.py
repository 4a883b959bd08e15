from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from participation import notify
from participation.models import Question
from participation.workdays import add_working_days


class Command(BaseCommand):
    help = (
        "E-mail each officer whose open questions are due within ANSWER_REMIND_DAYS working "
        "days (or overdue), once a day. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        horizon = add_working_days(today, settings.ANSWER_REMIND_DAYS)
        due = (
            Question.objects.filter(
                stage__in=Question.OPEN_STAGES,
                assignee__isnull=False,
                deadline__lte=horizon,
            )
            .exclude(reminded_on=today)
            .select_related("assignee")
        )
        count = 0
        with transaction.atomic():
            for question in due:
                count += 1
                self.stdout.write(f"{question.code} due {question.deadline:%d/%m/%Y}")
                if not dry_run:
                    notify.remind(question)
                    question.reminded_on = today
                    question.save(update_fields=["reminded_on"])
        verb = "Would remind" if dry_run else "Reminded"
        self.stdout.write(self.style.SUCCESS(f"{verb} the officers of {count} question(s)."))
