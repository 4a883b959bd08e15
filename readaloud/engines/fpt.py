"""FPT.AI Text to Speech v5 (https://docs.fpt.ai/docs/en/speech/api/text-to-speech).

POST https://api.fpt.ai/hmi/tts/v5 with headers `api_key`, `voice`, `speed` and the text as the
body (3 to 5,000 characters). The answer is JSON: `error` 0 and an `async` link to the MP3,
which appears there after a few seconds to two minutes, or `error` other than 0 and a
`message`. Southern voices: lannhi, linhsan; northern: banmai, thuminh, leminh.
"""

from readaloud import conf
from readaloud.engines import EngineError, one_line
from readaloud.engines.vendor import VendorEngine

URL = "https://api.fpt.ai/hmi/tts/v5"


class FptAI(VendorEngine):
    name = "fpt"
    label = "FPT.AI"
    limit = 5000

    def credentials(self):
        return conf.get("FPT_AI_API_KEY")

    def piece(self, client, text):
        headers = {
            "api_key": self.credentials(),
            "voice": conf.get("FPT_AI_VOICE"),
            "speed": "0",
            "format": "mp3",
        }
        response = self.send(client, "POST", URL, content=text.encode("utf-8"), headers=headers)
        payload = self.json(response)
        if response.status_code != 200 or payload.get("error") != 0 or not payload.get("async"):
            message = payload.get("message") or f"HTTP {response.status_code}"
            raise EngineError(one_line(f"FPT.AI refused the text: {message}"))
        return self.download(client, payload["async"], wait_for_it=True)
