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
import ssl
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from bench.common import gunicorn, manage, nginx_conf, production_env, start, stop
from tests.workers import redis_url

PROXY_SECONDS = 2  # the micro-cache's lifetime (PAGE_CACHE_PROXY_SECONDS), short to keep it quick
REDIS_URL = redis_url()  # this worker's own Redis database
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
    app_port: int = 0
    http_port: int = 0  # nginx's plain-HTTP server, when the stack speaks TLS
    tls: bool = False

    def get(self, path, headers=None):
        """GET through nginx, as an anonymous reader (no cookie), redirects not followed."""
        if self.tls:
            return fetch("https", self.port, path, headers)
        return fetch("http", self.port, path, headers)

    def plain(self, path, headers=None):
        """GET from nginx's plain-HTTP server."""
        return fetch("http", self.http_port, path, headers)

    def direct(self, path, headers=None):
        """GET from gunicorn itself, over plain HTTP, as a client reaching it directly."""
        return fetch("http", self.app_port, path, headers)


def fetch(scheme, port, path, headers=None):
    if scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # our own test cert
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = conn.getresponse()
        return Answer(
            response.status, dict(response.getheaders()), response.read().decode(errors="replace")
        )
    finally:
        conn.close()


def _certificate(tmp):
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextmanager
def serve(tls=False, extra_env=None):
    """gunicorn (production settings, the test database) behind nginx (deploy/nginx.conf), on
    free ports; with `tls`, as deployed: HTTPS, plain HTTP redirecting, SECURE_SSL_REDIRECT on."""
    if NGINX is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: scripts/ensure-test-tools installs it (nginx-light)")
        pytest.skip("nginx is not installed (scripts/ensure-test-tools installs nginx-light)")
    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-stack-"))
    tmp.chmod(0o755)  # nginx workers (www-data or nobody) read static files, write the cache
    app_port, proxy_port, http_port = _free_port(), _free_port(), _free_port()
    extra = {
        "PAGE_CACHE_PROXY_SECONDS": str(PROXY_SECONDS),
        "GUNICORN_WORKERS": "2",
        "DB_CONN_MAX_AGE": "0",
    }
    if tls:
        extra.update({"SECURE_SSL_REDIRECT": "true", "SECURE_COOKIES": "true"})
    env = production_env(
        tmp,
        None,
        redis=REDIS_URL,
        database_url=_database_url(),
        extra={**extra, **(extra_env or {})},
    )
    procs = []
    caches = override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            }
        }
    )
    try:
        manage(env, "collectstatic", "--noinput", "-v0")
        procs.append(gunicorn(env, app_port, "gunicorn", tmp, path="/healthz"))
        conf = nginx_conf(
            tmp,
            env["STATIC_ROOT"],
            env["MEDIA_ROOT"],
            app_port,
            proxy_port,
            tls=_certificate(tmp) if tls else None,
            http_port=http_port,
        )
        procs.append(
            start(
                [NGINX, "-c", str(conf), "-g", "daemon off;"],
                env,
                proxy_port,
                "nginx",
                tmp,
                path="/healthz",
                scheme="https" if tls else "http",
            )
        )
        caches.enable()
        yield Stack(proxy_port, PROXY_SECONDS, app_port, http_port, tls)
    finally:
        caches.disable()
        for proc in reversed(procs):
            stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def stack(django_db_setup):
    with serve() as running:
        yield running
