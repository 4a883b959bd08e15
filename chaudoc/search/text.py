"""Pure text pieces of the search: one tokeniser for documents and queries, parsed queries,
tsquery strings, the same matching in Python (SQLite), snippets with marked words.

Documents and queries go through the same `tokens()`, which gives every word two forms:
- folded: tone marks and đ folded by chaudoc.text.fold_accents, lower case. "GIẢM NGHÈO",
  "giảm nghèo" and "giam ngheo" all become "giam ngheo"; "Vĩnh Nguơn" / "Vĩnh Ngươn" both
  "vinh nguon".
- exact: lower case, NFC, the tone mark on one vowel by one rule (`place_tone`), so the two
  placement conventions ("hoà" / "hòa", "thuỷ" / "thủy", "uỷ" / "ủy"), NFC and NFD input and
  "Đ" / "đ" give one spelling, while "lũ", "lữ" and "lu" stay three words.
Words are split on anything that is not a letter, a digit or a combining mark.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from chaudoc.text import fold_accents

MAX_QUERY_CHARS = 200  # longer input is cut, never refused
MAX_QUERY_WORDS = 8
MAX_WORD_CHARS = 40  # no real word is longer; longer "words" cannot match and are dropped
MAX_POSITION = 16383  # PostgreSQL's limits for a tsvector
MAX_POSITIONS_PER_WORD = 256

_WORD = re.compile(r"[^\W_]+")
_MARKED_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")  # letters with their marks
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TAG = re.compile(r"<[^>]*>")

# The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters. The other marks
# (circumflex, breve, horn) make other letters and stay with their vowel.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
VOWELS = frozenset("aăâeêioôơuưy")
QUALITY_VOWELS = frozenset("ăâêôơư")


def fold_word(word):
    return fold_accents(word).lower()


def _tone_vowel(bare):
    """Index of the vowel that carries the tone in a toneless syllable, or None.

    The older convention, the one most text and keyboards use: a vowel with a quality mark
    takes it (the last one: "ươ" -> ơ); with a final consonant, the last vowel ("hoàn"); in an
    open syllable of two vowels the first ("hòa", "thủy", "mùa"), of three the middle
    ("ngoài", "khuỷu"). The "u" of "qu" and the "i" of "gi" before a vowel are consonants."""
    vowels = [i for i, ch in enumerate(bare) if ch in VOWELS]
    if not vowels:
        return None
    start = end = vowels[0]
    while end + 1 < len(bare) and bare[end + 1] in VOWELS:
        end += 1
    if end > start and start > 0 and bare[start - 1 : start + 1] in ("qu", "gi"):
        start += 1
    marked = [i for i in range(start, end + 1) if bare[i] in QUALITY_VOWELS]
    if marked:
        return marked[-1]
    if end + 1 < len(bare) or end == start:
        return end
    return start + 1 if end - start == 2 else start


def place_tone(word):
    """One spelling of a lower-case word: 'hoà' -> 'hòa', 'thuỷ' -> 'thủy', 'uỷ' -> 'ủy'."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if len(tones) != 1:  # no tone, or not a Vietnamese syllable: as it is
        return unicodedata.normalize("NFC", word)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    at = _tone_vowel(bare)
    if at is None:
        return unicodedata.normalize("NFC", word)
    return unicodedata.normalize("NFC", bare[: at + 1] + tones[0] + bare[at + 1 :])


@lru_cache(maxsize=100_000)
def _forms(word):
    """(folded, exact) of one lower-case NFKC word, or None when it cannot be a word. Cached:
    a language has few distinct words, and tokens() costs 21 µs a word uncached, 2 µs cached
    (a 440-word paragraph, this machine), which indexing 50,000 articles and the suggestions
    from a page of results need."""
    folded = fold_word(word)
    if not folded or len(folded) > MAX_WORD_CHARS or not _WORD.fullmatch(folded):
        return None  # only marks, too long, or a letter that folds to punctuation
    exact = place_tone(word)
    if any(unicodedata.combining(ch) for ch in exact):  # marks NFC cannot attach
        exact = folded
    return folded, exact


