"""Telling a shared cache in front of the portal (a CDN) which tags to purge.

The portal invalidates its own page cache by tag (chaudoc.pagecache.tags); a CDN that keeps
pages longer than nginx's few seconds must drop the same ones. Pages carry their tags in the
`Cache-Tag` header (what Cloudflare, Fastly's `Surrogate-Key` and Akamai's `Edge-Cache-Tag`
read; a CDN strips it before the reader sees it). `PAGE_CACHE_PURGER` names a class with
`purge(tags)`; the default only logs what a CDN would be asked to purge.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class Purger:
    """Called after each invalidation with the set of tags it touched."""

    def purge(self, tags):
        raise NotImplementedError


class LoggingPurger(Purger):
    def purge(self, tags):
        logger.info("purge tags: %s", " ".join(sorted(tags)))


_purgers = {}


def purger():
    path = settings.PAGE_CACHE_PURGER
    found = _purgers.get(path)
    if found is None:
        found = _purgers[path] = import_string(path)()
    return found
