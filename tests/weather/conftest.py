from pathlib import Path

import httpx
import pytest

from weather.providers.open_meteo import OpenMeteo

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name):
    return (FIXTURES / name).read_bytes()


class FakeOpenMeteo:
    """Answers at the HTTP transport (httpx.MockTransport) with queued responses or errors.

    Everything above the transport (URL and parameters, timeouts, retries, JSON parsing,
    validation, storage) is the real code.
    """

    def __init__(self):
        self.queue = []
        self.requests = []

    def reply(self, status=200, body=b"", headers=None, times=1):
        for _ in range(times):
            self.queue.append(httpx.Response(status, content=body, headers=headers))
        return self

    def success(self):
        return self.reply(200, fixture_bytes("open_meteo_chau_doc.json"))

    def fail_with(self, exc_class, message):
        self.queue.append((exc_class, message))
        return self

    def __call__(self, request):
        self.requests.append(request)
        if not self.queue:
            raise AssertionError(f"Unexpected request: {request.url}")
        answer = self.queue.pop(0)
        if isinstance(answer, tuple):
            exc_class, message = answer
            raise exc_class(message, request=request)
        return answer


@pytest.fixture
def open_meteo(monkeypatch, settings):
    fake = FakeOpenMeteo()
    monkeypatch.setattr(OpenMeteo, "transport", httpx.MockTransport(fake))
    settings.WEATHER_BACKOFF = 0.01
    settings.WEATHER_MAX_BACKOFF = 0.05
    return fake
