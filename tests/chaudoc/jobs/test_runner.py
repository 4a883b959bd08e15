"""chaudoc.jobs: waits between attempts, and the queue that refuses a job."""

import logging

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from chaudoc.jobs.runner import enqueue, enqueue_on_commit, retry_delay
from readaloud.tasks import make_audio


def test_the_wait_doubles_after_each_failure(settings):
    settings.JOBS_RETRY_DELAY = 60
    assert [retry_delay(attempt) for attempt in (1, 2, 3)] == [60, 120, 240]


@pytest.mark.django_db
def test_a_job_is_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            enqueue_on_commit(make_audio, 1)
            assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.get().args_kwargs == {"args": [1], "kwargs": {}}


@pytest.mark.django_db
def test_a_rolled_back_change_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(make_audio, 1)
            raise RuntimeError("the save failed")
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_queue_that_refuses_the_job_is_logged_not_raised(settings, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["x"]}}
    with caplog.at_level(logging.ERROR, logger="chaudoc.jobs"):
        assert enqueue(make_audio, 1) is None
    assert "Could not enqueue job readaloud.tasks.make_audio" in caplog.text


@pytest.mark.django_db
def test_the_documented_prune_keeps_recent_runs_and_failures_for_ninety_days():
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks import TaskResultStatus

    def run(status, days):
        result = DBTaskResult.objects.create(
            task_path="readaloud.tasks.make_audio",
            args_kwargs={"args": [1], "kwargs": {}},
            status=status,
            queue_name="default",
            backend_name="default",
        )
        DBTaskResult.objects.filter(pk=result.pk).update(
            finished_at=timezone.now() - timedelta(days=days)
        )
        return result.pk

    ok, old, failed, old_failed = [
        run(TaskResultStatus.SUCCESSFUL, 3),
        run(TaskResultStatus.SUCCESSFUL, 20),
        run(TaskResultStatus.FAILED, 20),
        run(TaskResultStatus.FAILED, 100),
    ]
    waiting = DBTaskResult.objects.create(
        task_path="readaloud.tasks.make_audio", args_kwargs={"args": [2], "kwargs": {}}
    ).pk
    # The README's weekly cron line.
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=14,
        failed_min_age_days=90,
        verbosity=0,
    )
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {ok, failed, waiting}
    assert old and old_failed
