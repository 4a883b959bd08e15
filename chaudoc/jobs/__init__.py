"""Background jobs, written once for every app: django-tasks with its database backend.

An app declares a job with `@job()` (a django-tasks Task whose failures are retried with a
growing wait and then reported) and hands work to it with `enqueue_on_commit(...)`, which never
lets a job, or a queue that cannot be reached, undo or delay what the request has done. The
worker is `manage.py db_worker` (django-tasks-db); failed runs stay in its table, shown to
administrators in the admin (chaudoc/jobs/admin.py).
"""

from chaudoc.jobs.runner import enqueue, enqueue_on_commit, job

__all__ = ["enqueue", "enqueue_on_commit", "job"]
