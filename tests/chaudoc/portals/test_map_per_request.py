"""A request reads the shared portal-map version once, not once per question about portals."""

from unittest import mock

import pytest

from chaudoc.portals import current
from tests.factories import make_article, make_category, make_portal

pytestmark = pytest.mark.django_db


def test_a_page_reads_the_portal_version_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article("Bài A", category=make_category("Kinh tế"))
    client.get(article.get_absolute_url())
    with mock.patch.object(current, "_version", wraps=current._version) as version:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert version.call_count == 1


def test_a_portal_changed_during_a_request_is_seen_by_the_rest_of_it():
    with mock.patch.object(current, "_version", wraps=current._version):
        known = current.portal_map()
        token = current.activate(known.portals[known.default_id], known)
        try:
            portal = make_portal("Phường Vĩnh Tế", "vinhte.example.vn")
            assert current.portal_map().for_host("vinhte.example.vn") == portal
        finally:
            current.deactivate(token)
