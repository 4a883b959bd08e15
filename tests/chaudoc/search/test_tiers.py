"""Two tiers of match: tone marks a resident types rank exact matches first; abbreviations."""

import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse

from chaudoc.abbreviations.models import Abbreviation
from chaudoc.search import engine
from tests.factories import NOW, make_article

pytestmark = pytest.mark.django_db

# (key, title, lead, body, days old). The confusable ones are newer and in the title, so only
# the tiers can put the exact ones first.
CONFUSABLE = [
    ("lu-body", "Thông báo lịch cắt điện tuần này", "Điện lực thông báo.", "Đề phòng lũ.", 40),
    ("lu-lead", "Sông Hậu lên nhanh", "Chủ động ứng phó lũ trên sông Hậu.", "Nước lên.", 30),
    ("lu-title", "Lũ đầu nguồn về sớm", "Mực nước tăng.", "Người dân gia cố nhà.", 60),
    ("lu-old", "Ứng phó với lũ lụt năm 2020", "Tổng kết.", "Rút kinh nghiệm.", 900),
    ("lux-1", "Phát triển du lịch lữ hành tại Núi Sam", "Du lịch.", "Lữ khách.", 1),
    ("lux-2", "Lữ đoàn công binh giúp dân", "Hỗ trợ.", "Lữ đoàn.", 2),
    ("lux-3", "Hội nghị lữ hành", "Các công ty lữ hành.", "Hợp tác.", 3),
    ("ho-1", "Nạo vét hồ chứa nước Núi Sam", "Hồ chứa phục vụ tưới tiêu.", "Công trình.", 50),
    ("ho-2", "Kè bờ hồ Vĩnh Tế", "Bờ hồ sạt lở.", "Khắc phục.", 70),
    ("hoh-1", "Hỗ trợ hộ nghèo đón Tết", "Trao quà cho hộ nghèo.", "Mỗi hộ 500 nghìn.", 1),
    ("hoh-2", "Rà soát hộ cận nghèo", "Hộ cận nghèo giảm.", "Các hộ được hỗ trợ.", 2),
    ("hoj-1", "Dòng họ khuyến học", "Các dòng họ trao học bổng.", "Họ tộc.", 3),
    ("hoj-2", "Họ đạo Châu Đốc mừng lễ", "Giáo dân họ đạo.", "Sinh hoạt.", 4),
    ("uy-1", "Ủy ban nhân dân phường họp", "Ủy ban triển khai nhiệm vụ.", "Họp.", 20),
    ("uy-2", "UBND thành phố kiểm tra chợ", "UBND chỉ đạo.", "Chợ.", 25),
    ("uy-3", "Uỷ ban Mặt trận tổ chức hội nghị", "Uỷ ban Mặt trận.", "Hội nghị.", 35),
    ("hoa-1", "Hòa giải ở cơ sở", "Tổ hòa giải.", "Hòa.", 15),
    ("hoa-2", "Hoà nhạc mừng xuân", "Chương trình hoà nhạc.", "Nhạc.", 16),
    ("thuy-1", "Công trình thủy lợi mùa khô", "Thủy lợi nội đồng.", "Nước.", 17),
    ("thuy-2", "Nghiệm thu kênh thuỷ lợi", "Thuỷ lợi.", "Kênh.", 18),
]


@pytest.fixture
def corpus():
    return {
        key: make_article(
            title,
            lead_vi=lead,
            body_vi=f"<p>{body}</p>",
            published_at=NOW - timedelta(days=days),
        )
        for key, title, lead, body, days in CONFUSABLE
    }


def found(corpus, query, **kwargs):
    by_pk = {a.pk: k for k, a in corpus.items()}
    return [by_pk[h.pk] for h in engine.search(query, **kwargs).hits]


def test_lu_lists_every_article_with_lu_above_any_with_only_lu_of_another_tone(corpus):
    ranked = found(corpus, "lũ")
    exact = {"lu-title", "lu-lead", "lu-body", "lu-old"}
    assert set(ranked[:4]) == exact
    assert {"lux-1", "lux-2", "lux-3"} <= set(ranked[4:])
    # Within the tier, the existing order: title, lead, body; the old title match is second.
    assert ranked[:4] == ["lu-title", "lu-old", "lu-lead", "lu-body"]


def test_ho_ranks_lake_articles_above_household_and_clan_ones(corpus):
    ranked = found(corpus, "hồ")
    assert ranked[:2] == ["ho-1", "ho-2"]
    assert {"hoh-1", "hoh-2", "hoj-1", "hoj-2"} <= set(ranked[2:])  # and "hỗ trợ"
    assert found(corpus, "họ")[:2] == ["hoj-1", "hoj-2"]
    assert found(corpus, "hộ")[:2] == ["hoh-1", "hoh-2"]


