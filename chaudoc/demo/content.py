"""Demo content of the portal: the wards of the seed's time, categories, the seed article."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SEED_FILE = Path(__file__).with_name("chau-doc-giam-ngheo-2023.txt")
SEED_PUBLISHED_AT = datetime(2023, 12, 29, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

# (kind, name): the seven units of Châu Đốc at the seed's time (before the 2025 reorganisation).
WARDS = [
    ("phuong", "Châu Phú A"),
    ("phuong", "Châu Phú B"),
    ("phuong", "Núi Sam"),
    ("phuong", "Vĩnh Mỹ"),
    ("phuong", "Vĩnh Ngươn"),
    ("xa", "Vĩnh Châu"),
    ("xa", "Vĩnh Tế"),
]

# (Vietnamese name, English name, shown as a home-page block)
CATEGORIES = [
    ("Tin tức - Sự kiện", "News - Events", True),
    ("Chính trị", "Politics", False),
    ("Kinh tế", "Economy", True),
    ("Văn hóa - Xã hội", "Culture - Society", True),
    ("Quốc phòng - An ninh", "Defence - Security", False),
    ("Thông báo", "Announcements", False),
]

SEED_IMAGE_ALTS = [
    "Quang cảnh hội nghị tổng kết giảm nghèo bền vững năm 2023 (ảnh minh họa)",
    "Lãnh đạo các phường, xã ký kết giao ước thi đua giảm nghèo năm 2024 (ảnh minh họa)",
    "Trao giấy khen cho các tập thể, cá nhân có thành tích giảm nghèo (ảnh minh họa)",
]

SEED_EN = {
    "title": "Conference reviewing the 2023 national target programme for sustainable poverty "
    "reduction",
    "lead": "On the afternoon of 29 December, the People's Committee of Châu Đốc City held a "
    "conference to review the 2023 national target programme for sustainable poverty reduction "
    "and to launch the 2024 plan. The conference was chaired by Trần Quốc Tuấn, Standing "
    "Vice-Chairman of the City People's Committee.",
    "body": [
        "In 2023 the city's steering committee for sustainable poverty reduction, together with "
        "the Party committees, the authorities, the Fatherland Front and mass organisations, "
        "carried out a coordinated set of measures and met or exceeded the plan's targets. "
        "Poor households fell by 34 of 34 and near-poor households by 200 of 334. At the end "
        "of 2023 the city had no poor households left and 142 near-poor households.",
        "Wards and communes mobilised support to build and repair 27 houses for poor and "
        "near-poor families, gave Tết gifts, and paid 368,000,000 VND from the Happy Home Fund "
        "to 368 households, alongside help with livelihoods, schooling, electricity bills, "
        "health insurance and vocational training.",
        "For 2024 the city aims to keep having no poor households and to reduce the number of "
        "near-poor households by 142 (0.49%), with free health insurance for every near-poor "
        "resident and preferential loans for households that need them.",
        "At the conference the leaders of all 7 wards and communes signed an emulation pledge "
        "to meet and exceed the 2024 poverty reduction targets.",
        "On this occasion the City People's Committee awarded certificates of merit to 11 "
        'groups, 4 individuals and 2 benefactors for their contribution to the "for the poor" '
        "movement in 2023.",
    ],
}


def parse_seed():
    """Title, lead and body blocks of the seed page; None in the body marks an image."""
    lines = [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines()]
    title, lead = lines[1], lines[2]
    body = []
    for line in lines[3:]:
        if line in {"Hình Ảnh Hoạt Động"} or line.startswith("DỰ BÁO"):
            break
        if line == "Responsive image":
            body.append(None)
        elif line and line != "\xa0":
            body.append(" ".join(line.split()))
    return title, lead, body


# Words for synthetic articles used in load and scale work.
SYNTHETIC_SUBJECTS = [
    "ra quân dọn vệ sinh môi trường",
    "tổ chức hội nghị sơ kết công tác cải cách hành chính",
    "trao nhà Đại đoàn kết cho hộ cận nghèo",
    "tuyên truyền phòng chống sốt xuất huyết",
    "khai giảng lớp dạy nghề cho lao động nông thôn",
    "kiểm tra an toàn thực phẩm dịp lễ hội Vía Bà Chúa Xứ Núi Sam",
    "tập huấn chuyển đổi số cho cán bộ",
    "tặng quà Tết cho gia đình chính sách",
    "triển khai kế hoạch phòng chống lũ năm",
    "ra mắt mô hình dân vận khéo",
]
SYNTHETIC_PARAGRAPHS = [
    "Thực hiện kế hoạch của UBND thành phố Châu Đốc, các ngành, đoàn thể đã phối hợp triển khai "
    "đồng bộ nhiều giải pháp, huy động sự tham gia của người dân trên địa bàn.",
    "Qua đó góp phần nâng cao chất lượng đời sống vật chất, tinh thần của nhân dân, giữ vững "
    "an ninh chính trị, trật tự an toàn xã hội.",
    "Dịp này, lãnh đạo địa phương biểu dương các tập thể, cá nhân có thành tích tiêu biểu và "
    "đề ra nhiệm vụ trọng tâm trong thời gian tới.",
]
