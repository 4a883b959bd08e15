"""What the read-aloud app offers the article page: the player, once the audio exists."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from readaloud.models import AudioTrack

register = template.Library()

SPEEDS = ["0.75", "1", "1.25", "1.5"]


@register.inclusion_tag("readaloud/includes/player.html")
def read_aloud(article):
    """The player for the page's language: the English audio on an English page of a
    translated article, the Vietnamese one otherwise; nothing while there is no audio."""
    language = "en" if get_language() == "en" and article.is_translated("en") else "vi"
    track = AudioTrack.objects.filter(article_id=article.pk, language=language).first()
    minutes, seconds = divmod(round(track.duration or 0), 60) if track else (0, 0)
    return {
        "track": track,
        "language": language,
        "speeds": [(speed, number_format(Decimal(speed))) for speed in SPEEDS],
        "minutes": minutes,
        "seconds": seconds,
    }
