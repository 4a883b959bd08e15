"""What the vendor engines share: one HTTP client with a timeout on every request, bounded
retries with a growing wait after a timeout, a 429 or a 5xx, and text cut to each vendor's
limit. The audio is the vendor's own MP3, pieces joined frame to frame (MP3 frames stand alone).
"""

import logging
import time

import httpx

from readaloud import conf
from readaloud.engines import Engine, EngineError, Speech, chunks, one_line

log = logging.getLogger("readaloud")

RETRY_STATUSES = {429, 500, 502, 503, 504}


class VendorEngine(Engine):
    label = ""  # the vendor's name in messages
    limit = 2000  # characters a request may carry
    # The HTTP transport; None is httpx's real one. Tests put an httpx.MockTransport here.
    transport = None

    def __init__(self, *, timeout=None, retries=None, backoff=None, poll=None, sleep=time.sleep):
        self.timeout = conf.get("READALOUD_TIMEOUT") if timeout is None else timeout
        self.retries = conf.get("READALOUD_RETRIES") if retries is None else retries
        self.backoff = conf.get("READALOUD_BACKOFF") if backoff is None else backoff
        self.poll = conf.get("READALOUD_POLL_SECONDS") if poll is None else poll
        self.sleep = sleep

    def synthesize(self, text, language):
        if language not in self.languages:
            raise EngineError(f"{self.label} reads only {', '.join(self.languages)}.")
        if not self.credentials():
            raise EngineError(f"{self.label} needs its key in the settings.")
        with httpx.Client(transport=self.transport, timeout=self.timeout) as client:
            audio = b"".join(self.piece(client, piece) for piece in chunks(text, self.limit))
        return Speech(audio=audio, duration=None)

    def credentials(self):
        raise NotImplementedError

    def piece(self, client, text):
        """MP3 bytes for one piece of text."""
        raise NotImplementedError

    def send(self, client, method, url, **kwargs):
        """One request, retried on timeouts, 429 and 5xx; any other failure is an EngineError."""
        for attempt in range(self.retries + 1):
            try:
                response = client.request(method, url, **kwargs)
            except httpx.TimeoutException:
                problem = f"{self.label} did not answer within {self.timeout:g} s"
            except httpx.TransportError as exc:
                raise EngineError(one_line(f"Could not reach {self.label}: {exc}")) from exc
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                problem = f"{self.label} answered HTTP {response.status_code}"
            if attempt == self.retries:
                raise EngineError(f"{problem} ({attempt + 1} attempts).")
            delay = self.backoff * 2**attempt
            log.warning("%s; trying again in %g s", problem, delay)
            self.sleep(delay)
        raise AssertionError("unreachable")

    def download(self, client, url, *, wait_for_it=False):
        """The MP3 at `url`; with `wait_for_it`, poll while it is not there yet (404)."""
        waited, delay = 0.0, 2.0
        while True:
            response = self.send(client, "GET", url)
            if response.status_code == 200 and response.content:
                return response.content
            if not (wait_for_it and response.status_code == 404 and waited < self.poll):
                raise EngineError(
                    f"{self.label}'s audio file answered HTTP {response.status_code}."
                )
            self.sleep(delay)
            waited += delay

    def json(self, response):
        try:
            return response.json()
        except ValueError:
            raise EngineError(
                f"{self.label} answered HTTP {response.status_code} with no JSON."
            ) from None
