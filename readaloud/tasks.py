"""The read-aloud job: make, keep or remove an article's audio, one file per language.

It runs in the worker, never in a reader's or an editor's request. It reads the article as it
is when the job runs, so a burst of saves ends with the audio of the last one; a text whose
fingerprint has not changed is not read again.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from chaudoc.jobs import job
from chaudoc.publishing.states import Status
from news.models import Article
from readaloud.engines import get_engine
from readaloud.models import AudioTrack
from readaloud.spoken import fingerprint, languages, spoken_text

log = logging.getLogger("readaloud")


def wants_audio(article):
    """Published (or scheduled to be) and not in the trash: the audio is made ahead of time."""
    return article is not None and article.status == Status.PUBLISHED and not article.in_trash


@job()
def make_audio(article_id):
    """Returns what happened per language: "made", "unchanged", "removed" or "none"."""
    article = Article.objects.filter(pk=article_id).first()
    if not wants_audio(article):
        return {"all": "removed" if remove_audio(article_id) else "none"}
    engine = get_engine()
    return {language: _one(article, language, engine) for language in languages()}


def _one(article, language, engine):
    track = AudioTrack.objects.filter(article=article, language=language).first()
    text = spoken_text(article, language) if language in engine.languages else ""
    if not text:
        if track:
            track.delete()
            return "removed"
        return "none"
    digest = fingerprint(text, language, engine.name)
    if track and track.text_hash == digest and track.file:
        return "unchanged"
    speech = engine.synthesize(text, language)
    _store(article, language, digest, engine.name, speech, track)
    log.info(
        "Read %s aloud in %s (%s, %.0f s)", article, language, engine.name, speech.duration or 0
    )
    return "made"


def _store(article, language, digest, engine_name, speech, track):
    old_name = track.file.name if track and track.file else ""
    track = track or AudioTrack(article=article, language=language)
    track.text_hash, track.engine = digest, engine_name
    track.duration, track.size = speech.duration, len(speech.audio)
    track.file.save("audio.mp3", ContentFile(speech.audio), save=False)
    with transaction.atomic():
        track.save()
    if old_name and old_name != track.file.name:
        track.file.storage.delete(old_name)


def remove_audio(article_id):
    """Delete the article's audio rows and files (their receiver removes the files)."""
    removed = 0
    for track in AudioTrack.objects.filter(article_id=article_id):
        track.delete()
        removed += 1
    return removed
