"""What is read aloud for an article in a language: its title, lead and body as plain text,
through the Vietnamese reading rules, and a fingerprint of it that says when to read again."""

import hashlib
import re
from html.parser import HTMLParser

from django.conf import settings

from chaudoc.abbreviations.table import reading_map
from readaloud import conf
from readaloud.reading import read_vietnamese

# Blocks that end a sentence when read; what is inside SKIPPED is not read at all (pictures'
# captions and credits, code).
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "br", "table"}
SKIPPED = {"figcaption", "script", "style", "pre", "code"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(", ")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html):
    """The readable text of rich text, one paragraph a line."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _sentence(text):
    """A heading or lead read as a sentence of its own (a pause after it)."""
    text = " ".join(str(text or "").split())
    return text if not text or re.search(r"[.!?…:;]$", text) else text + "."


def written_text(article, language):
    """Title, lead and body in `language`, or "" when the article has no text in it."""
    title = getattr(article, f"title_{language}", "") or ""
    if not title.strip():
        return ""
    lead = getattr(article, f"lead_{language}", "") or ""
    body = getattr(article, f"body_{language}", "") or ""
    return "\n".join(part for part in [_sentence(title), _sentence(lead), html_text(body)] if part)


def spoken_text(article, language):
    text = written_text(article, language)
    if text and language == "vi":
        text = read_vietnamese(text, reading_map())
    return text


def fingerprint(text, language, engine_name):
    """Changes when what is said, its language, the engine or the MP3 quality changes."""
    key = "\n".join([engine_name, language, str(conf.get("READALOUD_BITRATE")), text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def languages():
    return [code for code, _name in settings.LANGUAGES]
