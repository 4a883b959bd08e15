from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chaudoc.publishing.states import Status
from news.models import Article
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Tin được đọc nhiều", published_at=timezone.now() - timedelta(hours=1))


def views(article):
    return Article.objects.get(pk=article.pk).view_count


def report_view(client, article, ip="192.0.2.1", **headers):
    """What static/js/portal.js does on an article page (the page itself may come from cache)."""
    return client.post(reverse("news:article_viewed", args=[article.pk]), REMOTE_ADDR=ip, **headers)


def test_article_page_carries_its_view_beacon(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-view-url="/tin-tuc/{article.pk}/luot-xem/"' in html


def test_a_reported_view_writes_nothing_to_the_database(client, article):
    with CaptureQueriesContext(connection) as captured:
        assert report_view(client, article).status_code == 204
        assert client.get(article.get_absolute_url()).status_code == 200
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert writes == []
    assert views(article) == 0


def test_buffered_views_are_written_in_bulk_by_the_command(client, article, capsys):
    other = make_article("Tin khác", published_at=timezone.now() - timedelta(hours=1))
    for n in range(3):
        report_view(client, article, ip=f"192.0.2.{n}")
    report_view(client, other)
    call_command("flush_view_counts", dry_run=True)
    assert "Would write 4 views of 2 items." in capsys.readouterr().out
    assert views(article) == 0
    call_command("flush_view_counts")
    assert (views(article), views(other)) == (3, 1)
    call_command("flush_view_counts")  # nothing is counted twice
    assert views(article) == 3


def test_the_buffer_is_flushed_when_it_reaches_its_size(client, article, settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 5
    for n in range(4):
        report_view(client, article, ip=f"192.0.2.{n}")
    assert views(article) == 0
    report_view(client, article, ip="192.0.2.9")
    assert views(article) == 5


def test_staff_views_are_not_counted(client, article):
    client.force_login(make_staff())
    report_view(client, article)
    call_command("flush_view_counts")
    assert views(article) == 0


def test_views_of_unpublished_articles_or_by_get_are_refused(client, article):
    draft = make_article("Nháp", status=Status.DRAFT)
    assert report_view(client, draft).status_code == 404
    assert client.get(reverse("news:article_viewed", args=[article.pk])).status_code == 405
    call_command("flush_view_counts")
    assert views(draft) == 0


def test_a_flush_while_another_runs_is_refused_and_loses_nothing(client, article):
    from django.core.cache import cache
    from django.core.management.base import CommandError

    from chaudoc.viewcounts import counts as viewcounts

    report_view(client, article)
    cache.add(viewcounts.LOCK, 1, 60)
    with pytest.raises(CommandError, match="Another flush is running"):
        call_command("flush_view_counts")
    cache.delete(viewcounts.LOCK)
    call_command("flush_view_counts")
    assert views(article) == 1


def test_two_hundred_posts_from_one_client_add_one_view(client, article):
    other = make_article("Tin khác", published_at=timezone.now() - timedelta(hours=1))
    for _ in range(200):
        assert report_view(client, article, ip="198.51.100.7").status_code == 204
    report_view(client, other, ip="198.51.100.7")  # another article still counts
    call_command("flush_view_counts")
    assert (views(article), views(other)) == (1, 1)


def test_different_clients_each_count(client, article):
    for n in range(1, 11):
        report_view(client, article, ip=f"198.51.100.{n}")
    call_command("flush_view_counts")
    assert views(article) == 10


def test_a_forged_forwarded_header_does_not_make_a_new_client(client, article):
    # Sent straight to gunicorn: the header is not believed.
    for n in range(20):
        report_view(client, article, ip="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    # Through nginx (a trusted proxy): the address nginx appended is the client.
    for n in range(20):
        report_view(
            client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5"
        )
    report_view(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    call_command("flush_view_counts")
    assert views(article) == 3


def test_an_ipv6_client_counts_once_for_its_whole_network(client, article):
    for host in range(1, 30):
        report_view(client, article, ip=f"2001:db8:1:2::{host:x}")
    report_view(client, article, ip="2001:db8:1:3::1")
    call_command("flush_view_counts")
    assert views(article) == 2


def test_the_same_client_counts_again_after_the_window(client, article, settings):
    import time_machine

    with time_machine.travel(timezone.now(), tick=False) as clock:
        report_view(client, article, ip="198.51.100.7")
        clock.shift(timedelta(minutes=29))
        report_view(client, article, ip="198.51.100.7")
        clock.shift(timedelta(minutes=2))
        report_view(client, article, ip="198.51.100.7")
    call_command("flush_view_counts")
    assert views(article) == 2
