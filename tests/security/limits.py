"""Limits the shipped deploy/nginx.conf puts on requests, read from it, so that the sweeps test
up to what a client can really send and no further."""

import re
from pathlib import Path

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def _request_line_limit():
    """nginx refuses (414) a request line that does not fit in one of its large header
    buffers: `large_client_header_buffers 4 8k` lets through lines of up to 8190 bytes (the
    buffer, less the line's CRLF)."""
    conf = NGINX_CONF.read_text()
    found = re.search(r"^\s*large_client_header_buffers\s+\d+\s+(\d+)k;", conf, re.M)
    return int(found[1]) * 1024 - 2


REQUEST_LINE_LIMIT = _request_line_limit()
WORDS = "gi%E1%BA%A3m+ngh%C3%A8o"  # "giảm nghèo", percent-encoded as a browser sends it


def words(times):
    """WORDS `times` over, as a query value."""
    return "+".join([WORDS] * times)


def request_line(path):
    """The length of the request line a client sends for `path` (with its query)."""
    return len(f"GET {path} HTTP/1.1")
