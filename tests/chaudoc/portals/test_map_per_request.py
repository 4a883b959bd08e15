"""A request reads the shared portal-map version once, not once per question about portals."""

from unittest import mock

import pytest
from django.core.cache import cache

from chaudoc import versions
from chaudoc.portals import current
from chaudoc.portals.models import Portal
from tests.factories import make_article, make_category, make_portal

pytestmark = pytest.mark.django_db


def test_a_page_reads_the_portal_version_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article("Bài A", category=make_category("Kinh tế"))
    client.get(article.get_absolute_url())
    with mock.patch.object(versions, "read", wraps=versions.read) as version:
        assert client.get(article.get_absolute_url()).status_code == 200
    portal_reads = [c for c in version.call_args_list if c.args == (current.VERSION_KEY,)]
    assert len(portal_reads) == 1


def test_a_portal_changed_during_a_request_is_seen_by_the_rest_of_it():
    with mock.patch.object(versions, "read", wraps=versions.read):
        known = current.portal_map()
        token = current.activate(known.portals[known.default_id], known)
        try:
            portal = make_portal("Phường Vĩnh Tế", "vinhte.example.vn")
            assert current.portal_map().for_host("vinhte.example.vn") == portal
        finally:
            current.deactivate(token)


def test_a_lost_version_number_never_keeps_a_map_older_than_the_last_change():
    """Another process changed a portal and bumped the number, then the cache lost it (cleared,
    evicted by its memory limit, restarted) before this process looked: this process must not
    make its older map the current one."""
    portal = current.default_portal()
    Portal.objects.filter(pk=portal.pk).update(short_name="Tên mới")  # the other process
    cache.delete(current.VERSION_KEY)
    assert current.default_portal().short_name == "Tên mới"
