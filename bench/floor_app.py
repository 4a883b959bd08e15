"""The floor: a trivial WSGI app returning the captured home page bytes (no Django)."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
