"""The voice reads what a person would read: numbers, money, percentages, dates, times,
ordinals, Roman numerals and abbreviations, on the seed article's own sentences."""

from pathlib import Path

import pytest

from readaloud.reading import number_words, read_vietnamese, roman_value

SEED = (Path(__file__).resolve().parents[2] / "news/seed/chau-doc-giam-ngheo-2023.txt").read_text()
TABLE = {"UBND": "Ủy ban nhân dân", "MTTQ": "Mặt trận Tổ quốc", "CSXH": "chính sách xã hội"}


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (105, "một trăm lẻ năm"),
        (142, "một trăm bốn mươi hai"),
        (334, "ba trăm ba mươi tư"),
        (2023, "hai nghìn không trăm hai mươi ba"),
        (97438, "chín mươi bảy nghìn bốn trăm ba mươi tám"),
        (1005000, "một triệu không trăm lẻ năm nghìn"),
        (368000000, "ba trăm sáu mươi tám triệu"),
        (2_500_000_000, "hai tỷ năm trăm triệu"),
    ],
)
def test_whole_numbers_are_read_in_vietnamese(number, words):
    assert number_words(number) == words


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # Money, percentages, grouped thousands and decimals.
        ("368.000.000đ", "ba trăm sáu mươi tám triệu đồng"),
        ("1.500.000 đồng", "một triệu năm trăm nghìn đồng"),
        ("2.000.000 VNĐ", "hai triệu đồng"),
        ("0,49%", "không phẩy bốn mươi chín phần trăm"),
        ("100%", "một trăm phần trăm"),
        ("0,05", "không phẩy không năm"),
        ("41,32 km²", "bốn mươi mốt phẩy ba mươi hai ki lô mét vuông"),
        ("97.438 người", "chín mươi bảy nghìn bốn trăm ba mươi tám người"),
        ("04 hộ", "bốn hộ"),
        # Dates and times.
        ("29/12/2023", "ngày hai mươi chín tháng mười hai năm hai nghìn không trăm hai mươi ba"),
        ("ngày 01/7/2025", "ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm"),
        ("Chiều 29/12", "Chiều hai mươi chín tháng mười hai"),
        ("họp (29/4)", "họp (ngày hai mươi chín tháng tư)"),
        ("lúc 14:30", "lúc mười bốn giờ ba mươi phút"),
        ("lúc 7h30", "lúc bảy giờ ba mươi phút"),
        ("từ 14h", "từ mười bốn giờ"),
        # Shares: what is counted after them says they are not dates.
        ("7/7 phường, xã", "bảy trên bảy phường, xã"),
        ("34/34 hộ", "ba mươi tư trên ba mươi tư hộ"),
        ("200/334 hộ cận nghèo", "hai trăm trên ba trăm ba mươi tư hộ cận nghèo"),
        # Ordinals and Roman numerals where they occur.
        ("thứ 4", "thứ tư"),
        ("hạng 1", "hạng một"),
        ("lần thứ 1", "lần thứ nhất"),
        ("Đại hội XIII", "Đại hội mười ba"),
        ("quý IV", "quý bốn"),
        ("kỳ họp thứ IV", "kỳ họp thứ tư"),
        ("Tôi đi", "Tôi đi"),  # a word of Roman letters elsewhere stays a word
        # The end mark of official texts and the ellipsis are pauses, not words.
        ("năm 2023./.", "năm hai nghìn không trăm hai mươi ba."),
        ("học phí,… cho", "học phí, cho"),
    ],
)
def test_written_forms_are_read_as_a_person_reads_them(written, spoken):
    assert read_vietnamese(written) == spoken


def test_abbreviations_come_from_the_table_whole_words_only():
    table = {"UBND": "Ủy ban nhân dân", "BĐ1": "báo động một", "TP": "thành phố"}
    assert read_vietnamese("UBND TP Châu Đốc", table) == "Ủy ban nhân dân thành phố Châu Đốc"
    assert read_vietnamese("vượt BĐ1 0,2 m", table) == "vượt báo động một không phẩy hai mét"
    assert read_vietnamese("TPHCM và UBNDX", table) == "TPHCM và UBNDX"


def test_roman_numerals_are_checked():
    assert roman_value("XIII") == 13
    assert roman_value("IV") == 4
    assert roman_value("IIII") is None
    assert roman_value("") is None


@pytest.mark.parametrize(
    ("sentence", "spoken"),
    [
        (
            "Chiều 29/12, UBND thành phố Châu Đốc tổ chức hội nghị",
            "Chiều hai mươi chín tháng mười hai, Ủy ban nhân dân thành phố Châu Đốc tổ chức",
        ),
        ("hộ nghèo giảm 34/34 hộ", "hộ nghèo giảm ba mươi tư trên ba mươi tư hộ"),
        ("với số tiền 368.000.000đ;", "với số tiền ba trăm sáu mươi tám triệu đồng;"),
        ("Giảm 142 hộ cận nghèo (0,49%).", "(không phẩy bốn mươi chín phần trăm)."),
        ("lãnh đạo UBND 7/7 phường, xã", "lãnh đạo Ủy ban nhân dân bảy trên bảy phường, xã"),
        ("Ngân hàng CSXH thành phố", "Ngân hàng chính sách xã hội thành phố"),
        ("cấp uỷ đảng, chính quyền, MTTQ,", "cấp uỷ đảng, chính quyền, Mặt trận Tổ quốc,"),
        ("cho 11 tập thể, 4 cá nhân", "cho mười một tập thể, bốn cá nhân"),
        ("phía sau năm 2023./.", "phía sau năm hai nghìn không trăm hai mươi ba."),
    ],
)
def test_the_seed_articles_sentences(sentence, spoken):
    assert sentence in SEED  # the sentence is the seed's own, as written
    assert spoken in read_vietnamese(SEED, TABLE)


def test_no_digit_is_left_for_the_voice_to_guess_in_the_seed_article():
    body = SEED.split("Hình Ảnh Hoạt Động")[0]
    assert not [w for w in read_vietnamese(body, TABLE).split() if any(c.isdigit() for c in w)]
