"""Audio is made by a background job after publication and after each edit, only when the
spoken text changes, removed when the article is taken down; a failing job is retried, then
reported, and the article stays published."""

import logging

import pytest
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chaudoc.publishing import workflow
from chaudoc.publishing.states import Status
from chaudoc.publishing.workflow import Action
from readaloud.models import AudioTrack
from tests.factories import make_article, make_moderator, make_staff

# The worker commits as it goes, as it does in production: these tests need real transactions.
pytestmark = pytest.mark.django_db(transaction=True)

SEED_LEAD = "Chiều 29/12, UBND thành phố Châu Đốc tổ chức hội nghị tổng kết; 7/7 phường, xã."


def runs(status=None):
    found = DBTaskResult.objects.filter(task_path="readaloud.tasks.make_audio")
    return found.filter(status=status) if status else found


def publish(lead=SEED_LEAD, **kwargs):
    article = make_article("Giảm nghèo bền vững năm 2023", status=Status.PENDING, lead_vi=lead)
    workflow.perform(make_moderator(), article, Action.APPROVE)
    return article


def test_publishing_makes_the_audio_in_a_job_not_in_the_request(run_jobs):
    article = publish()
    assert not AudioTrack.objects.exists()  # the request only queued the work
    assert runs(TaskResultStatus.READY).count() == 1
    run_jobs()
    track = AudioTrack.objects.get(article=article, language="vi")
    assert track.engine == "espeak" and track.duration > 3
    assert track.file.name.startswith(f"audio/{article.pk}/vi-") and track.file.size == track.size
    assert track.kilobytes_per_minute < 300
    assert runs(TaskResultStatus.SUCCESSFUL).count() == 1
    assert not AudioTrack.objects.filter(language="en").exists()  # no English text, no audio


def test_a_save_that_changes_no_text_does_not_make_the_audio_again(run_jobs):
    article = publish()
    run_jobs()
    first = AudioTrack.objects.get(article=article)
    article.featured = True
    article.save()
    run_jobs()
    again = AudioTrack.objects.get(article=article)
    assert (again.file.name, again.made_at) == (first.file.name, first.made_at)
    assert runs().latest("finished_at").return_value == {"vi": "unchanged", "en": "none"}


def test_an_edit_of_the_text_makes_new_audio_and_removes_the_old_file(run_jobs):
    article = publish()
    run_jobs()
    old = AudioTrack.objects.get(article=article)
    storage, old_name = old.file.storage, old.file.name
    article.lead_vi = "Giảm 142 hộ cận nghèo (0,49%), hỗ trợ 368.000.000đ."
    article.save()
    run_jobs()
    new = AudioTrack.objects.get(article=article)
    assert new.file.name != old_name and new.text_hash != old.text_hash
    assert storage.exists(new.file.name) and not storage.exists(old_name)


def test_an_english_translation_gets_english_audio(run_jobs):
    article = publish()
    article.title_en = "Sustainable poverty reduction in 2023"
    article.lead_en = "The city reviewed its programme on 29 December."
    article.body_en = "<p>Every ward took part.</p>"
    article.save()
    run_jobs()
    assert set(AudioTrack.objects.values_list("language", flat=True)) == {"vi", "en"}


@pytest.mark.parametrize("action", [Action.TRASH, Action.WITHDRAW])
def test_audio_is_removed_when_the_article_is_taken_down(run_jobs, action):
    article = publish()
    run_jobs()
    track = AudioTrack.objects.get(article=article)
    storage, name = track.file.storage, track.file.name
    workflow.perform(make_moderator("kiemduyet2"), article, action, reason="Sai số liệu")
    assert not AudioTrack.objects.exists() and not storage.exists(name)


def test_audio_goes_with_a_purged_article(run_jobs):
    article = publish()
    run_jobs()
    track = AudioTrack.objects.get(article=article)
    storage, name = track.file.storage, track.file.name
    admin = make_staff("quantri", superuser=True)
    workflow.perform(admin, article, Action.TRASH)
    workflow.perform(admin, article, Action.PURGE)
    assert not AudioTrack.objects.exists() and not storage.exists(name)


def test_a_job_that_fails_is_retried_then_reported_and_the_article_stays_published(
    run_jobs, settings, client, caplog
):
    # A vendor engine without its key fails on every attempt, as a misconfigured one would.
    settings.READALOUD_ENGINE = "fpt"
    settings.FPT_AI_API_KEY = ""
    settings.JOBS_MAX_ATTEMPTS = 3
    settings.JOBS_RETRY_DELAY = 0  # the retries are due at once, so one batch runs them all
    article = publish()
    with caplog.at_level(logging.WARNING, logger="chaudoc.jobs"):
        run_jobs()
    failed = runs(TaskResultStatus.FAILED).order_by("enqueued_at")
    assert [run.args_kwargs["kwargs"].get("job_attempt", 1) for run in failed] == [1, 2, 3]
    assert all(run.exception_class_path == "readaloud.engines.EngineError" for run in failed)
    assert not runs(TaskResultStatus.READY).exists()  # three attempts, then it stops
    messages = [r.getMessage() for r in caplog.records if r.name == "chaudoc.jobs"]
    assert sum("next try" in m for m in messages) == 2
    assert any("the last: giving up" in m for m in messages)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200
    # Administrators see the failures, with the reason, in the admin.
    client.force_login(make_staff("quantri", superuser=True))
    page = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status": "FAILED"}
    )
    assert page.status_code == 200
    assert page.content.decode().count("EngineError") == 3
    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed[0].pk])
    )
    assert "needs its key in the settings" in detail.content.decode()


def test_a_queue_that_cannot_take_the_job_does_not_stop_publishing(settings, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["x"]}}
    with caplog.at_level(logging.ERROR, logger="chaudoc.jobs"):
        article = publish()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert "Could not enqueue job readaloud.tasks.make_audio" in caplog.text


def test_ward_editors_do_not_see_the_jobs(client):
    editor = make_staff("bientap")
    client.force_login(editor)
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert client.get(url).status_code == 403
