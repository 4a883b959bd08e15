"""The player costs nothing until used: absent until the audio exists, then a native
<audio controls preload="none"> labelled "Nghe đọc bài", with speed choices, never autoplay."""

import pytest
from django.core.files.base import ContentFile
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from readaloud.models import AudioTrack
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def with_audio(article, language="vi", duration=224.0):
    track = AudioTrack(
        article=article, language=language, text_hash="a" * 64, engine="espeak", duration=duration
    )
    track.file.save("audio.mp3", ContentFile(b"\xff\xf3" + b"\0" * 100), save=False)
    track.size = track.file.size
    track.save()
    return track


def player(client, url):
    page = HTMLParser(client.get(url).content.decode())
    return page, page.css_first(".read-aloud")


def test_no_player_while_the_audio_is_not_made(client):
    article = make_article()
    page, found = player(client, article.get_absolute_url())
    assert found is None and page.css("audio") == []


def test_the_player_is_native_labelled_lazy_and_silent(client):
    article = make_article()
    track = with_audio(article)
    page, found = player(client, article.get_absolute_url())
    audio = found.css_first("audio")
    assert audio.attributes["src"] == track.file.url
    assert "controls" in audio.attributes and audio.attributes["preload"] == "none"
    assert "autoplay" not in audio.attributes
    label = page.css_first(f"#{audio.attributes['aria-labelledby']}")
    assert label.text() == "Nghe đọc bài"
    assert found.attributes["role"] == "group"
    speeds = found.css("select option")
    assert [o.text() for o in speeds] == ["0,75×", "1×", "1,25×", "1,5×"]
    assert found.css_first("label").attributes["for"] == found.css_first("select").attributes["id"]
    assert found.css_first("time").text() == "3:44"
    # The speed choice needs the script: it is shown by portal.js, hidden without it.
    assert "hidden" in found.css_first("[data-read-aloud-speed]").attributes


def test_english_pages_play_the_english_audio_of_a_translated_article(client):
    article = make_article(title_en="Poverty reduction", lead_en="Lead.", body_en="<p>Body</p>")
    with_audio(article, "vi")
    english = with_audio(article, "en")
    _page, found = player(client, "/en" + article.get_absolute_url())
    assert found.css_first("audio").attributes["src"] == english.file.url
    assert found.css_first(".read-aloud-title").text() == "Listen to this article"


def test_an_untranslated_article_on_an_english_page_plays_the_vietnamese_audio(client):
    article = make_article()
    vietnamese = with_audio(article, "vi")
    _page, found = player(client, "/en" + article.get_absolute_url())
    assert found.css_first("audio").attributes["src"] == vietnamese.file.url


def test_staff_previews_show_no_player(client):
    article = make_article(status="draft")
    with_audio(article)
    client.force_login(make_staff("quantri", superuser=True))
    _page, found = player(client, f"/xem-truoc/tin-tuc/{article.pk}/")
    assert found is None


def test_the_page_cache_shows_the_player_as_soon_as_the_audio_exists(client):
    article = make_article()
    assert player(client, article.get_absolute_url())[1] is None  # cached without it
    with_audio(article)
    assert player(client, article.get_absolute_url())[1] is not None
