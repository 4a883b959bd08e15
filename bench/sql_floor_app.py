"""A page's SQL alone: its queries sent on the portal's own database connection, then the
floor's bytes returned. No ORM, no templates, no middleware. BENCH_SQL_PAGE names the page (the
home page by default), BENCH_PAGE_FILE the bytes.

It shows how much of a cache-off page goes to PostgreSQL and the driver (this row) and how much
to Django building the page (the rest). At import (once, in gunicorn's master) it renders the
page twice with the page cache off and records every statement of the second render with its
parameters (the page's steady state: the site furniture, built by the first, is kept); each request
then sends those statements again on the same kind of connection the portal uses.
"""

import os
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaudoc.settings.production")
django.setup()

from django.db import connection, connections  # noqa: E402  (after setup)
from django.test import Client  # noqa: E402

BODY = Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]
PAGE = os.environ.get("BENCH_SQL_PAGE", "/")


def _record(path):
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # the first render builds the site furniture, kept for later pages
    with connection.execute_wrapper(keep):
        response = client.get(path)
    if response.status_code != 200 or not statements:
        raise SystemExit(
            f"{path} answered {response.status_code} with {len(statements)} queries"
            " (is PAGE_CACHE_SECONDS=0 set?)"
        )
    return statements


STATEMENTS = _record(PAGE)
connections.close_all()  # each worker opens its own connection after the fork


def application(environ, start_response):
    with connection.cursor() as cursor:
        for sql, params in STATEMENTS:
            cursor.execute(sql, params)
            cursor.fetchall()
    start_response("200 OK", HEADERS)
    return [BODY]
