"""The engines: espeak-ng offline (with the network unplugged), and the vendors on recorded
answers (success, error, timeout), faked at the HTTP transport only."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import lameenc
import pytest

from readaloud.engines import EngineError, chunks, get_engine
from readaloud.engines.espeak import Espeak
from readaloud.engines.fpt import URL as FPT_URL
from readaloud.engines.fpt import FptAI
from readaloud.engines.viettel import URL as VIETTEL_URL
from readaloud.engines.viettel import ViettelAI
from readaloud.engines.zalo import URL as ZALO_URL
from readaloud.engines.zalo import ZaloAI

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
SENTENCE = (
    "Chiều hai mươi chín tháng mười hai, Ủy ban nhân dân thành phố Châu Đốc tổ chức hội nghị."
)


def recorded(name):
    return json.loads((FIXTURES / name).read_text())


def mp3(seconds=0.5, rate=22050):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    return bytes(encoder.encode(b"\0\0" * int(rate * seconds)) + encoder.flush())


def is_mp3(data):
    return data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


class Served:
    """The recorded answers in order, and the requests the engine sent."""

    def __init__(self, *answers):
        self.answers, self.requests = list(answers), []

    def __call__(self, request):
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def engine(cls, served, settings, **options):
    settings.FPT_AI_API_KEY = "fpt-key"
    settings.VIETTEL_AI_TOKEN = "viettel-token"
    settings.ZALO_AI_API_KEY = "zalo-key"
    made = cls(retries=2, backoff=1.0, timeout=5.0, poll=10.0, sleep=served_sleeps.append)
    made.transport = httpx.MockTransport(served)
    return made


served_sleeps = []


@pytest.fixture(autouse=True)
def _no_sleeps():
    served_sleeps.clear()


# The offline engine.


def test_espeak_reads_vietnamese_into_a_compressed_mp3():
    speech = Espeak(voices={"vi": "vi-VN-x-south"}, rate=150, bitrate=32).synthesize(SENTENCE, "vi")
    assert is_mp3(speech.audio)
    assert 3 < speech.duration < 15
    kb_per_minute = len(speech.audio) / 1024 / (speech.duration / 60)
    assert kb_per_minute < 300  # a few hundred KB a minute at most


def test_espeak_refuses_a_language_it_has_no_voice_for():
    with pytest.raises(EngineError, match="No espeak-ng voice"):
        Espeak(voices={"vi": "vi"}, rate=150, bitrate=32).synthesize("xin chào", "fr")
    with pytest.raises(EngineError, match="has no voice"):
        Espeak(voices={"vi": "no-such-voice"}, rate=150, bitrate=32).synthesize("xin chào", "vi")


OFFLINE_RUN = """
import socket, sys
assert [name for _index, name in socket.if_nameindex()] == ["lo"], socket.if_nameindex()
from readaloud.engines.espeak import Espeak
speech = Espeak(voices={"vi": "vi-VN-x-south"}, rate=150, bitrate=32).synthesize(sys.argv[1], "vi")
sys.stdout.write(f"{len(speech.audio)} {speech.duration:.2f} {speech.audio[:2].hex()}")
"""


def _unshare():
    """`unshare -n` as root (this machine, CI); `-rn` (a user namespace) for anyone else."""
    unshare = shutil.which("unshare")
    assert unshare, "util-linux's unshare is part of every Debian system"
    for flags in (["-n"], ["-r", "-n"]):
        if subprocess.run([unshare, *flags, "true"], capture_output=True).returncode == 0:
            return [unshare, *flags]
    raise AssertionError("this kernel allows no network namespace")


def test_the_offline_engine_works_with_the_network_unplugged():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # no settings, no database: the engine alone
    run = subprocess.run(
        [*_unshare(), sys.executable, "-c", OFFLINE_RUN, SENTENCE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    size, duration, head = run.stdout.split()
    assert int(size) > 10_000 and float(duration) > 3
    assert head in {"4944", "fff3", "fff2", "fffb"}  # "ID3" or an MPEG audio frame


def test_the_setting_chooses_the_engine(settings):
    settings.READALOUD_ENGINE = "viettel"
    assert isinstance(get_engine(), ViettelAI)
    settings.READALOUD_ENGINE = "nobody"
    with pytest.raises(EngineError, match="Unknown speech engine"):
        get_engine()


def test_long_text_is_cut_at_sentence_ends_within_the_limit():
    text = " ".join(f"Câu số {i} nói về giảm nghèo bền vững." for i in range(300))
    pieces = chunks(text, 2000)
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text


# FPT.AI


def test_fpt_success_waits_for_the_async_link_and_returns_its_mp3(settings):
    audio = mp3()
    served = Served(
        httpx.Response(200, json=recorded("fpt_success.json")),
        httpx.Response(404),  # not made yet: FPT.AI takes seconds to minutes
        httpx.Response(200, content=audio, headers={"content-type": "audio/mpeg"}),
    )
    speech = engine(FptAI, served, settings).synthesize(SENTENCE, "vi")
    assert speech.audio == audio
    post = served.requests[0]
    assert str(post.url) == FPT_URL and post.method == "POST"
    assert post.headers["api_key"] == "fpt-key" and post.headers["voice"] == "lannhi"
    assert post.content.decode() == SENTENCE
    assert str(served.requests[2].url) == recorded("fpt_success.json")["async"]
    assert served_sleeps == [2.0]


def test_fpt_error_is_one_line_naming_the_reason(settings):
    served = Served(httpx.Response(200, json=recorded("fpt_error.json")))
    with pytest.raises(EngineError, match="FPT.AI refused the text: Invalid API key"):
        engine(FptAI, served, settings).synthesize(SENTENCE, "vi")


def test_fpt_timeouts_are_retried_a_bounded_number_of_times(settings):
    served = Served(*[httpx.ReadTimeout("slow")] * 3)
    with pytest.raises(EngineError, match=r"did not answer within 5 s \(3 attempts\)"):
        engine(FptAI, served, settings).synthesize(SENTENCE, "vi")
    assert len(served.requests) == 3 and served_sleeps == [1.0, 2.0]


def test_fpt_recovers_after_a_timeout_and_a_503(settings):
    served = Served(
        httpx.ReadTimeout("slow"),
        httpx.Response(503),
        httpx.Response(200, json=recorded("fpt_success.json")),
        httpx.Response(200, content=mp3()),
    )
    assert is_mp3(engine(FptAI, served, settings).synthesize(SENTENCE, "vi").audio)


def test_a_vendor_without_its_key_sends_nothing(settings):
    served = Served()
    made = engine(FptAI, served, settings)
    settings.FPT_AI_API_KEY = ""
    with pytest.raises(EngineError, match="needs its key"):
        made.synthesize(SENTENCE, "vi")
    assert served.requests == []


# Viettel AI


def test_viettel_success_is_the_mp3_itself(settings):
    audio = mp3()
    served = Served(httpx.Response(200, content=audio, headers={"content-type": "audio/mpeg"}))
    assert engine(ViettelAI, served, settings).synthesize(SENTENCE, "vi").audio == audio
    body = json.loads(served.requests[0].content)
    assert str(served.requests[0].url) == VIETTEL_URL
    assert body == {
        "text": SENTENCE,
        "voice": "hcm-diemmy",
        "speed": 1.0,
        "tts_return_option": 3,
        "token": "viettel-token",
        "without_filter": False,
    }


def test_viettel_error_is_one_line_naming_the_reason(settings):
    served = Served(httpx.Response(401, json=recorded("viettel_error.json")))
    with pytest.raises(EngineError, match="Viettel AI refused the text: Invalid or expired token"):
        engine(ViettelAI, served, settings).synthesize(SENTENCE, "vi")


def test_viettel_timeouts_are_retried_then_reported(settings):
    served = Served(*[httpx.ConnectTimeout("slow")] * 3)
    with pytest.raises(EngineError, match=r"Viettel AI did not answer within 5 s \(3 attempts\)"):
        engine(ViettelAI, served, settings).synthesize(SENTENCE, "vi")
    assert len(served.requests) == 3


def test_viettel_long_articles_are_sent_in_pieces_and_joined(settings):
    text = " ".join(["Hộ nghèo giảm ba mươi tư trên ba mươi tư hộ."] * 100)
    pieces = chunks(text, ViettelAI.limit)
    answers = [httpx.Response(200, content=mp3(0.2), headers={"content-type": "audio/mpeg"})]
    served = Served(*answers * len(pieces))
    speech = engine(ViettelAI, served, settings).synthesize(text, "vi")
    assert len(pieces) > 1 and len(served.requests) == len(pieces)
    assert speech.audio == mp3(0.2) * len(pieces)


# Zalo AI


def test_zalo_success_downloads_the_linked_mp3(settings):
    audio = mp3()
    served = Served(
        httpx.Response(200, json=recorded("zalo_success.json")),
        httpx.Response(200, content=audio),
    )
    assert engine(ZaloAI, served, settings).synthesize(SENTENCE, "vi").audio == audio
    post = served.requests[0]
    assert str(post.url) == ZALO_URL and post.headers["apikey"] == "zalo-key"
    assert b"encode_type=1" in post.content and b"speaker_id=1" in post.content


def test_zalo_error_is_one_line_naming_the_reason(settings):
    served = Served(httpx.Response(200, json=recorded("zalo_error.json")))
    with pytest.raises(EngineError, match="Zalo AI refused the text: Invalid apikey"):
        engine(ZaloAI, served, settings).synthesize(SENTENCE, "vi")


def test_zalo_timeout_is_reported(settings):
    served = Served(*[httpx.ReadTimeout("slow")] * 3)
    with pytest.raises(EngineError, match="Zalo AI did not answer"):
        engine(ZaloAI, served, settings).synthesize(SENTENCE, "vi")


def test_vendors_read_only_vietnamese(settings):
    with pytest.raises(EngineError, match="reads only vi"):
        engine(ZaloAI, Served(), settings).synthesize("Hello", "en")
