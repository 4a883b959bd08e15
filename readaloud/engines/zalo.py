"""Zalo AI Text to Audio (https://zalo.ai/docs/api/text-to-audio-converter).

POST https://api.zalo.ai/v1/tts/synthesize with header `apikey` and a form: input (at most
2,000 characters), speaker_id (1 southern female, 2 northern female, 3 southern male,
4 northern male), speed, encode_type 1 (MP3). The answer is JSON: `error_code` 0 and
`data.url`, a link to the MP3, or another `error_code` with `error_message`.
"""

from readaloud import conf
from readaloud.engines import EngineError, one_line
from readaloud.engines.vendor import VendorEngine

URL = "https://api.zalo.ai/v1/tts/synthesize"
MP3 = 1


class ZaloAI(VendorEngine):
    name = "zalo"
    label = "Zalo AI"
    limit = 2000

    def credentials(self):
        return conf.get("ZALO_AI_API_KEY")

    def piece(self, client, text):
        form = {
            "input": text,
            "speaker_id": str(conf.get("ZALO_AI_SPEAKER_ID")),
            "speed": "1.0",
            "encode_type": str(MP3),
        }
        headers = {"apikey": self.credentials()}
        response = self.send(client, "POST", URL, data=form, headers=headers)
        payload = self.json(response)
        url = (payload.get("data") or {}).get("url") if isinstance(payload, dict) else None
        if payload.get("error_code") != 0 or not url:
            message = payload.get("error_message") or f"HTTP {response.status_code}"
            raise EngineError(one_line(f"Zalo AI refused the text: {message}"))
        return self.download(client, url, wait_for_it=True)
