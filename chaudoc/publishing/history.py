"""Version history through django-reversion: registration and the diffs shown in the admin.

Register from an AppConfig.ready(), after django-modeltranslation has added the per-language
fields (title_vi, title_en, ...), so that every language is kept in each version.
"""

import difflib
import json
import re

import reversion
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import models
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from reversion.models import Version

# Bookkeeping that changes on every save: showing it would drown what the author changed.
# (A model adds its own with `history_quiet`.)
QUIET_FIELDS = {"updated_at", "status_changed_at"}
_TOKENS = re.compile(r"\S+\s*|\s+")  # words with their trailing space
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|blockquote|tr|figcaption)>|<br\s*/?>)", re.I)


def register(model, exclude=()):
    """Keep versions of `model`: what people write, in each translated language.

    Left out: the untranslated mirrors of translated fields, the derived search documents
    (rebuilt on every save) and anything in `exclude` (counters and the like).
    """
    from modeltranslation.translator import NotRegistered, translator

    from chaudoc.search.engine import Searchable, stored_search_fields

    try:
        mirrored = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        mirrored = set()
    derived = set(stored_search_fields()) if issubclass(model, Searchable) else set()
    reversion.register(model, exclude=tuple(mirrored | derived | set(exclude)))


def versions_with_changes(obj, limit=None):
    """Newest first: each version with the fields it changed, as (label, html diff) pairs.

    With `limit`, only the newest `limit` versions (and the one before them, read for the
    oldest one's diff): a row saved every minute of a working day keeps hundreds, and the
    change form, opened before every save, must not read them all each time.
    """
    found = Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")
    versions = list(found if limit is None else found[: limit + 1])
    versions.reverse()
    entries = []
    previous = {}
    for version in versions:
        data = version.field_dict
        changes = _changes(obj, previous, data) if previous else []
        entries.append({"version": version, "changes": changes})
        previous = data
    entries.reverse()
    return entries if limit is None else entries[:limit]


def _changes(obj, old, new):
    changes = []
    quiet = QUIET_FIELDS | set(getattr(obj, "history_quiet", ()))
    for field in obj._meta.concrete_fields:
        name = field.attname
        if name not in new or field.name in quiet or old.get(name) == new[name]:
            continue
        before, after = _display(field, old.get(name)), _display(field, new[name])
        wordy = isinstance(field, models.CharField | models.TextField) and not field.choices
        shown = _diff(before, after) if wordy else _swap(before, after)
        changes.append((field.verbose_name, shown))
    return changes


def changes_to_version(obj, version):
    """What reverting `obj` to `version` would change in its content."""
    from chaudoc.publishing.workflow import content_fields

    kept = content_fields(obj)
    current = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    target = {name: value for name, value in version.field_dict.items() if name in kept}
    return _changes(obj, current, target)


def _display(field, value):
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(field, models.DateTimeField):
        from django.utils import timezone

        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    text = str(value)
    if "<" in text:  # rich text: compare what readers read
        text = strip_tags(_BLOCK_END.sub(r"\1\n", text)).strip()
    return text


def _swap(before, after):
    """Short values (a status, a category, a time) are replaced whole."""
    parts = [
        f"<del>{escape(before)}</del>" if before else "",
        f"<ins>{escape(after)}</ins>" if after else "",
    ]
    return mark_safe(" → ".join(part for part in parts if part))


def _diff(before, after):
    """Word-level diff: removed words struck through, added words highlighted."""
    if before == after:
        return escape(_("(formatting only)"))
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return mark_safe("".join(parts))


_TRANSLATED_LABEL = re.compile(r"^(?P<label>.+) \[(?P<language>[\w-]+)\]$")


def field_label(stored):
    """'Body [vi]' (a label as the admin's log stores it, in English) -> 'Nội dung (Tiếng Việt)'."""
    match = _TRANSLATED_LABEL.match(stored)
    if not match:
        return gettext(stored)
    label = match["label"]
    label = gettext(label[:1].lower() + label[1:]) if label[:1].isupper() else gettext(label)
    languages = dict(settings.LANGUAGES)
    language = languages.get(match["language"], match["language"])
    return f"{capfirst(label)} ({gettext(language)})"


def change_message(entry):
    """The admin log entry's message, with translated fields named as field_label() does."""
    try:
        messages = json.loads(entry.change_message)
    except ValueError:
        return entry.get_change_message()
    if not isinstance(messages, list):
        return entry.get_change_message()
    for message in messages:
        for kind in message.values():
            if isinstance(kind, dict) and isinstance(kind.get("fields"), list):
                kind["fields"] = [field_label(str(name)) for name in kind["fields"]]
    return LogEntry(change_message=json.dumps(messages)).get_change_message()
