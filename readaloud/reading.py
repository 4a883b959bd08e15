"""Vietnamese reading rules: turn written text into what a person reads aloud.

"368.000.000đ" → "ba trăm sáu mươi tám triệu đồng", "0,49%" → "không phẩy bốn mươi chín phần
trăm", "29/12/2023" → "ngày hai mươi chín tháng mười hai năm hai nghìn không trăm hai mươi ba",
"14:30" → "mười bốn giờ ba mươi phút", "7/7 phường" → "bảy trên bảy phường", "khóa XIII" →
"khóa mười ba", "thứ 4" → "thứ tư", and abbreviations (UBND → "ủy ban nhân dân") from the table
administrators edit (chaudoc.abbreviations). Numbers follow the written Vietnamese convention:
"." groups thousands, "," marks decimals. Rules run in order, so a date is never read as a
fraction and money never as a bare number.
"""

import re

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
# Larger groups of three digits: nghìn (10³), triệu (10⁶), tỷ (10⁹); past that "nghìn tỷ".
GROUPS = ["", "nghìn", "triệu", "tỷ"]


def _tens_and_units(tens, units):
    if tens == 0:
        return [DIGITS[units]] if units else []
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _three_digits(n, full):
    """0-999; `full`: inside a larger number, so 5 is "không trăm lẻ năm"."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0 and units and words:
        words.append("lẻ")
    return words + _tens_and_units(tens, units)


def number_words(n):
    """A whole number in words: 2023 → "hai nghìn không trăm hai mươi ba"."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return DIGITS[0]
    if n >= 10**12:
        high, low = divmod(n, 10**9)
        rest = number_words(low) if low else ""
        return " ".join(w for w in [number_words(high), "tỷ", rest] if w)
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _three_digits(group, full=index < len(groups) - 1)
        if GROUPS[index]:
            words.append(GROUPS[index])
    return " ".join(words)


def decimal_words(whole, fraction=""):
    """ "0,49" → "không phẩy bốn mươi chín"; "0,05" → "không phẩy không năm"."""
    words = number_words(int(whole.replace(".", "")))
    if not fraction:
        return words
    if fraction.startswith("0") or len(fraction) > 3:
        spoken = " ".join(DIGITS[int(d)] for d in fraction)
    else:
        spoken = number_words(int(fraction))
    return f"{words} phẩy {spoken}"


def ordinal_words(n):
    """After "thứ": 1 → "nhất", 4 → "tư", otherwise the number."""
    return {1: "nhất", 4: "tư"}.get(n, number_words(n))


def month_words(n):
    return "tư" if n == 4 else number_words(n)


ROMAN = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman_value(text):
    if not text or not ROMAN_RE.match(text):
        return None
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = ROMAN[char]
        total += -value if following and ROMAN[following] > value else value
    return total


# A number is "368.000.000" (thousands grouped by ".") or "2023", with an optional ",49".
NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
START = r"(?<![\w.,/:])"
END = r"(?![\w/]|[.,]\d)"

# Words that name what is counted: "34/34 hộ" is a share of households, never a date.
COUNTED = (
    "hộ|người|phường|xã|đơn vị|trường|lớp|căn|tập thể|cá nhân|chỉ tiêu|ấp|khóm|thôn|tổ|"
    "huyện|tỉnh|thành phố|cơ quan|doanh nghiệp|hồ sơ|học sinh|trường hợp|gia đình|xã viên|"
    "điểm|phiếu|thủ tục|dự án|công trình|tiêu chí|nhà"
)
# Words after which a day-month needs no "ngày": "Chiều 29/12", "sáng ngày 29/12".
DAY_WORDS = r"(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|mùng|mồng|từ|đến)"
# Words after which a Roman numeral is a number: "khóa XIII", "quý IV", "lần thứ X".
ROMAN_AFTER = (
    r"khóa|khoá|quý|đại hội|kỳ họp|thế kỷ|giai đoạn|phần|chương|mục|tập|nhiệm kỳ|vòng|hạng|"
    r"cấp|loại|đợt|lần"
)
UNITS = {
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "m³": "mét khối",
    "km": "ki lô mét",
    "ha": "héc ta",
    "kg": "ki lô gam",
    "mm": "mi li mét",
    "cm": "xăng ti mét",
    "°C": "độ C",
    "m": "mét",
    "tấn": "tấn",
}
MONEY = r"(?:đồng|VNĐ|VND|đ)"


