"""The editor offers what the sanitiser keeps: CKEditor's allowed content is the allow-list of
chaudoc.text.sanitize_html, and every button and format writes something it keeps."""

import re

from django.conf import settings

from chaudoc.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

CONFIG = settings.CKEDITOR_CONFIGS["default"]
# What each toolbar button writes (CKEditor 4's core and image2 plugins).
BUTTON_TAGS = {
    "Format": set(),  # checked through format_tags below
    "Bold": {"strong"},
    "Italic": {"em"},
    "Underline": {"u"},
    "Strike": {"s"},
    "Subscript": {"sub"},
    "Superscript": {"sup"},
    "NumberedList": {"ol", "li"},
    "BulletedList": {"ul", "li"},
    "Blockquote": {"blockquote"},
    "HorizontalRule": {"hr"},
    "Link": {"a"},
    "Unlink": set(),
    "Image": {"img", "figure", "figcaption"},
    "Table": {"table", "caption", "thead", "tbody", "tr", "th", "td"},
    "RemoveFormat": set(),
    "Source": set(),
}


def editor_rules():
    """{tag: attributes} from CKEditor's rule string ("p br; a[!href,title]")."""
    rules = {}
    for rule in CONFIG["allowedContent"].split(";"):
        match = re.fullmatch(r"\s*([\w ]+?)\s*(?:\[([^\]]*)\])?\s*", rule)
        assert match, f"not a plain rule (styles or classes?): {rule!r}"
        attributes = {a.strip().lstrip("!") for a in (match[2] or "").split(",") if a.strip()}
        for tag in match[1].split():
            rules[tag] = attributes
    return rules


def test_the_editor_allows_exactly_the_sanitisers_tags_and_attributes():
    rules = editor_rules()
    assert set(rules) == ALLOWED_TAGS
    assert {tag: attrs for tag, attrs in rules.items() if attrs} == ALLOWED_ATTRIBUTES
    assert "{" not in CONFIG["allowedContent"] and "(" not in CONFIG["allowedContent"]


def test_every_button_and_format_writes_only_what_the_sanitiser_keeps():
    buttons = [name for group in CONFIG["toolbar_Custom"] for name in group]
    assert set(buttons) <= set(BUTTON_TAGS), set(buttons) - set(BUTTON_TAGS)
    for name in buttons:
        assert BUTTON_TAGS[name] <= ALLOWED_TAGS, name
    assert set(CONFIG["format_tags"].split(";")) <= ALLOWED_TAGS


def test_a_captioned_picture_from_the_editor_survives_the_sanitiser():
    html = (
        '<figure class="image"><img alt="Hội nghị" height="300" src="/media/editor/a.jpg" '
        'width="400"><figcaption>Quang cảnh hội nghị</figcaption></figure>'
    )
    assert sanitize_html(html) == html.replace(' class="image"', "")