def tokens(text):
    """[(folded, exact)] for every word: 'Uỷ BAN' -> [('uy', 'ủy'), ('ban', 'ban')]."""
    normal = unicodedata.normalize("NFKC", str(text or "")).lower()
    return [forms for word in _MARKED_WORD.findall(normal) if (forms := _forms(word))]


def words(text):
    """'Châu Đốc, GIẢM nghèo!' -> ['chau', 'doc', 'giam', 'ngheo']."""
    return [folded for folded, _exact in tokens(text)]


def exact_words(text):
    """'Châu Đốc, GIẢM nghèo!' -> ['châu', 'đốc', 'giảm', 'nghèo']."""
    return [exact for _folded, exact in tokens(text)]


def clean_query(raw):
    """What the reader typed, made safe to show and to parse: no control characters, cut."""
    text = _CONTROL.sub(" ", str(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


def query_words(raw):
    """The distinct folded words of a query, in the order typed, at most MAX_QUERY_WORDS."""
    seen = []
    for word in words(clean_query(raw)):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


def plain_text(rich):
    """Text of sanitised rich text: tags become spaces so paragraphs do not run together."""
    return " ".join(html.unescape(_TAG.sub(" ", rich or "")).split())


# Stored documents ---------------------------------------------------------------------------


def document_line(text):
    """One field of a stored search document: its folded words, space-padded (' giam ngheo ')."""
    return f" {' '.join(words(text))} "


def document_text(texts):
    """The stored search text of fields `texts` (title, lead, body): one line per field of
    folded words, then one per field of exact words, word for word at the same places."""
    pairs = [tokens(text) for text in texts]
    folded = [f" {' '.join(f for f, _ in line)} " for line in pairs]
    exact = [f" {' '.join(e for _, e in line)} " for line in pairs]
    return "\n".join(folded + exact)


def document_tokens(document, fields=3):
    """[(folded, exact)] per field of a stored search text. A text without its exact lines
    (written before they existed) reads as its folded words."""
    lines = (document or "").split("\n")
    out = []
    for n in range(fields):
        folded = lines[n].split() if n < len(lines) else []
        exact = lines[fields + n].split() if fields + n < len(lines) else []
        out.append(list(zip(folded, exact if len(exact) == len(folded) else folded, strict=True)))
    return out


def tsvector_literal(lines, weights=None):
    """A tsvector in PostgreSQL's literal syntax in which each word's folded and exact forms
    share one position ('lu':1A 'lũ':1A), so a phrase may mix them ("lũ lut"). Positions run
    on from one field to the next, as the concatenation of to_tsvector's results does."""
    positions, n = {}, 0
    for line, weight in zip(lines, weights or [""] * len(lines), strict=True):
        for folded, exact in line:
            n = min(n + 1, MAX_POSITION)
            for lexeme in dict.fromkeys((folded, exact)):
                found = positions.setdefault(lexeme, [])
                if len(found) < MAX_POSITIONS_PER_WORD:
                    found.append(f"{n}{weight}")
    return " ".join(f"'{lexeme}':{','.join(at)}" for lexeme, at in positions.items())


# Parsed queries -----------------------------------------------------------------------------

FOLDED, EXACT = "folded", "exact"


@dataclass(frozen=True)
class Term:
    folded: str
    exact: str  # equal to folded when typed without tone marks

    @property
    def marked(self):
        return self.exact != self.folded

    def lexeme(self, tier):
        return self.exact if tier == EXACT else self.folded

    def matches(self, token, tier):
        folded, exact = token
        return exact == self.exact if tier == EXACT and self.marked else folded == self.folded


@dataclass(frozen=True)
class Query:
    """What the reader typed, in slots. A slot holds the words typed (its first alternative)
    and, when those are an abbreviation or a common form in the table, the other forms."""

    slots: tuple  # of tuples of alternatives; an alternative is a tuple of Terms

    @property
    def typed(self):
        return [term for slot in self.slots for term in slot[0]]

    @property
    def words(self):
        """The folded words typed (highlighting, "did you mean")."""
        return [term.folded for term in self.typed]

    @property
    def marked(self):
        """A word was typed with tone marks: then exact matches rank first."""
        return any(term.marked for term in self.typed)

    @property
    def phrase(self):
        """Whether standing together means anything (more than one word)."""
        return len(self.typed) > 1

    def __bool__(self):
        return bool(self.slots)


def parse_query(raw, expansions=None):
    """The Query of what the reader typed. `expansions` maps a folded word sequence to the
    other forms it stands for: {('ubnd',): [('uy', 'ban', 'nhan', 'dan')], ...}."""
    typed = []
    for folded, exact in tokens(clean_query(raw)):
        if Term(folded, exact) not in typed:
            typed.append(Term(folded, exact))
    typed = typed[:MAX_QUERY_WORDS]
    expansions = expansions or {}
    longest = max((len(key) for key in expansions), default=0)
    slots, i = [], 0
    while i < len(typed):
        for size in range(min(longest, len(typed) - i), 0, -1):
            key = tuple(term.folded for term in typed[i : i + size])
            if key in expansions:
                others = [tuple(Term(w, w) for w in form) for form in expansions[key]]
                slots.append((tuple(typed[i : i + size]), *others))
                i += size
                break
        else:
            slots.append(((typed[i],),))
            i += 1
    return Query(tuple(slots))


def tsquery(terms, operator="&", weight=""):
    """A to_tsquery string built from our own tokens only, so no input can inject syntax.

    Each term is letters and digits only (see tokens()); quoting keeps PostgreSQL from reading
    a word such as "or" as anything but a word.
    """
    label = f":{weight}" if weight else ""
    return f" {operator} ".join(f"'{term}'{label}" for term in terms)


def query_tsquery(query, tier=FOLDED, phrase=False, weight=""):
    """The to_tsquery string of a Query: its slots joined by & (by <-> for a phrase), a slot's
    alternatives by |. The words typed take the slots' operator; another form from the table
    is always a phrase: ( 'uy' & 'ban' & 'nhan' & 'dan' ) | ( 'ubnd' )."""
    operator = "<->" if phrase else "&"
    slots = []
    for slot in query.slots:
        alternatives = [
            tsquery([t.lexeme(tier) for t in alt], operator if n == 0 else "<->", weight)
            for n, alt in enumerate(slot)
        ]
        slots.append(" | ".join(f"( {a} )" for a in alternatives))
    return f" {operator} ".join(f"( {s} )" for s in slots)


# The same matching in Python (SQLite), on a stored document's tokens -----------------------


def _at(line, start, terms, tier):
    return start + len(terms) <= len(line) and all(
        term.matches(line[start + k], tier) for k, term in enumerate(terms)
    )


def _has(line, terms, tier, together):
    if together:
        return any(_at(line, i, terms, tier) for i in range(len(line)))
    return all(any(term.matches(token, tier) for token in line) for term in terms)


def matches(line, query, tier=FOLDED, phrase=False):
    """Whether the tokens `line` hold `query`, as query_tsquery's string finds it."""
    if not phrase:
        return all(
            any(_has(line, alt, tier, n > 0) for n, alt in enumerate(slot)) for slot in query.slots
        )

    def rest(slots, start):
        if not slots:
            return True
        return any(
            _at(line, start, alt, tier) and rest(slots[1:], start + len(alt)) for alt in slots[0]
        )

    return any(rest(query.slots, i) for i in range(len(line)))


# Showing results ----------------------------------------------------------------------------


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
