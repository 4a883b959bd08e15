"""Site search on PostgreSQL over a corpus of Vietnamese articles written for these tests."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from chaudoc.publishing.states import Status
from chaudoc.search import engine
from chaudoc.search.text import MAX_QUERY_CHARS, highlight, query_words, snippet
from news.models import Article
from tests.factories import NOW, make_article, make_category, make_ward
from tests.search_corpus import ARTICLES, ENGLISH

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    news, admin_reform = make_category("Tin tức"), make_category("Cải cách hành chính")
    nui_sam, vinh_my = make_ward("Núi Sam"), make_ward("Vĩnh Mỹ")
    made = {}
    for key, title, lead, body, days in ARTICLES:
        is_cds = key.startswith("cds-")
        n = int(key.split("-")[1]) if is_cds else 0
        fields = {
            "lead_vi": lead,
            "body_vi": f"<p>{body}</p>",
            "published_at": NOW - timedelta(days=days),
            "category": admin_reform if is_cds and n % 2 else news,
            "ward": (nui_sam if n % 3 == 0 else vinh_my) if is_cds else None,
        }
        if key in ENGLISH:
            title_en, lead_en, body_en = ENGLISH[key]
            fields.update(title_en=title_en, lead_en=lead_en, body_en=f"<p>{body_en}</p>")
        made[key] = make_article(title, **fields)
    made["draft"] = make_article(
        "Bản nháp về giảm nghèo và lục bình", status=Status.DRAFT, category=news
    )
    made["future"] = make_article(
        "Tin hẹn giờ về giảm nghèo", category=news, published_at=NOW + timedelta(days=400)
    )
    return {
        "articles": made,
        "news": news,
        "admin_reform": admin_reform,
        "nui_sam": nui_sam,
        "vinh_my": vinh_my,
    }


def keys(corpus, results):
    by_pk = {a.pk: k for k, a in corpus["articles"].items()}
    return [by_pk[h.pk] for h in results.hits]


def found(corpus, query, **kwargs):
    return keys(corpus, engine.search(query, **kwargs))


def test_search_runs_on_postgresql_full_text():
    assert connection.vendor == "postgresql"


@pytest.mark.parametrize(
    "query", ["giam ngheo", "GIẢM NGHÈO", "giảm nghèo", "Giảm Nghèo", "giảm   nghèo!"]
)
def test_every_spelling_of_giam_ngheo_finds_the_same_articles(corpus, query):
    assert set(found(corpus, query)) == {"gn-title", "gn-lead", "gn-body"}


@pytest.mark.parametrize("query", ["chau doc", "CHAU DOC", "Châu Đốc", "châu đốc"])
def test_chau_doc_without_marks_finds_chau_doc_with_d(corpus, query):
    assert set(found(corpus, query)) == {"cd-title", "cd-body"}


@pytest.mark.parametrize("query", ["Vĩnh Nguơn", "Vĩnh Ngươn", "vinh nguon", "VĨNH NGƯƠN"])
def test_both_spellings_of_vinh_nguon_find_each_other(corpus, query):
    assert set(found(corpus, query)) == {"vn-uo", "vn-uo2"}


def test_drafts_and_future_articles_are_never_found(corpus):
    assert set(found(corpus, "lục bình")) == {"lb-title", "lb-lead", "lb-body"}
    assert "draft" not in found(corpus, "bản nháp")
    assert found(corpus, "hẹn giờ") == []


def test_a_title_hit_ranks_above_a_lead_hit_above_a_body_hit(corpus):
    # The body hit is the newest, the title hit the oldest: the field decides, not the date.
    assert found(corpus, "luc binh") == ["lb-title", "lb-lead", "lb-body"]


def test_words_next_to_each_other_rank_above_the_same_words_scattered(corpus):
    ranked = found(corpus, "nuôi cá bè")
    assert ranked[:2] == ["phrase", "scattered"]  # the scattered one is newer


def test_equal_matches_come_newest_first(corpus):
    assert found(corpus, "câu lạc bộ dưỡng sinh") == ["new-same", "old-same"]
    titles = found(corpus, "chuyển đổi số")
    assert titles == [f"cds-{n}" for n in range(1, 13)]


def test_postgresql_ranking_agrees_with_the_python_ranking_used_on_sqlite(corpus):
    for query in ["giảm nghèo", "lục bình", "nuôi cá bè", "chuyển đổi số", "châu đốc"]:
        for hit in engine.search(query).hits:
            text = Article.objects.get(pk=hit.pk).search_text_vi
            assert engine.python_score(text, query) == hit.score, (query, hit.pk)


def test_filters_by_category_ward_and_dates(corpus):
    cds = {"category": corpus["admin_reform"]}
    assert found(corpus, "chuyển đổi số", filters=cds) == [f"cds-{n}" for n in (1, 3, 5, 7, 9, 11)]
    ward = {"ward": corpus["nui_sam"]}
    assert found(corpus, "chuyển đổi số", filters=ward) == ["cds-3", "cds-6", "cds-9", "cds-12"]
    dates = {"date_from": NOW - timedelta(days=110), "date_to": NOW - timedelta(days=50)}
    assert found(corpus, "chuyển đổi số", filters=dates) == ["cds-2", "cds-3"]


def test_search_is_in_the_readers_language(corpus, client):
    assert found(corpus, "athletes", language="en") == ["english"]
    assert found(corpus, "athletes", language="vi") == []
    # English results, like every English list, leave out articles without an English title.
    assert "lb-title" in found(corpus, "lục bình", language="vi")
    assert "lb-title" not in found(corpus, "lục bình", language="en")
    html = client.get("/en/tim-kiem/", {"q": "poverty reduction"}).content.decode()
    assert f'href="/en/tin-tuc/{corpus["articles"]["gn-title"].slug}/"' in html


def test_search_page_lists_ranked_results_with_marked_snippets(corpus, client):
    response = client.get(reverse("search"), {"q": "giam ngheo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 kết quả" in html
    positions = [
        html.index(corpus["articles"][k].get_absolute_url())
        for k in ("gn-title", "gn-lead", "gn-body")
    ]
    assert positions == sorted(positions)
    assert "<mark>giảm</mark> <mark>nghèo</mark>" in html


def test_snippets_and_titles_are_escaped_before_words_are_marked(corpus, client):
    html = client.get(reverse("search"), {"q": "giá lúa"}).content.decode()
    assert "<mark>Giá</mark> <mark>lúa</mark> tăng &lt;b&gt;mạnh&lt;/b&gt; &amp; nông dân" in html
    assert "<script>alert(1)</script>" not in html
    text = "Lúa <img src=x onerror=alert(1)> giá cao"
    assert str(highlight(text, ["lua"])) == (
        "<mark>Lúa</mark> &lt;img src=x onerror=alert(1)&gt; giá cao"
    )


def test_snippet_is_a_window_around_the_first_match():
    text = " ".join(f"từ{n}" for n in range(100)) + " giảm nghèo " + "cuối " * 50
    cut = str(snippet(text, ["giam", "ngheo"], size=20, before=5))
    assert cut.startswith("… ") and cut.endswith(" …")
    assert "<mark>giảm</mark> <mark>nghèo</mark>" in cut
    assert len(cut.split()) < 30


def test_results_are_paginated_and_keep_the_query(corpus, client, settings):
    response = client.get(reverse("search"), {"q": "chuyển đổi số", "page": "2"})
    html = response.content.decode()
    assert "Trang 2 / 2" in html
    assert corpus["articles"]["cds-11"].get_absolute_url() in html
    assert corpus["articles"]["cds-1"].get_absolute_url() not in html
    assert 'href="?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&amp;page=1"' in html


def _loaded(obj):
    """Every field an object was loaded with, and the related objects that came with it."""
    values = {name: value for name, value in vars(obj).items() if name != "_state"}
    return values, {
        name: _loaded(rel)[0] for name, rel in obj._state.fields_cache.items() if rel is not None
    }


def test_a_page_of_articles_and_albums_loads_in_one_query_as_in_bulk_would(
    corpus, client, django_assert_num_queries
):
    from gallery.search import albums
    from news.search import articles
    from tests.factories import make_album

    cover = make_album("Album ảnh giảm nghèo ở Núi Sam", photos=1, ward=corpus["nui_sam"])
    make_album("Album giảm nghèo không ảnh")
    results = engine.search("giảm nghèo")
    assert {hit.source.key for hit in results.hits} == {"articles", "albums"}
    with django_assert_num_queries(1):
        hits = engine.attach(results.hits, results.words)
        shown = [
            (
                hit.obj.get_absolute_url(),
                str(hit.title),
                str(hit.snippet),
                getattr(getattr(hit.obj, "category", None), "name", None),
                str(hit.obj.ward) if hit.obj.ward else None,
            )
            for hit in hits
        ]
        covers = [hit.obj.cover and hit.obj.cover.pk for hit in hits if hit.source is albums]
    assert len(shown) == len(results.hits) == 5
    assert cover.cover_id is not None and sorted(covers, key=bool) == [None, cover.cover_id]
    for source in (articles, albums):  # the very objects each source's own query gives
        mine = [hit for hit in hits if hit.source is source]
        alone = (
            source.queryset()
            .select_related(*source.related)
            .defer(*engine.stored_search_fields())
            .in_bulk([hit.pk for hit in mine])
        )
        assert [_loaded(hit.obj) for hit in mine] == [_loaded(alone[hit.pk]) for hit in mine]
        assert all(
            hit.obj.get_deferred_fields() == alone[hit.pk].get_deferred_fields() for hit in mine
        )


def test_misspelled_query_with_no_results_offers_a_suggestion(corpus, client):
    call_command("rebuild_search_index", verbosity=0)
    html = client.get(reverse("search"), {"q": "giam ngheeo"}).content.decode()
    assert "Không tìm thấy" in html
    assert "Có phải bạn muốn tìm:" in html
    assert 'href="?q=giam+ngheo"' in html


def test_no_suggestion_comes_from_unpublished_words(corpus):
    call_command("rebuild_search_index", verbosity=0)
    make_article("Bản nháp về khinh khí cầu", status=Status.DRAFT)
    assert engine.search("khinh khi cauu").suggestion == ""


def test_index_follows_edits(corpus):
    article = corpus["articles"]["other-2"]
    article.title_vi = "Khai giảng lớp đan lát thủ công"
    article.save()
    assert found(corpus, "đan lát") == ["other-2"]
    assert found(corpus, "sửa chữa xe máy") == []


def test_bulk_created_articles_are_searchable(settings, tmp_path):
    call_command("load_demo", articles=5, verbosity=0)
    assert len(engine.search("tin mẫu số 3").hits) >= 1
    assert Article.objects.filter(search_vector_vi__isnull=True).count() == 0


def test_rebuild_search_index_dry_run_changes_nothing(corpus):
    Article.objects.update(search_text_vi="")
    call_command("rebuild_search_index", dry_run=True, verbosity=0)
    assert not Article.objects.exclude(search_text_vi="").exists()
    call_command("rebuild_search_index", verbosity=0)
    assert not Article.objects.filter(search_text_vi="").exists()


HOSTILE = [
    "",
    " ",
    "a" * 1000,
    "giảm nghèo " * 100,
    "%",
    "_",
    "%_%",
    "'",
    '"',
    "''",
    '"giảm nghèo',
    "! & | :*",
    "giam & ngheo | !chau",
    "ngheo:*",
    "'; DROP TABLE news_article; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "giảm\x00nghèo",
    "\x01\x02\x1b[31m\x7f",
    "\u202egiảm",
    "(((",
    "\\",
    "<->",
    "🙂🙂",
    "漢字",
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_any_input_gets_a_sane_page(corpus, client, query):
    response = client.get(reverse("search"), {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="search-form"' in html
    assert "<script>alert" not in html and "<img src=x" not in html
    shown = re.search(r'<input type="search" name="q"(?: value="([^"]*)")?', html).group(1)
    assert len(shown or "") <= MAX_QUERY_CHARS * 6  # escaped, cut to the limit


@pytest.mark.parametrize(
    "params",
    [
        {"q": "giảm nghèo", "category": "\x00"},
        {"q": "giảm nghèo", "ward": "'; DROP TABLE chaudoc_ward; --"},
        {"q": "giảm nghèo", "date_from": "31/02/2024", "date_to": "abc"},
        {"q": "giảm nghèo", "date_from": "2024-05-01", "date_to": "2024-01-01"},
        {"q": "giảm nghèo", "page": "-1"},
        {"q": "giảm nghèo", "page": "9999999999999999999999"},
        {"q": "giảm nghèo", "page": "\x00"},
    ],
)
def test_bad_filters_are_reported_and_ignored(corpus, client, params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    assert response.context["results"].words == ["giam", "ngheo"]


def test_a_bad_date_range_is_explained(corpus, client):
    html = client.get(
        reverse("search"), {"q": "x", "date_from": "2024-05-01", "date_to": "2024-01-01"}
    ).content.decode()
    assert "Ngày kết thúc trước ngày bắt đầu." in html


def test_long_queries_are_cut_to_the_limit(corpus):
    words = query_words("giảm nghèo " + "x" * 2000)
    assert words == ["giam", "ngheo"]
    assert len(query_words(" ".join(f"w{n}" for n in range(50)))) == 8
