"""Through the real deploy/nginx.conf and gunicorn: one limit on the length of a request line,
nginx's. A long URL that nginx lets through (a search with many words, an admin list with its
filters) is answered by the portal, never by gunicorn's bare "URI Too Long"; a longer one is
refused by nginx with 414 before it reaches the app (tests/security/test_malformed_requests.py
sweeps every URL pattern with query strings up to that limit)."""

import pytest

from tests.security.limits import REQUEST_LINE_LIMIT, request_line, words

pytestmark = [
    pytest.mark.stack,
    pytest.mark.usefixtures("transactional_db"),
    pytest.mark.xdist_group(__name__),
]


def _search(times):
    return "/tim-kiem/?q=" + words(times)


def test_a_long_url_that_nginx_lets_through_is_answered_by_the_portal(stack):
    path = _search(300)
    assert 4096 < request_line(path) < REQUEST_LINE_LIMIT  # past gunicorn's own default
    answer = stack.get(path)
    assert answer.status == 200, answer.body[:300]
    assert "<html" in answer.body and "Request Line is too large" not in answer.body


def test_a_request_line_past_nginx_limit_is_refused_with_414(stack):
    path = _search(400)
    assert request_line(path) > REQUEST_LINE_LIMIT
    answer = stack.get(path)
    assert answer.status == 414
    assert "nginx" in answer.body  # nginx's own page: the app never saw it
