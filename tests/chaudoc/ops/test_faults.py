import pytest
from django.db import connection

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as it does when PostgreSQL is unreachable."""
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    monkeypatch.setattr(connection, "cursor", refuse)


def test_readers_get_a_vietnamese_maintenance_page_when_the_database_is_down(
    client, settings, database_down
):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/chuyen-muc/kinh-te/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "Hệ thống đang bảo trì" in response.content.decode()


def test_cached_pages_are_still_served_when_the_database_is_down(client, monkeypatch):
    make_article("Tin vẫn đọc được khi CSDL hỏng")
    client.get("/")
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/")
    assert response.status_code == 200
    assert "Tin vẫn đọc được khi CSDL hỏng" in response.content.decode()


def test_liveness_answers_without_the_database(client, database_down):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readiness_reports_the_database_honestly(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": False, "cache": True}


def test_readiness_is_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_readiness_reports_a_cache_that_is_down(client, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    caches._settings = None
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": True, "cache": False}
    finally:
        caches._settings = None


@pytest.fixture
def hanging_redis(settings):
    """A cache server that accepts connections and never answers (a hung or overloaded Redis):
    a listening socket nobody reads. The cache's own timeouts are all that save the page."""
    import socket

    from django.core.cache import caches

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    port = server.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    caches._settings = None
    yield port
    caches._settings = None
    server.close()


def test_a_cache_that_times_out_still_serves_pages_and_logs_it(client, hanging_redis, caplog):
    article = make_article("Tin khi bộ đệm treo")
    with caplog.at_level("WARNING", logger="chaudoc.pagecache.pages"):
        home = client.get("/")
        page = client.get(article.get_absolute_url())
    assert home.status_code == 200 and "Tin khi bộ đệm treo" in home.content.decode()
    assert page.status_code == 200 and "Tin khi bộ đệm treo" in page.content.decode()
    failures = [r for r in caplog.records if r.name == "chaudoc.pagecache.pages"]
    assert failures and all(r.levelname == "WARNING" for r in failures)
    assert any("Timeout" in type(r.exc_info[1]).__name__ for r in failures if r.exc_info)


def test_readiness_reports_a_cache_that_times_out(client, hanging_redis):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "cache": False}
