"""Workflow e-mail is sent by a background job, not in the request that takes the action; a mail
server that fails makes the job retry, then report, and the action stands."""

import logging
import socket

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chaudoc.publishing import workflow
from chaudoc.publishing.states import Status
from chaudoc.publishing.workflow import Action
from tests.factories import make_article, make_editor, make_moderator, make_staff, make_ward

# The real queue (django-tasks-db) and its worker, which commits as it goes.
pytestmark = pytest.mark.django_db(transaction=True)

NOTICE = "chaudoc.publishing.notifications.send_state_notice"


def notices(status=None):
    found = DBTaskResult.objects.filter(task_path=NOTICE)
    return found.filter(status=status) if status else found


def submitted():
    ward = make_ward("Vĩnh Mỹ")
    editor = make_editor("bientap", ward)
    make_moderator("kiemduyet1")
    make_moderator("kiemduyet2")
    article = make_article("Bài cần duyệt", status=Status.DRAFT, ward=ward, author=editor)
    workflow.perform(editor, article, Action.SUBMIT)
    return article


def test_the_action_only_queues_the_notice_and_the_worker_sends_it(run_jobs):
    article = submitted()
    assert mail.outbox == []
    assert notices(TaskResultStatus.READY).count() == 1
    run_jobs()
    assert [m.to for m in mail.outbox] == [["kiemduyet1@example.vn", "kiemduyet2@example.vn"]]
    assert mail.outbox[0].subject == "Bài chờ duyệt: Bài cần duyệt"
    assert f"/quan-tri/news/article/{article.pk}/change/" in mail.outbox[0].body
    assert notices(TaskResultStatus.SUCCESSFUL).get().return_value == [
        "kiemduyet1@example.vn",
        "kiemduyet2@example.vn",
    ]


def closed_port():
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_that_is_down_is_retried_then_reported_and_publishing_stands(
    run_jobs, settings, client, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.JOBS_MAX_ATTEMPTS = 3
    settings.JOBS_RETRY_DELAY = 0  # the retries are due at once, so one batch runs them all
    article = submitted()
    workflow.perform(make_moderator("kiemduyet3"), article, Action.APPROVE)
    with caplog.at_level(logging.WARNING, logger="chaudoc.jobs"):
        run_jobs()
    failed = notices(TaskResultStatus.FAILED).order_by("enqueued_at")
    # Two notices (submission, publication), each tried three times.
    assert failed.count() == 6 and not notices(TaskResultStatus.READY).exists()
    assert {run.exception_class_path for run in failed} == {"builtins.ConnectionRefusedError"}
    assert sum("the last: giving up" in r.getMessage() for r in caplog.records) == 2
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200
    client.force_login(make_staff("quantri", superuser=True))
    page = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status": "FAILED"}
    )
    assert page.content.decode().count("send_state_notice") == 6
