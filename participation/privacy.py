"""Personal data (Nghị định 13/2023/NĐ-CP): who may see a resident's contact details, the
record of each view, erasure on request and anonymisation after the retention period.

Erasing or anonymising blanks the name, e-mail and phone of the rows (the question, answer and
comment stay, without a person) and deletes the record of views of those rows' details, which
names whose details were seen. The jobs that mail residents carry only row ids."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chaudoc.wards.scope import ALL_PORTALS_PERM
from participation.models import Comment, ContactView, Question


def is_administrator(user):
    return user.is_superuser or user.has_perm(ALL_PORTALS_PERM)


def may_see_question_contact(user, question):
    if is_administrator(user):
        return True
    if question.assignee_id is not None and question.assignee_id == user.pk:
        return True
    return question.office_id is not None and question.office.officers.filter(pk=user.pk).exists()


def may_see_comment_contact(user, comment):
    if is_administrator(user):
        return True
    return comment.consultation.office.officers.filter(pk=user.pk).exists()


def log_view(user, what, question=None, comment=None):
    ContactView.objects.create(user=user, question=question, comment=comment, what=what)


def _matching(model, email, phone):
    condition = Q(pk=None)
    if email:
        condition |= Q(email__iexact=email.strip())
    if phone:
        condition |= Q(phone=phone.strip())
    return model.objects.filter(condition, anonymised_at__isnull=True)


@dataclass
class Erasure:
    questions: list = field(default_factory=list)
    comments: list = field(default_factory=list)

    @property
    def empty(self):
        return not self.questions and not self.comments


def preview(email="", phone=""):
    """What erasing this person's data would touch."""
    return Erasure(
        list(_matching(Question, email, phone).select_related("topic")),
        list(_matching(Comment, email, phone).select_related("consultation")),
    )


@transaction.atomic
def erase(email="", phone="", now=None):
    found = preview(email, phone)
    _anonymise(found.questions, found.comments, now or timezone.now())
    return found


def _anonymise(questions, comments, now):
    for row in [*questions, *comments]:
        row.anonymise(now)
        row.save(update_fields=[*row.CONTACT_FIELDS, "anonymised_at"])
    ContactView.objects.filter(
        Q(question__in=[q.pk for q in questions]) | Q(comment__in=[c.pk for c in comments])
    ).delete()


def expired(now=None):
    """Rows whose retention period is over: closed questions (answered, published or declined)
    received before the cut-off, comments on consultations closed before it."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PARTICIPATION_RETENTION_DAYS)
    questions = Question.objects.filter(
        anonymised_at__isnull=True, stage__in=Question.CLOSED_STAGES, received_at__lt=cutoff
    )
    comments = Comment.objects.filter(
        anonymised_at__isnull=True, consultation__closes_at__lt=cutoff
    )
    return list(questions), list(comments)


@transaction.atomic
def anonymise_expired(now=None):
    now = now or timezone.now()
    questions, comments = expired(now)
    _anonymise(questions, comments, now)
    cutoff = now - timedelta(days=settings.PARTICIPATION_RETENTION_DAYS)
    ContactView.objects.filter(at__lt=cutoff).delete()
    return questions, comments
