"""`job()`: a django-tasks Task with bounded retries; `enqueue_on_commit()`: hand work over once
the request's transaction has committed.

django-tasks records each run (status, errors, traceback) but does not retry by itself. A job
made here catches its own failure, enqueues its next attempt with `run_after` (the database
backend's deferred runs) and then fails as usual, so every failed run is in the admin with its
traceback; after the last attempt it logs an error and stops.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

log = logging.getLogger("chaudoc.jobs")

# The keyword a job's runs carry to know which attempt they are (1 for the first).
ATTEMPT = "job_attempt"
DEFAULT_ATTEMPTS = 3
DEFAULT_RETRY_DELAY = 60.0


def max_attempts():
    return getattr(settings, "JOBS_MAX_ATTEMPTS", DEFAULT_ATTEMPTS)


def retry_delay(attempt):
    """Seconds before attempt `attempt + 1`: JOBS_RETRY_DELAY, doubled after each failure."""
    return getattr(settings, "JOBS_RETRY_DELAY", DEFAULT_RETRY_DELAY) * 2 ** (attempt - 1)


def job(*, priority=0, queue_name="default"):
    """Declare a background job (a module-level function taking JSON-able arguments)."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT, 1)
            try:
                return func(*args, **kwargs)
            except Exception:
                _after_failure(the_task, attempt, args, kwargs)
                raise

        the_task = task(priority=priority, queue_name=queue_name)(run)
        return the_task

    return decorate


def _after_failure(the_task, attempt, args, kwargs):
    name = the_task.module_path
    if attempt >= max_attempts():
        log.error("Job %s%s failed on attempt %d, the last: giving up", name, args, attempt)
        return
    delay = retry_delay(attempt)
    log.warning("Job %s%s failed on attempt %d; next try in %g s", name, args, attempt, delay)
    retry = the_task
    if the_task.get_backend().supports_defer:
        retry = the_task.using(run_after=timezone.now() + timedelta(seconds=delay))
    enqueue(retry, *args, **kwargs, **{ATTEMPT: attempt + 1})


def enqueue(the_task, *args, **kwargs):
    """Enqueue now; a queue that cannot take the job is logged, never raised to the caller."""
    try:
        return the_task.enqueue(*args, **kwargs)
    except Exception:
        log.exception("Could not enqueue job %s%s", the_task.module_path, args)
        return None


def enqueue_on_commit(the_task, *args, **kwargs):
    """Enqueue once the current transaction commits (at once outside one): a job never sees
    rows that are not there yet, and a rolled-back save starts no job."""
    transaction.on_commit(functools.partial(enqueue, the_task, *args, **kwargs), robust=True)
