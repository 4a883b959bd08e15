from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadAloudConfig(AppConfig):
    name = "readaloud"
    verbose_name = _("Read aloud")

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from readaloud import signals  # noqa: F401 (connects the receivers)
        from readaloud.models import AudioTrack

        # The player appears on the article's cached page once the audio exists.
        invalidate_on_change(AudioTrack)