def test_words_without_marks_find_every_tone_alike(corpus):
    assert set(found(corpus, "lu")) == {"lu-title", "lu-lead", "lu-body", "lu-old"} | {
        "lux-1",
        "lux-2",
        "lux-3",
    }
    ranked = found(corpus, "ho")
    assert {"ho-1", "ho-2", "hoh-1", "hoh-2", "hoj-1", "hoj-2"} <= set(ranked)
    # No tier: the title matches come newest first, whichever tone they carry.
    assert ranked[:4] == ["hoh-1", "hoh-2", "hoj-1", "hoj-2"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Uỷ ban", "Ủy ban"),
        ("uỷ ban", "ỦY BAN"),
        ("hoà", "hòa"),
        ("thuỷ lợi", "thủy lợi"),
        ("lũ", unicodedata.normalize("NFD", "lũ")),
        ("Ủy ban", unicodedata.normalize("NFD", "Ủy ban")),
        ("hồ", "HỒ"),
    ],
)
def test_spellings_that_are_the_same_vietnamese_give_the_same_results(corpus, one, other):
    assert found(corpus, one) == found(corpus, other)
    assert found(corpus, one)  # and they find something


def test_both_tone_placements_are_exact_matches(corpus):
    assert found(corpus, "hoà")[:2] == ["hoa-1", "hoa-2"]
    assert set(found(corpus, "thủy lợi")[:2]) == {"thuy-1", "thuy-2"}
    assert set(found(corpus, "ủy ban")[:2]) == {"uy-1", "uy-3"}


def test_ubnd_finds_uy_ban_nhan_dan_and_the_reverse(corpus):
    assert set(found(corpus, "UBND")) == {"uy-1", "uy-2"}
    assert set(found(corpus, "Ủy ban nhân dân")) == {"uy-1", "uy-2"}
    assert set(found(corpus, "uy ban nhan dan")) == {"uy-1", "uy-2"}


def test_an_abbreviation_ranks_as_if_its_other_form_had_been_typed(corpus):
    twin = make_article(  # uy-2 written out in full
        "Ủy ban nhân dân thành phố kiểm tra chợ",
        lead_vi="Ủy ban nhân dân chỉ đạo.",
        published_at=NOW - timedelta(days=300),
    )
    for query in ["UBND", "Ủy ban nhân dân", "uy ban nhan dan"]:
        scores = {hit.pk: hit.score for hit in engine.search(query).hits}
        assert scores[twin.pk] == scores[corpus["uy-2"].pk] > scores[corpus["uy-1"].pk], query


def test_an_abbreviation_added_in_the_admin_table_is_used_at_once(corpus):
    assert found(corpus, "HTKH") == []
    Abbreviation.objects.create(short_form="HTKH", full_form="hội nghị", kind="abbreviation")
    assert "lux-3" in found(corpus, "HTKH")
    Abbreviation.objects.filter(short_form="HTKH").update(use_in_search=False)
    Abbreviation.objects.get(short_form="HTKH").save()  # a save announces the change
    assert found(corpus, "HTKH") == []


def test_a_phrase_may_mix_words_typed_with_and_without_marks(corpus):
    assert found(corpus, "lũ lut")[0] == "lu-old"
    assert found(corpus, "lu lụt")[0] == "lu-old"


def test_postgresql_and_python_scores_agree_on_tiers_and_abbreviations(corpus):
    from news.models import Article

    for query in ["lũ", "hồ", "ho", "Uỷ ban", "UBND thành phố", "lũ lut", "hoà nhạc"]:
        for hit in engine.search(query).hits:
            text = Article.objects.get(pk=hit.pk).search_text_vi
            assert engine.python_score(text, query) == hit.score, (query, hit.pk)


def test_a_query_without_marks_is_offered_its_toned_spellings(corpus, client):
    html = client.get(reverse("search"), {"q": "thuy loi"}).content.decode()
    assert "Có phải bạn muốn tìm:" in html
    assert 'href="?q=th%E1%BB%A7y+l%E1%BB%A3i"' in html  # thủy lợi


def test_a_single_word_gets_each_toned_spelling_the_results_use(corpus):
    results = engine.search("ho")
    hits = engine.attach(results.hits[:10], results.words)
    assert set(engine.toned_suggestions(results.query, hits)) <= {"hộ", "họ", "hồ", "hỗ"}
    assert len(engine.toned_suggestions(results.query, hits)) == 3


def test_a_wrong_tone_is_offered_the_one_the_content_uses(corpus):
    results = engine.search("lủ")
    hits = engine.attach(results.hits[:10], results.words)
    assert engine.toned_suggestions(results.query, hits)[0] in {"lũ", "lữ"}


def test_no_toned_suggestion_when_the_query_is_already_what_the_content_says(corpus):
    results = engine.search("hồ")
    hits = engine.attach(results.hits[:10], results.words)
    assert engine.toned_suggestions(results.query, hits) == []


def test_exact_matches_are_not_crowded_out_by_many_newer_folded_ones(corpus, monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATES", 2)  # two newest per cut, as 300 at scale
    ranked = found(corpus, "lũ")
    assert ranked[:2] == ["lu-title", "lu-old"]
    assert engine.search("lũ").truncated
