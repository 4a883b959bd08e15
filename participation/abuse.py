"""Abuse without third parties: a honeypot field, a per-address limit kept in the shared cache
(Redis in production, so every app server counts the same submissions), and a self-hosted
challenge (django-simple-captcha, with a text question as its accessible alternative) once an
address has sent CHALLENGE_AFTER submissions in the window.

The counter is a fixed window per client address: `reserve()` adds one atomically (cache.incr)
before anything is stored, so fifty requests at once store at most LIMIT rows, and the ones
refused are told when the window ends.
"""

import random
import time
from dataclasses import dataclass
from datetime import datetime

from captcha.models import CaptchaStore
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from chaudoc.pages.security import client_ip


def _limits():
    return settings.PARTICIPATION_LIMITS


def _window_key(request, now, kind):
    window = _limits()["window_seconds"]
    start = int(now // window) * window
    return f"participation:{kind}:{client_ip(request)}:{start}", start + window


@dataclass
class Allowance:
    sent: int  # submissions from this address in the current window
    retry_at: datetime  # when the window ends

    @property
    def needs_challenge(self):
        return self.sent >= _limits()["challenge_after"]

    @property
    def exhausted(self):
        return self.sent >= _limits()["limit"]


def allowance(request, kind="sent"):
    key, ends = _window_key(request, time.time(), kind)
    return Allowance(cache.get(key, 0), _moment(ends))


def reserve(request, kind="sent"):
    """Count one submission; False (and nothing must be stored) past the limit."""
    key, _ends = _window_key(request, time.time(), kind)
    timeout = _limits()["window_seconds"] + 5
    cache.add(key, 0, timeout)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        sent = 1
    return sent <= _limits()["limit"]


def release(request, kind="sent"):
    """Give back a reserved submission that was not stored after all."""
    key, _ends = _window_key(request, time.time(), kind)
    try:
        cache.decr(key)
    except ValueError:
        pass


def _moment(timestamp):
    return timezone.localtime(datetime.fromtimestamp(timestamp, tz=timezone.get_current_timezone()))


# The accessible alternative to the picture: a question in words ("năm cộng ba").
NUMBERS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def new_challenge():
    """(picture key, text-question key, the text question): both stored by
    django-simple-captcha (one use each, expiring by CAPTCHA_TIMEOUT)."""
    picture = CaptchaStore.generate_key()
    a, b = random.randint(1, 9), random.randint(1, 9)
    words = f"{NUMBERS[a]} cộng {NUMBERS[b]}"
    text = CaptchaStore.objects.create(challenge=words, response=str(a + b))
    return picture, text.hashkey, words


def text_question(hashkey):
    store = CaptchaStore.objects.filter(hashkey=hashkey).only("challenge").first()
    return store.challenge if store else ""


def passes(hashkey, answer):
    """Whether `answer` solves the stored challenge `hashkey`; the challenge is used up."""
    answer = (answer or "").strip().lower()
    if not hashkey or not answer:
        return False
    CaptchaStore.remove_expired()
    deleted, _ = CaptchaStore.objects.filter(hashkey=hashkey, response=answer).delete()
    return deleted > 0
