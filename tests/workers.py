"""What each pytest-xdist worker (`make test` runs several) must have for itself.

The test database is per worker already (pytest-django adds the worker's id to its name); the
Redis database that the page-cache and stack tests share with their own gunicorn processes is
chosen here.
"""

import os

REDIS_FIRST_DB = 10  # 10, 11, ...: below 10 are bench/'s (7) and anyone's development data
REDIS_DATABASES = 16  # Redis's default `databases`


def worker_number():
    """0 for gw0 (or without xdist), 1 for gw1, ..."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw"))


def redis_url():
    """redis://127.0.0.1:6379/<db>, one database per worker: a FLUSHDB or a generation bump in
    one worker never reaches another's."""
    db = REDIS_FIRST_DB + worker_number()
    if db >= REDIS_DATABASES:
        raise RuntimeError(
            f"Redis has {REDIS_DATABASES} databases: run at most "
            f"{REDIS_DATABASES - REDIS_FIRST_DB} pytest-xdist workers"
        )
    return f"redis://127.0.0.1:6379/{db}"
