"""Requests through the page cache's WSGI door alone, for the tests of this room."""

from chaudoc.pagecache.pages import PageCacheWSGI


def wsgi_get(path, host=None, scheme="http", **environ):
    """A request through the WSGI door alone: (status, headers dict, body); Django behind it
    answers "reached Django" so a test can tell a hit from a miss."""

    def django(environ, start_response):
        start_response("599 Reached Django", [])
        return [b"reached Django"]

    seen = {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": scheme,
        **environ,
    }  # as Django's test client sends them
    if host:
        environ["HTTP_HOST"] = host
    body = b"".join(PageCacheWSGI(django)(environ, lambda s, h: seen.update(s=s, h=dict(h))))
    return seen["s"], seen["h"], body
