"""Through the real deploy/nginx.conf and gunicorn: slow and oversized clients cost readers
nothing. A slowloris client (many connections, each trickling its request headers) is held by
nginx, never by a gunicorn thread, and dropped after nginx's header timeout; a body above the
limit is refused with 413 before it reaches the app."""

import http.client
import socket
import time

import pytest

from tests.factories import make_article

pytestmark = [
    pytest.mark.stack,
    pytest.mark.usefixtures("transactional_db"),
    pytest.mark.xdist_group(__name__),
]

SLOW_CLIENTS = 60  # far more than gunicorn's threads here (2 workers × 4 threads)
HEADER_TIMEOUT = 10  # client_header_timeout in deploy/nginx.conf


def trickling(port, n):
    """n connections that each sent a request line and one header, and nothing more."""
    sockets = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(f"GET /?slow={i} HTTP/1.1\r\nHost: localhost\r\n".encode())
        sockets.append(s)
    return sockets


def closed_by_server(s):
    s.settimeout(0.5)
    try:
        return s.recv(1024) == b"" or True  # an answer (408) or the end of the stream
    except TimeoutError:
        return False
    except OSError:
        return True


def test_readers_are_answered_while_slow_clients_hold_connections(stack):
    make_article("Bài đọc khi có kết nối chậm")
    assert stack.get("/").status == 200
    slow = trickling(stack.port, SLOW_CLIENTS)
    try:
        started = time.monotonic()
        for i in range(10):
            # A query string misses the micro-cache: each of these is rendered by gunicorn.
            answer = stack.get(f"/?doc={i}")
            assert answer.status == 200
        assert time.monotonic() - started < 10
        for s in slow:  # one more header line each: still waiting, still held by nginx
            s.sendall(b"X-Slow: 1\r\n")
        assert stack.direct("/healthz").status == 200  # gunicorn has threads to spare
        time.sleep(HEADER_TIMEOUT + 1)
        assert all(closed_by_server(s) for s in slow)
    finally:
        for s in slow:
            s.close()


def test_a_body_above_the_limit_is_refused_before_the_app(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=10)
    connection.putrequest("POST", "/quan-tri/login/", skip_host=True)
    connection.putheader("Host", "localhost")
    connection.putheader("Content-Length", str(26 * 1024 * 1024))
    connection.endheaders()
    connection.send(b"x" * 65536)
    response = connection.getresponse()
    assert response.status == 413
    connection.close()
    assert stack.get("/healthz").status == 200
