"""Speech engines behind one small interface, in the shape of weather/providers/.

An engine turns text in a language into `Speech` (MP3 bytes and their length in seconds) or
raises `EngineError` with a one-line reason. The job (readaloud/tasks.py) stores what an engine
returns; nothing else talks to an engine, so another vendor is one more module here and one
more line in ENGINES. READALOUD_ENGINE chooses.
"""

import re
from dataclasses import dataclass
from importlib import import_module

from readaloud import conf

ENGINES = {
    "espeak": "readaloud.engines.espeak.Espeak",
    "fpt": "readaloud.engines.fpt.FptAI",
    "viettel": "readaloud.engines.viettel.ViettelAI",
    "zalo": "readaloud.engines.zalo.ZaloAI",
}


class EngineError(Exception):
    """Synthesis that produced nothing usable; str() is one line meant for people."""


def one_line(text, limit=240):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Speech:
    audio: bytes  # MP3
    duration: float | None  # seconds, when the engine knows


class Engine:
    """Interface: a name stored with the audio, whether it needs a network, and synthesize()."""

    name = ""
    offline = False
    languages = ("vi",)

    def synthesize(self, text, language) -> Speech:
        raise NotImplementedError


def chunks(text, limit):
    """`text` cut at sentence ends (then at spaces) into pieces of at most `limit` characters:
    the vendors take a few thousand characters a request, an article is longer."""
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.!?;:])\s+|\n+", text):
        sentence = sentence.strip()
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            pieces, current = _flush(pieces, current), ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces, current = _flush(pieces, current), ""
        current = f"{current} {sentence}".strip()
    return [p for p in _flush(pieces, current) if p]


def _flush(pieces, current):
    return [*pieces, current] if current else pieces


def engine_class(name):
    try:
        dotted = ENGINES[name]
    except KeyError:
        raise EngineError(f"Unknown speech engine {name!r}.") from None
    module, _, cls = dotted.rpartition(".")
    return getattr(import_module(module), cls)


def get_engine(name=None, **options):
    return engine_class(name or conf.get("READALOUD_ENGINE"))(**options)
