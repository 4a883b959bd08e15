"""Finds English words in a rendered page: the words a Vietnamese clerk would trip on.

Vietnamese is written one syllable a word, and a syllable has a fixed shape (an initial
consonant, a vowel group, one of eight final consonants). Tone marks and the letters ă â ê ô ơ
ư đ make most Vietnamese words non-ASCII; an ASCII word that has no Vietnamese syllable shape
("Add", "History", "entries", "Heading", "OTP_STATIC") is English (or another foreign word).
English words that happen to have a syllable's shape ("can", "to", "the") slip through, but an
English sentence of the admin always carries other words that do not.

User content is not the page's language: words of text stored in the database (titles, names,
user names) are left out by the caller.
"""

import re

from lxml import html as lxml_html

_INITIAL = "(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
_VOWELS = (
    "(?:oai|oay|oao|oeo|uoi|uou|uya|uye|uyu|ieu|yeu|"
    "ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)"
)
_FINAL = "(?:ch|ng|nh|c|m|n|p|t)?"
SYLLABLE = re.compile(f"^{_INITIAL}{_VOWELS}{_FINAL}$")
WORD = re.compile(r"[^\W\d_]+")
HOST_NAME = re.compile(r"[a-z0-9-]\.[a-z0-9-]+\.[a-z]{2,}")  # chaudoc.angiang.gov.vn

# Names and abbreviations that a Vietnamese page writes as they are.
PROPER = {
    "album",  # a loanword the portal uses for a photo album ("album ảnh")
    "menu",  # a loanword of every Vietnamese portal's admin ("menu chính", "mục menu")
    "website",  # a loanword of every Vietnamese portal ("Liên kết website")
    "byte",  # the unit, as Vietnamese writes it ("0 byte", Django's own filesizeformat)
    "espeak",  # the offline voice engine's name (espeak-ng)
    "atom",  # the feed format
    "authenticator",  # Google / Microsoft Authenticator, apps named on the two-step page
    "freeotp",
    "google",
    "km",
    "microsoft",
    "mm",
    "sapo",  # the newsroom's word for an article's lead
    "ckeditor",
    "csv",
    "ctrl",  # the key
    "email",
    "exif",
    "facebook",
    "html",
    "id",
    "jpeg",
    "meteo",  # Open-Meteo
    "ok",
    "otp",
    "png",
    "qr",
    "rss",
    "totp",
    "url",
    "uv",
    "utc",
    "webp",
    "zalo",
}
# What is not text a reader of the page reads.
SKIPPED_TAGS = {"script", "style", "textarea", "template", "noscript", "code", "pre"}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_TYPES = {"submit", "button", "reset"}


def is_foreign(word):
    """True for an ASCII word that cannot be a Vietnamese syllable (or a known name)."""
    if not word.isascii() or len(word) < 2:
        return False
    lower = word.lower()
    return lower not in PROPER and not SYLLABLE.match(lower)


def page_texts(content):
    """Every piece of text a person reads on the page: text nodes (not scripts, styles or
    textareas), tooltips, placeholders, labels for screen readers and button captions."""
    if not content.strip():
        return []
    root = lxml_html.fromstring(content)
    texts = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        if element.get("lang", "vi") != "vi":
            continue  # a part written in another language on purpose (the language switcher)
        if element.tag not in SKIPPED_TAGS and element.text:
            texts.append(element.text)
        parent = element.getparent()
        if element.tail and (parent is None or parent.tag not in SKIPPED_TAGS):
            texts.append(element.tail)
        texts += [element.get(name) for name in READ_ATTRIBUTES if element.get(name)]
        if element.tag == "input" and element.get("type") in BUTTON_TYPES and element.get("value"):
            texts.append(element.get("value"))
    return texts


def _is_code(chunk):
    """File paths, addresses (host names too), hashes and command names: not words of the
    page's language."""
    return (
        any(c.isdigit() or c in "/*@" for c in chunk)
        or ("_" in chunk and chunk.islower())
        or HOST_NAME.search(chunk) is not None
    )


def foreign_words(texts, known=frozenset()):
    """{word: the first text it was found in} for the foreign words of `texts`, leaving out
    the (lower-case) words in `known` (user content) and code-like chunks."""
    found = {}
    for text in texts:
        for chunk in text.split():
            if _is_code(chunk):
                continue
            for word in WORD.findall(chunk):
                if is_foreign(word) and word.lower() not in known:
                    found.setdefault(word, " ".join(text.split())[:120])
    return found


def words_of(values):
    """The lower-case words of `values` (to leave user content out)."""
    return {word.lower() for value in values for word in WORD.findall(str(value or ""))}
