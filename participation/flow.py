"""How a question moves: received -> assigned -> answer under review -> answered (sent to the
resident) or published (with the question, if the resident allowed it); declined with a reason
from any open stage. Each step is one transaction, logged as a QuestionEvent, and the resident
hears of every stage they can see by e-mail (a background job, once the step has committed)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participation import notify
from participation.models import Question, QuestionEvent
from participation.workdays import add_working_days

Stage = Question.Stage


class FlowError(Exception):
    pass


def tracking_code(question):
    return f"HD-{timezone.localtime(question.received_at):%Y}-{question.pk:06d}"


@transaction.atomic
def receive(question):
    """Store a new question with its tracking code and deadline."""
    question.received_at = question.received_at or timezone.now()
    question.deadline = add_working_days(question.received_at)
    question.code = f"tmp-{timezone.now().timestamp()}"[:20]
    question.save()
    question.code = tracking_code(question)
    question.save(update_fields=["code"])
    _event(question, Stage.RECEIVED, None, "")
    return question


def _event(question, stage, actor, note):
    QuestionEvent.objects.create(question=question, stage=stage, actor=actor, note=note)
    if stage != Stage.REVIEW:  # the resident sees "assigned" until the answer is approved
        notify.status_changed(question, stage)


def _move(question, stage, actor, note="", fields=()):
    question.stage = stage
    question.save(update_fields=["stage", *fields])
    _event(question, stage, actor, note)


@transaction.atomic
def assign(question, actor, office=None, assignee=None):
    if not question.is_open:
        raise FlowError(_("This question is closed."))
    if office is None and assignee is None:
        raise FlowError(_("Choose an office or an officer."))
    question.office, question.assignee = office, assignee
    fields = ["office", "assignee"]
    if question.stage == Stage.RECEIVED:
        _move(question, Stage.ASSIGNED, actor, fields=fields)
    else:
        question.save(update_fields=fields)
    if assignee is not None:
        notify.assigned(question)


@transaction.atomic
def submit_answer(question, actor, answer):
    if question.stage not in (Stage.RECEIVED, Stage.ASSIGNED):
        raise FlowError(_("This question is not waiting for an answer."))
    if not (answer or "").strip():
        raise FlowError(_("Write the answer first."))
    question.answer, question.answered_by, question.answered_at = answer, actor, timezone.now()
    _move(question, Stage.REVIEW, actor, fields=["answer", "answered_by", "answered_at"])


@transaction.atomic
def approve(question, actor):
    if question.stage != Stage.REVIEW:
        raise FlowError(_("Only an answer awaiting review can be approved."))
    if question.may_publish:
        question.published_at = timezone.now()
        _move(question, Stage.PUBLISHED, actor, fields=["published_at"])
    else:
        _move(question, Stage.ANSWERED, actor)


@transaction.atomic
def send_back(question, actor, reason):
    if question.stage != Stage.REVIEW:
        raise FlowError(_("Only an answer awaiting review can be sent back."))
    if not (reason or "").strip():
        raise FlowError(_("Give a reason."))
    question.stage = Stage.ASSIGNED
    question.save(update_fields=["stage"])
    QuestionEvent.objects.create(question=question, stage=Stage.ASSIGNED, actor=actor, note=reason)


@transaction.atomic
def decline(question, actor, reason):
    if not question.is_open:
        raise FlowError(_("This question is closed."))
    if not (reason or "").strip():
        raise FlowError(_("Give a reason."))
    question.decline_reason = reason
    _move(question, Stage.DECLINED, actor, reason, fields=["decline_reason"])


@transaction.atomic
def unpublish(question, actor, reason):
    """Take a published answer off the portal; the resident keeps it (answered)."""
    if question.stage != Stage.PUBLISHED:
        raise FlowError(_("Only a published answer can be taken off the portal."))
    question.stage = Stage.ANSWERED
    question.save(update_fields=["stage"])
    QuestionEvent.objects.create(question=question, stage=Stage.ANSWERED, actor=actor, note=reason)
