"""Pure text pieces of the search: one tokeniser for documents and queries, tsquery strings,
snippets with marked words.

Documents and queries go through the same `words()`: tone marks and đ folded by
chaudoc.text.fold_accents, lower case, split on anything that is not a letter or a digit.
So "GIẢM NGHÈO", "giảm nghèo" and "giam ngheo" all become ["giam", "ngheo"], and
"Vĩnh Nguơn" / "Vĩnh Ngươn" both become ["vinh", "nguon"].
"""

import html
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from chaudoc.text import fold_accents

MAX_QUERY_CHARS = 200  # longer input is cut, never refused
MAX_QUERY_WORDS = 8
MAX_WORD_CHARS = 40  # no real word is longer; longer "words" cannot match and are dropped

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TAG = re.compile(r"<[^>]*>")


def fold_word(word):
    return fold_accents(word).lower()


def words(text):
    """'Châu Đốc, GIẢM nghèo!' -> ['chau', 'doc', 'giam', 'ngheo']."""
    folded = fold_word(unicodedata.normalize("NFC", text or ""))
    return [w for w in _WORD.findall(folded) if len(w) <= MAX_WORD_CHARS]


def clean_query(raw):
    """What the reader typed, made safe to show and to parse: no control characters, cut."""
    text = _CONTROL.sub(" ", str(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


def query_words(raw):
    """The distinct words of a query, in the order typed, at most MAX_QUERY_WORDS."""
    seen = []
    for word in words(clean_query(raw)):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


def plain_text(rich):
    """Text of sanitised rich text: tags become spaces so paragraphs do not run together."""
    return " ".join(html.unescape(_TAG.sub(" ", rich or "")).split())


def document_line(text):
    """One field of a stored search document: its words, space-padded (' giam ngheo ')."""
    return f" {' '.join(words(text))} "


def tsquery(terms, operator="&", weight=""):
    """A to_tsquery string built from our own tokens only, so no input can inject syntax.

    Each term is letters and digits only (see words()); quoting keeps PostgreSQL from reading
    a word such as "or" as anything but a word.
    """
    label = f":{weight}" if weight else ""
    return f" {operator} ".join(f"'{term}'{label}" for term in terms)


def _marked(text, targets):
    """Escape `text` and wrap every word whose folded form is a target in <mark>."""
    out, last = [], 0
    for match in _WORD.finditer(text):
        if fold_word(match.group()) in targets:
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text, terms):
    """The whole text, escaped, with the query's words marked."""
    return mark_safe(_marked(unicodedata.normalize("NFC", text or ""), set(terms)))


def snippet(text, terms, size=32, before=8):
    """About `size` words of `text` around the first match, escaped, with matches marked."""
    text = unicodedata.normalize("NFC", text or "")
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return ""
    targets = set(terms)
    first = next((i for i, (a, b) in enumerate(spans) if fold_word(text[a:b]) in targets), 0)
    start = max(0, first - before) if first else 0
    end = min(len(spans), start + size)
    begin_char = spans[start][0]
    end_char = spans[end - 1][1] if end < len(spans) else len(text)
    body = _marked(text[begin_char:end_char], targets)
    return mark_safe(("… " if start > 0 else "") + body + (" …" if end < len(spans) else ""))
