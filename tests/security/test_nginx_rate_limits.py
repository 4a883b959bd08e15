"""deploy/nginx.conf's rate limits, with the real file (rewritten to scratch paths as bench/ does)
in front of a stub upstream that counts what reaches it: readers are never limited, what
bypasses the micro-cache and the view-count beacon are."""

import http.client
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import common  # the one rewrite of deploy/nginx.conf, shared with bench/

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# One worker runs this module, so its costly module-scoped fixture runs once (--dist loadgroup).
pytestmark = pytest.mark.xdist_group(__name__)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Upstream(BaseHTTPRequestHandler):
    seen = Counter()

    def answer(self, status):
        Upstream.seen[(self.command, self.path.split("?")[0])] += 1
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        if status == 200 and "Cookie" not in self.headers:
            self.send_header("Cache-Control", "public, max-age=60")
        self.end_headers()

    def do_GET(self):
        self.answer(200)

    def do_POST(self):
        self.answer(204)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxy():
    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-nginx-limits-"))
    tmp.chmod(0o755)  # nginx workers (another user) write the cache below it
    app_port, proxy_port = free_port(), free_port()
    server = ThreadingHTTPServer(("127.0.0.1", app_port), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conf = common.nginx_conf(tmp, tmp, tmp, app_port, proxy_port)
    nginx = subprocess.Popen(
        [NGINX, "-c", str(conf), "-e", str(tmp / "nginx-error.log"), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", proxy_port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        nginx.kill()
        pytest.fail("nginx did not start: " + nginx.stderr.read().decode())
    yield proxy_port
    nginx.terminate()
    nginx.wait(10)
    server.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


def send(port, n, method="GET", path="/", headers=None):
    """n requests on one keep-alive connection; their status codes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    statuses = Counter()
    for i in range(n):
        target = path.format(i=i)
        sent = {name: value.format(i=i) for name, value in (headers or {}).items()}
        connection.request(method, target, body=b"" if method == "POST" else None, headers=sent)
        response = connection.getresponse()
        response.read()
        statuses[response.status] += 1
    connection.close()
    return statuses


def test_readers_of_cached_pages_are_never_rate_limited(proxy):
    assert send(proxy, 300, path="/") == {200: 300}


def test_a_client_flooding_the_view_beacon_reaches_the_app_only_a_few_times(proxy):
    Upstream.seen.clear()
    statuses = send(proxy, 100, "POST", "/tin-tuc/7/luot-xem/")
    assert statuses[429] >= 85
    assert Upstream.seen[("POST", "/tin-tuc/7/luot-xem/")] <= 12


def test_made_up_session_cookies_and_unique_query_strings_are_rate_limited(proxy):
    Upstream.seen.clear()
    cookie = send(proxy, 150, path="/tin-tuc/a/", headers={"Cookie": "sessionid=rac{i}"})
    assert cookie[429] >= 80
    queries = send(proxy, 150, path="/chuyen-muc/b/?utm_source={i}")
    assert queries[429] >= 80
    assert Upstream.seen[("GET", "/tin-tuc/a/")] + Upstream.seen[("GET", "/chuyen-muc/b/")] < 150
