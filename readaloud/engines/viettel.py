"""Viettel AI Text to Speech (https://viettelai.vn/tts).

POST https://viettelai.vn/tts/speech_synthesis with JSON {text, voice, speed,
tts_return_option: 3 (MP3), token, without_filter}; the answer is the MP3 itself
(`audio/mpeg`), or JSON saying what went wrong (`vi_message` / `en_message`). Southern voices:
hcm-diemmy, hcm-phuongly, hcm-minhquan; northern: hn-quynhanh, hn-thanhtung.
"""

from readaloud import conf
from readaloud.engines import EngineError, one_line
from readaloud.engines.vendor import VendorEngine

URL = "https://viettelai.vn/tts/speech_synthesis"
MP3 = 3


class ViettelAI(VendorEngine):
    name = "viettel"
    label = "Viettel AI"
    limit = 2000

    def credentials(self):
        return conf.get("VIETTEL_AI_TOKEN")

    def piece(self, client, text):
        body = {
            "text": text,
            "voice": conf.get("VIETTEL_AI_VOICE"),
            "speed": 1.0,
            "tts_return_option": MP3,
            "token": self.credentials(),
            "without_filter": False,
        }
        response = self.send(client, "POST", URL, json=body)
        kind = response.headers.get("content-type", "")
        if response.status_code == 200 and kind.startswith("audio/") and response.content:
            return response.content
        payload = self.json(response)
        message = payload.get("en_message") or payload.get("vi_message") or payload.get("message")
        raise EngineError(
            one_line(f"Viettel AI refused the text: {message or f'HTTP {response.status_code}'}")
        )
