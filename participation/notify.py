"""E-mail to residents and officers, written and sent by background jobs (chaudoc.jobs) once the
step has committed. Jobs carry only row ids and return nothing: no address is kept in the
queue's table, and a question anonymised meanwhile sends nothing."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from chaudoc.jobs import enqueue_on_commit, job
from chaudoc.pages.origin import absolute_uri
from chaudoc.portals import current as portals


def status_changed(question, stage):
    enqueue_on_commit(send_status_mail, question.pk, str(stage))


def assigned(question):
    enqueue_on_commit(send_officer_mail, question.pk, "assigned")


def remind(question):
    enqueue_on_commit(send_officer_mail, question.pk, "reminder")


def _question(question_id):
    from participation.models import Question

    return Question.objects.select_related("topic", "assignee").filter(pk=question_id).first()


def _mail(template, context, recipients):
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"participation/email/{template}_subject.txt", context)
        body = render_to_string(f"participation/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


@job()
def send_status_mail(question_id, stage):
    question = _question(question_id)
    if question is None or not question.email or question.anonymised_at:
        return
    portal = portals.get(question.portal_id)
    context = {
        "question": question,
        "stage": question.Stage(stage).label,
        "answered": stage in ("answered", "published"),
        "declined": stage == "declined",
        "status_url": absolute_uri(reverse("participation:status"), portal),
        "public_url": absolute_uri(question.get_absolute_url(), portal)
        if stage == "published"
        else "",
    }
    _mail("status", context, [question.email])


@job()
def send_officer_mail(question_id, kind):
    question = _question(question_id)
    if question is None or question.assignee is None or not question.assignee.email:
        return
    portal = portals.get(question.portal_id)
    context = {
        "question": question,
        "reminder": kind == "reminder",
        "admin_url": absolute_uri(
            reverse("admin:participation_question_change", args=[question.pk]), portal
        ),
    }
    _mail("officer", context, [question.assignee.email])
