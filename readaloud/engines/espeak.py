"""The offline engine: espeak-ng's own library and voice data from the `espeakng-loader` wheel,
called through its public C API (speak_lib.h) with ctypes, and MP3 by LAME from the `lameenc`
wheel. Nothing is downloaded and no network is used: `make run` needs only python3.

espeak-ng keeps one global state per process, so calls are serialised by a lock; it renders
speech many times faster than real time (a 4-minute article takes well under a second).
"""

import ctypes
import threading

import espeakng_loader
import lameenc

from readaloud import conf
from readaloud.engines import Engine, EngineError, Speech

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
ESPEAK_RATE = 1
EE_OK = 0

CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

_lock = threading.Lock()
_state = {}


def _library():
    """Load and initialise libespeak-ng once per process; returns (library, sample rate)."""
    if "lib" not in _state:
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [CALLBACK]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        data = espeakng_loader.get_data_path().encode()
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if rate <= 0:
            raise EngineError("espeak-ng could not start (voice data missing?).")
        _state.update(lib=lib, rate=rate)
    return _state["lib"], _state["rate"]


class Espeak(Engine):
    name = "espeak"
    offline = True
    languages = ("vi", "en")

    def __init__(self, voices=None, rate=None, bitrate=None):
        self.voices = voices or conf.get("READALOUD_ESPEAK_VOICES")
        self.rate = rate or conf.get("READALOUD_ESPEAK_RATE")
        self.bitrate = bitrate or conf.get("READALOUD_BITRATE")

    def synthesize(self, text, language):
        pcm, sample_rate = self.pcm(text, language)
        if not pcm:
            raise EngineError("espeak-ng produced no sound.")
        encoder = lameenc.Encoder()
        encoder.set_bit_rate(self.bitrate)
        encoder.set_in_sample_rate(sample_rate)
        encoder.set_channels(1)
        encoder.set_quality(2)
        audio = bytes(encoder.encode(pcm) + encoder.flush())
        return Speech(audio=audio, duration=len(pcm) / 2 / sample_rate)

    def pcm(self, text, language):
        """16-bit mono PCM of `text` and its sample rate."""
        voice = self.voices.get(language)
        if not voice:
            raise EngineError(f"No espeak-ng voice for language {language!r}.")
        samples = []

        def collect(wav, count, events):
            if count > 0:
                samples.append(ctypes.string_at(wav, count * 2))
            return 0

        callback = CALLBACK(collect)
        encoded = text.encode("utf-8") + b"\0"
        with _lock:
            lib, sample_rate = _library()
            lib.espeak_SetSynthCallback(callback)
            if lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                raise EngineError(f"espeak-ng has no voice {voice!r}.")
            lib.espeak_SetParameter(ESPEAK_RATE, int(self.rate), 0)
            status = lib.espeak_Synth(
                encoded, len(encoded), 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None
            )
            lib.espeak_Synchronize()
        if status != EE_OK:
            raise EngineError(f"espeak-ng could not read the text (error {status}).")
        return b"".join(samples), sample_rate
