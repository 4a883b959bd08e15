"""The portal as deployed: gunicorn with production settings behind the real deploy/nginx.conf,
started once per module with bench/common.py's harness (the one the benchmarks use).

gunicorn reads the test database, so the tests write with `transactional_db` (committed rows; a
`db` test's rows stay in its transaction, invisible to another process). The two share one Redis
database for the page cache, as app servers do in production: a change saved here bumps the
generation gunicorn's processes read.
"""

import http.client
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from bench.common import gunicorn, manage, nginx_conf, production_env, start, stop

PROXY_SECONDS = 2  # the micro-cache's lifetime (PAGE_CACHE_PROXY_SECONDS), short to keep it quick
REDIS_URL = "redis://127.0.0.1:6379/10"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Answer:
    status: int
    headers: dict
    body: str


@dataclass
class Stack:
    port: int
    proxy_seconds: int

    def get(self, path, headers=None):
        """GET through nginx, as an anonymous reader (no cookie), redirects not followed."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers={"Host": "localhost", **(headers or {})})
            response = conn.getresponse()
            return Answer(response.status, dict(response.getheaders()),
                          response.read().decode(errors="replace"))
        finally:
            conn.close()


@pytest.fixture(scope="module")
def stack(django_db_setup):
    if NGINX is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: scripts/ensure-test-tools installs it (nginx-light)")
        pytest.skip("nginx is not installed (scripts/ensure-test-tools installs nginx-light)")
    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-stack-"))
    tmp.chmod(0o755)  # nginx workers (www-data or nobody) read static files, write the cache
    app_port, proxy_port = _free_port(), _free_port()
    env = production_env(tmp, None, redis=REDIS_URL, database_url=_database_url(), extra={
        "PAGE_CACHE_PROXY_SECONDS": str(PROXY_SECONDS),
        "GUNICORN_WORKERS": "2",
        "DB_CONN_MAX_AGE": "0",
    })
    procs = []
    caches = override_settings(CACHES={"default": {
        "BACKEND": "chaudoc.cache_backends.RedisCache", "LOCATION": REDIS_URL}})
    try:
        manage(env, "collectstatic", "--noinput", "-v0")
        procs.append(gunicorn(env, app_port, "gunicorn", tmp, path="/healthz"))
        conf = nginx_conf(tmp, env["STATIC_ROOT"], env["MEDIA_ROOT"], app_port, proxy_port)
        procs.append(start([NGINX, "-c", str(conf), "-g", "daemon off;"], env, proxy_port,
                           "nginx", tmp, path="/healthz"))
        caches.enable()
        yield Stack(proxy_port, PROXY_SECONDS)
    finally:
        caches.disable()
        for proc in reversed(procs):
            stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)
