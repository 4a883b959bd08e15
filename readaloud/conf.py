"""The read-aloud app's settings, with their defaults (chaudoc/settings/base.py reads each from
the environment variable of the same name)."""

from django.conf import settings

DEFAULTS = {
    # Which engine makes the audio (a key of readaloud.engines.ENGINES).
    "READALOUD_ENGINE": "espeak",
    # espeak-ng: the voice per language and the speaking rate (words a minute).
    "READALOUD_ESPEAK_VOICES": {"vi": "vi-VN-x-south", "en": "en"},
    "READALOUD_ESPEAK_RATE": 150,
    # MP3 bit rate of the offline engine, kbit/s: 32 is about 240 KB a minute of speech.
    "READALOUD_BITRATE": 32,
    # Vendor services: seconds one HTTP request may take, extra attempts after a timeout,
    # 429 or 5xx, and the first wait between them (doubled each time).
    "READALOUD_TIMEOUT": 30.0,
    "READALOUD_RETRIES": 2,
    "READALOUD_BACKOFF": 2.0,
    # How long to wait for a vendor's audio file to appear (FPT.AI makes it asynchronously).
    "READALOUD_POLL_SECONDS": 120.0,
    "FPT_AI_API_KEY": "",
    "FPT_AI_VOICE": "lannhi",
    "VIETTEL_AI_TOKEN": "",
    "VIETTEL_AI_VOICE": "hcm-diemmy",
    "ZALO_AI_API_KEY": "",
    "ZALO_AI_SPEAKER_ID": 1,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
