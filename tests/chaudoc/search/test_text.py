"""The word forms search matches on: folded and exact, one tone placement, parsed queries."""

import unicodedata

import pytest

from chaudoc.search.text import (
    EXACT,
    FOLDED,
    document_text,
    document_tokens,
    matches,
    parse_query,
    place_tone,
    query_tsquery,
    tokens,
    tsvector_literal,
)


@pytest.mark.parametrize(
    ("written", "one"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("hoè", "hòe"),
        ("khuỷu", "khuỷu"),
        ("ngoài", "ngoài"),
        ("hoàn", "hoàn"),
        ("quý", "quý"),
        ("qúy", "quý"),
        ("giữa", "giữa"),
        ("gì", "gì"),
        ("người", "người"),
        ("thuyền", "thuyền"),
        ("nghèo", "nghèo"),
        ("lũ", "lũ"),
    ],
)
def test_one_spelling_whatever_the_tone_placement(written, one):
    assert place_tone(written) == one
    assert place_tone(unicodedata.normalize("NFD", written)) == one


def test_words_have_a_folded_and_an_exact_form():
    assert tokens("Uỷ BAN nhân dân Châu Đốc, lũ & lữ!") == [
        ("uy", "ủy"),
        ("ban", "ban"),
        ("nhan", "nhân"),
        ("dan", "dân"),
        ("chau", "châu"),
        ("doc", "đốc"),
        ("lu", "lũ"),
        ("lu", "lữ"),
    ]
    assert tokens(unicodedata.normalize("NFD", "ĐỐC")) == [("doc", "đốc")]
    assert tokens("½ ﬁ 漢字 " + "a" * 41) == [
        ("1", "1"),
        ("2", "2"),
        ("fi", "fi"),
        ("漢字", "漢字"),
    ]


def test_a_stored_document_keeps_both_forms_word_for_word():
    text = document_text(["Lũ về", "Hoà giải", ""])
    assert text.split("\n") == [" lu ve ", " hoa giai ", "  ", " lũ về ", " hòa giải ", "  "]
    assert document_tokens(text)[1] == [("hoa", "hòa"), ("giai", "giải")]
    assert document_tokens(" lu ve \n x \n y ")[0] == [("lu", "lu"), ("ve", "ve")]  # old format


def test_both_forms_share_a_position_in_the_vector():
    literal = tsvector_literal(document_tokens(document_text(["Lũ lũ", "ban", ""])), "ABC")
    assert literal == "'lu':1A,2A 'lũ':1A,2A 'ban':3B"


def test_a_query_typed_with_marks_is_exact_where_marked():
    query = parse_query("lũ lut")
    assert query.marked and query.words == ["lu", "lut"]
    assert query_tsquery(query, EXACT, phrase=True) == "( ( 'lũ' ) ) <-> ( ( 'lut' ) )"
    assert query_tsquery(query, FOLDED) == "( ( 'lu' ) ) & ( ( 'lut' ) )"
    line = tokens("năm lũ lụt")
    assert matches(line, query, EXACT, phrase=True)
    assert not matches(tokens("năm lữ lụt"), query, EXACT)
    assert matches(tokens("năm lữ lụt"), query, FOLDED)


def test_an_abbreviation_is_one_slot_with_its_other_forms():
    table = {("ubnd",): [("uy", "ban", "nhan", "dan")], ("uy", "ban", "nhan", "dan"): [("ubnd",)]}
    query = parse_query("UBND phường", table)
    assert len(query.slots) == 2 and len(query.slots[0]) == 2
    assert query_tsquery(query) == (
        "( ( 'ubnd' ) | ( 'uy' <-> 'ban' <-> 'nhan' <-> 'dan' ) ) & ( ( 'phuong' ) )"
    )
    assert matches(tokens("Ủy ban nhân dân phường"), query, phrase=True)
    assert not matches(tokens("Ủy ban phường nhân dân"), query)  # the other form is a phrase
    assert matches(tokens("phường UBND"), parse_query("Ủy ban nhân dân phường", table))


def test_input_cannot_reach_the_query_syntax():
    query = parse_query("'; DROP TABLE x; -- | ! <-> :*")
    assert query_tsquery(query) == "( ( 'drop' ) ) & ( ( 'table' ) ) & ( ( 'x' ) )"
