"""The title cut on PostgreSQL: the newest title matches are offered whichever way they are read
(a walk down the date index when the words are in many recent titles, the title index when in
few), and not at all when the cut of matches anywhere already holds every match."""

from datetime import timedelta

import pytest
from django.db import connection

from chaudoc.search import engine
from tests.factories import NOW, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_candidates(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the cuts are PostgreSQL's; SQLite scores every LIKE match in Python")
    monkeypatch.setattr(engine, "CANDIDATES", 3)  # three newest per cut, as 300 at scale


def articles(*rows):
    """{key: article} from (key, "title" or "body", days old): the word in that field."""
    made = {}
    for key, where, days in rows:
        title = "Nạo vét kênh Vĩnh Tế" if where == "title" else f"Tin số {key}"
        body = "<p>Công trình kênh nội đồng.</p>" if where == "body" else "<p>Nội dung.</p>"
        made[key] = make_article(title, body_vi=body, published_at=NOW - timedelta(days=days))
    return made


def ranked(made, query="kenh"):
    by_pk = {a.pk: k for k, a in made.items()}
    results = engine.search(query)
    return [by_pk[h.pk] for h in results.hits], results.truncated


def test_words_in_many_recent_titles_offer_the_newest_title_matches():
    made = articles(
        ("t1", "title", 1),
        ("b1", "body", 2),
        ("t2", "title", 3),
        ("b2", "body", 4),
        ("t3", "title", 5),
        ("t4", "title", 6),
    )
    hits, truncated = ranked(made)
    # The newest three matches anywhere are t1, b1, t2; t3 is older but a title match.
    assert hits == ["t1", "t2", "t3", "b1"]
    assert truncated


def test_an_old_title_match_is_not_crowded_out_by_newer_body_matches():
    made = articles(
        *((f"b{n}", "body", n) for n in range(1, 6)),
        ("old", "title", 400),
    )
    hits, truncated = ranked(made)
    assert hits == ["old", "b1", "b2", "b3"]
    assert truncated


def test_a_cut_that_is_not_full_holds_every_match():
    made = articles(("t1", "title", 10), ("b1", "body", 1), ("other", "none", 2))
    hits, truncated = ranked(made)
    assert hits == ["t1", "b1"]
    assert not truncated


def test_marked_words_keep_both_tiers_with_the_title_cuts():
    made = articles(
        ("t1", "title", 1),
        ("b1", "body", 2),
        ("t2", "title", 3),
        ("t3", "title", 5),
    )
    hits, _truncated = ranked(made, "kênh")
    assert hits == ["t1", "t2", "t3", "b1"]