def _number(match):
    return decimal_words(match.group(1), match.group(2) or "")


def _day_lead(match):
    """ "ngày " before a date, unless the words before it already say when ("Chiều 29/12")."""
    before = match.string[: match.start()]
    return "" if re.search(rf"\b{DAY_WORDS}\s*$", before, re.IGNORECASE) else "ngày "


def _full_date(match):
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    spoken = f"{number_words(day)} tháng {month_words(month)} năm {number_words(year)}"
    return _day_lead(match) + spoken


def _slash(match):
    before, first, second, after = match.group(1), match.group(2), match.group(3), match.group(4)
    a, b = int(first), int(second)
    counted = re.match(rf"\s+(?:{COUNTED})\b", after or "", re.IGNORECASE)
    if not counted and 1 <= a <= 31 and 1 <= b <= 12:
        lead = _day_lead(match) if not before.strip() else "ngày "
        return f"{before}{lead}{number_words(a)} tháng {month_words(b)}{after}"
    return f"{before}{number_words(a)} trên {number_words(b)}{after}"


def _time(match):
    hours, minutes = int(match.group(1)), match.group(2)
    if hours > 24 or (minutes and int(minutes) > 59):
        return match.group(0)
    spoken = f"{number_words(hours)} giờ"
    if minutes and int(minutes):
        spoken += f" {number_words(int(minutes))} phút"
    return spoken


def _roman(match):
    value = roman_value(match.group(2))
    if value is None:
        return match.group(0)
    word = match.group(1)
    if word.lower().rstrip().endswith("thứ"):
        return f"{word}{ordinal_words(value)}"
    return f"{word}{number_words(value)}"


def _abbreviations(text, table):
    if not table:
        return text
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
    return pattern.sub(lambda m: table[m.group(1)], text)


RULES = [
    # "./." ends official texts; "..." and "…" are pauses.
    (re.compile(r"\s*\./\.\s*"), ". "),
    (re.compile(r"\s*(?:…|\.{3,})"), ","),
    (re.compile(r",(?:\s*,)+"), ","),
    (re.compile(START + r"(\d{1,2})/(\d{1,2})/(\d{4})" + END), _full_date),
    (
        re.compile(r"(^|[^\w/])(\d{1,4})/(\d{1,4})(?![\w/]|[.,]\d)((?:\s+\w+)?)", re.MULTILINE),
        _slash,
    ),
    (re.compile(START + r"(\d{1,2})(?::|h|giờ\s?)(\d{2})?(?![\w:])(?!\s*(?:\d|%))"), _time),
    (
        re.compile(START + NUMBER + r"\s?" + MONEY + r"(?!\w)"),
        lambda m: _number(m) + " đồng",
    ),
    (re.compile(START + NUMBER + r"\s?%"), lambda m: _number(m) + " phần trăm"),
    (
        re.compile(
            START + NUMBER + r"\s?(" + "|".join(re.escape(u) for u in UNITS) + r")(?![\w²³])"
        ),
        lambda m: f"{_number(m)} {UNITS[m.group(3)]}",
    ),
    (
        re.compile(rf"\b((?:{ROMAN_AFTER})(?:\s+thứ)?\s+|thứ\s+)([IVXLCDM]+)\b", re.IGNORECASE),
        _roman,
    ),
    (
        re.compile(r"\b(thứ\s+)(\d{1,3})\b", re.IGNORECASE),
        lambda m: m.group(1) + ordinal_words(int(m.group(2))),
    ),
    (re.compile(START + NUMBER + END), _number),
    (re.compile(r"[ \t]+"), " "),
]


def read_vietnamese(text, abbreviations=None):
    """`text` as a Vietnamese voice should say it. `abbreviations`: {short form: spoken}."""
    text = _abbreviations(text, abbreviations or {})
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text.strip()
