"""Demo content of the introduction for chaudoc's load_demo: each ward portal's pages (with a
boundary map drawn here), offices, leaders, procedures, website links and main menu.
Written for the demo: people, phone numbers and procedure codes are samples, and the pages
say so. Idempotent."""

import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from about.migrations import _menu
from about.models import IntroPage, Leader, MenuItem, Office, Procedure, WebLink
from chaudoc.publishing.states import Status

SAMPLE_VI = "<p><em>Nội dung mẫu, viết cho bản trình diễn của cổng thông tin.</em></p>"
SAMPLE_EN = "<p><em>Sample content, written for the portal's demo.</em></p>"

# Each ward portal's introduction (by portal slug): facts from the 2025 reorganisation as the
# press reported them (chaudoc/demo/content.py), the rest sample text.
UNITS = {
    "chau-doc": {
        "name": ("phường Châu Đốc", "Châu Đốc Ward"),
        "area": "41,32",
        "people": "97.438",
        "formed": (
            "Phường Châu Đốc được thành lập từ ngày 01/07/2025 trên cơ sở phường Vĩnh Ngươn, "
            "Châu Phú A, Châu Phú B, Vĩnh Mỹ và ấp Mỹ An của xã Vĩnh Châu.",
            "Châu Đốc Ward was formed on 1 July 2025 from the wards of Vĩnh Ngươn, Châu Phú A, "
            "Châu Phú B and Vĩnh Mỹ and the hamlet of Mỹ An of Vĩnh Châu commune.",
        ),
        "relics": (
            "Đình Châu Phú, chợ Châu Đốc và bến phà trên sông Hậu là những địa danh quen thuộc "
            "của người dân và du khách.",
            "The Châu Phú communal house, the Châu Đốc market and the ferry landing on the Hậu "
            "river are places residents and visitors know well.",
        ),
        "neighbours": (
            "Phía bắc giáp phường Vĩnh Tế và biên giới Campuchia, phía đông giáp sông Hậu.",
            "It borders Vĩnh Tế Ward and Cambodia to the north and the Hậu river to the east.",
        ),
    },
    "vinh-te": {
        "name": ("phường Vĩnh Tế", "Vĩnh Tế Ward"),
        "area": "64,2",
        "people": "40.222",
        "formed": (
            "Phường Vĩnh Tế được thành lập từ ngày 01/07/2025 trên cơ sở phường Núi Sam, xã Vĩnh "
            "Tế và phần còn lại của xã Vĩnh Châu.",
            "Vĩnh Tế Ward was formed on 1 July 2025 from Núi Sam ward, Vĩnh Tế commune and the "
            "rest of Vĩnh Châu commune.",
        ),
        "relics": (
            "Núi Sam với Miếu Bà Chúa Xứ, Lăng Thoại Ngọc Hầu và Chùa Tây An; kênh Vĩnh Tế chạy "
            "dọc biên giới.",
            "Sam mountain with the Bà Chúa Xứ temple, the tomb of Thoại Ngọc Hầu and the Tây An "
            "pagoda; the Vĩnh Tế canal runs along the border.",
        ),
        "neighbours": (
            "Phía nam giáp phường Châu Đốc, phía tây bắc giáp biên giới Campuchia.",
            "It borders Châu Đốc Ward to the south and Cambodia to the north-west.",
        ),
    },
}

OFFICES = [
    # (key, parent key, name vi, name en, head title vi, head title en, head leader index)
    ("ubnd", None, "Ủy ban nhân dân", "People's Committee", "Chủ tịch", "Chairman", 0),
    (
        "vp",
        "ubnd",
        "Văn phòng HĐND và UBND",
        "Office of the Council and Committee",
        "Chánh Văn phòng",
        "Chief of Office",
        None,
    ),
    (
        "ktht",
        "ubnd",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Economy, Infrastructure and Urban Affairs",
        "Trưởng phòng",
        "Head",
        1,
    ),
    ("vhxh", "ubnd", "Phòng Văn hóa - Xã hội", "Culture and Society", "Trưởng phòng", "Head", 2),
    (
        "hcc",
        "vp",
        "Trung tâm Phục vụ hành chính công",
        "Public Administration Service Centre",
        "Giám đốc",
        "Director",
        None,
    ),
]

LEADERS = [
    (
        "Nguyễn Văn An (mẫu)",
        "Chủ tịch UBND",
        "Chairman of the People's Committee",
        "Lãnh đạo, điều hành chung hoạt động của Ủy ban nhân dân; phụ trách công tác tổ chức, "
        "nội chính, quốc phòng, an ninh.",
        "Leads and runs the People's Committee as a whole; in charge of organisation, internal "
        "affairs, defence and security.",
    ),
    (
        "Trần Thị Bình (mẫu)",
        "Phó Chủ tịch UBND",
        "Vice-Chairwoman of the People's Committee",
        "Phụ trách lĩnh vực kinh tế, tài chính, ngân sách, xây dựng, đô thị, tài nguyên và "
        "môi trường.",
        "In charge of the economy, finance and budget, construction, urban affairs, land and "
        "the environment.",
    ),
    (
        "Lê Văn Cường (mẫu)",
        "Phó Chủ tịch UBND",
        "Vice-Chairman of the People's Committee",
        "Phụ trách lĩnh vực văn hóa, xã hội, giáo dục, y tế, lao động và chính sách xã hội.",
        "In charge of culture, society, education, health, labour and social policy.",
    ),
]

PROCEDURES = [
    ("Đăng ký khai sinh", "Birth registration", "Hộ tịch", "Civil status", "1.001193"),
    ("Đăng ký kết hôn", "Marriage registration", "Hộ tịch", "Civil status", "1.000894"),
    ("Đăng ký khai tử", "Death registration", "Hộ tịch", "Civil status", "1.000656"),
    (
        "Chứng thực bản sao từ bản chính",
        "Certified copies of originals",
        "Chứng thực",
        "Certification",
        "2.000815",
    ),
    (
        "Chứng thực chữ ký trong giấy tờ, văn bản",
        "Certifying a signature",
        "Chứng thực",
        "Certification",
        "2.000884",
    ),
    ("Đăng ký thường trú", "Permanent residence registration", "Cư trú", "Residence", "1.004194"),
    (
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Building permit for a private house",
        "Xây dựng",
        "Construction",
        "1.009994",
    ),
    (
        "Đăng ký hộ kinh doanh",
        "Household business registration",
        "Thành lập và hoạt động của hộ kinh doanh",
        "Household businesses",
        "2.000720",
    ),
]
PROCEDURE_URL = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={}"
)

LINKS = [
    ("Cổng Thông tin điện tử Chính phủ", "Government portal", "https://chinhphu.vn"),
    ("Cổng Dịch vụ công quốc gia", "National Public Service Portal", "https://dichvucong.gov.vn"),
    ("Cổng Thông tin điện tử tỉnh An Giang", "An Giang Province portal", "https://angiang.gov.vn"),
    ("Công báo Chính phủ", "Official Gazette", "https://congbao.chinhphu.vn"),
    (
        "Cơ sở dữ liệu quốc gia về văn bản pháp luật",
        "National database of legal documents",
        "https://vbpl.vn",
    ),
]


def boundary_map(seed):
    """A PNG sketch of the unit's boundary (a demo stand-in for the official map)."""
    img = Image.new("RGB", (960, 640), (232, 240, 230))
    draw = ImageDraw.Draw(img)
    draw.rectangle([860, 0, 960, 640], fill=(150, 190, 230))  # the river
    shift = seed * 40
    outline = [(120 + shift, 80), (640, 60 + shift), (820, 260), (760, 560), (300, 600), (90, 380)]
    draw.polygon(outline, fill=(250, 236, 190), outline=(179, 38, 30), width=6)
    draw.line([(0, 40), (960, 20)], fill=(120, 120, 120), width=4)  # the border
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


def _pages(unit, portal, seed):
    (name_vi, name_en), formed = unit["name"], unit["formed"]
    facts_vi = f"Diện tích tự nhiên {unit['area']} km², dân số {unit['people']} người."
    facts_en = f"Area {unit['area']} km², population {unit['people']}."
    return [
        (
            "to-chuc",
            None,
            ("Tổ chức bộ máy", "Organisation"),
            (f"Tổ chức bộ máy của {name_vi}.", f"How {name_en} is organised."),
            (
                f"<p>{formed[0]}</p><p>Ủy ban nhân dân gồm Chủ tịch, các Phó Chủ tịch và các phòng "
                "chuyên môn (xem Cơ cấu tổ chức).</p>",
                f"<p>{formed[1]}</p><p>The People's Committee has a chairman, vice-chairs and "
                "specialised offices (see the organisation chart).</p>",
            ),
        ),
        (
            "dieu-kien-tu-nhien",
            None,
            ("Điều kiện tự nhiên", "Natural conditions"),
            (facts_vi, facts_en),
            (
                f"<p>{facts_vi} {unit['neighbours'][0]}</p><p>Khí hậu nhiệt đới gió mùa, mùa mưa "
                "từ tháng 5 đến tháng 11, mùa nước nổi từ tháng 8 đến tháng 11.</p>",
                f"<p>{facts_en} {unit['neighbours'][1]}</p><p>A tropical monsoon climate: "
                "the rainy season runs from May to November, the flood season from August to "
                "November.</p>",
            ),
        ),
        (
            "ban-do-dia-gioi",
            "dieu-kien-tu-nhien",
            ("Bản đồ địa giới hành chính", "Administrative boundary map"),
            (
                f"Bản đồ địa giới hành chính {name_vi} (bản vẽ minh hoạ).",
                f"The administrative boundaries of {name_en} (an illustrative sketch).",
            ),
            ("", ""),
        ),
        (
            "lich-su-van-hoa",
            None,
            ("Lịch sử, văn hóa", "History and culture"),
            ("Lịch sử hình thành và truyền thống văn hóa.", "History and cultural traditions."),
            (
                "<p>Vùng đất Châu Đốc gắn với công cuộc khai phá miền Tây Nam Bộ từ thế kỷ XVIII; "
                "cộng đồng Kinh, Hoa, Chăm, Khmer cùng sinh sống, giữ gìn nhiều lễ hội truyền "
                "thống.</p>",
                "<p>The land of Châu Đốc has been settled since the eighteenth century; Kinh, Hoa, "
                "Cham and Khmer communities live side by side and keep many traditional "
                "festivals.</p>",
            ),
        ),
        (
            "di-tich-danh-thang",
            "lich-su-van-hoa",
            ("Di tích, danh lam thắng cảnh", "Relics and landscapes"),
            (unit["relics"][0], unit["relics"][1]),
            (f"<p>{unit['relics'][0]}</p>", f"<p>{unit['relics'][1]}</p>"),
        ),
    ]


def load_demo(portals):
    """The introduction of each ward portal in `portals` ({slug: portal}), published."""
    made = 0
    for seed, (slug, portal) in enumerate(sorted(portals.items())):
        unit = UNITS.get(slug)
        if unit is None:
            continue
        made += _load_unit(unit, portal, seed)
    return made


def load_menu(portal):
    """The main menu every Vietnamese portal shows, unless the portal has one."""
    if MenuItem.objects.filter(portal=portal).exists():
        return
    for n, (vi, en, target) in enumerate(_menu.MENU, start=1):
        MenuItem.objects.create(portal=portal, label_vi=vi, label_en=en, target=target, order=n)


def _load_unit(unit, portal, seed):
    load_menu(portal)
    if IntroPage.objects.filter(portal=portal).exists():
        return 0
    now = timezone.now()
    by_key = {}
    for n, (key, parent, title, summary, body) in enumerate(_pages(unit, portal, seed)):
        page = IntroPage(
            portal=portal,
            slug=f"{key}-{portal.slug}",
            parent=by_key.get(parent),
            order=n,
            title_vi=title[0],
            title_en=title[1],
            summary_vi=summary[0],
            summary_en=summary[1],
            body_vi=body[0] + SAMPLE_VI,
            body_en=body[1] + SAMPLE_EN,
            status=Status.PUBLISHED,
            published_at=now,
        )
        if key == "ban-do-dia-gioi":
            page.image = ContentFile(boundary_map(seed), name="ban-do.png")
            page.image_alt_vi = f"Bản đồ phác hoạ địa giới {unit['name'][0]}"
            page.image_alt_en = f"A sketch map of the boundaries of {unit['name'][1]}"
            page.image_text_vi = (
                f"Diện tích {unit['area']} km². {unit['neighbours'][0]} Bản vẽ minh hoạ, "
                "không phải bản đồ chính thức."
            )
            page.image_text_en = (
                f"Area {unit['area']} km². {unit['neighbours'][1]} An illustrative sketch, "
                "not the official map."
            )
        page.save()
        by_key[key] = page
    leaders = _leaders(portal)
    _offices(portal, leaders)
    for n, (vi, en, field_vi, field_en, code) in enumerate(PROCEDURES):
        Procedure.objects.create(
            portal=portal,
            name_vi=vi,
            name_en=en,
            field_vi=field_vi,
            field_en=field_en,
            code=code,
            url=PROCEDURE_URL.format(code),
            order=n,
        )
    for n, (vi, en, url) in enumerate(LINKS):
        WebLink.objects.create(portal=portal, name_vi=vi, name_en=en, url=url, order=n)
    return len(by_key)


def _leaders(portal):
    leaders = []
    for n, (name, position_vi, position_en, duties_vi, duties_en) in enumerate(LEADERS):
        leaders.append(
            Leader.objects.create(
                portal=portal,
                name=name,
                slug=f"lanh-dao-{n + 1}-{portal.slug}",
                position_vi=position_vi,
                position_en=position_en,
                biography_vi=(
                    f"<p>Sinh năm 197{n + 2}, quê quán An Giang. Trình độ chuyên môn: thạc sĩ "
                    "quản lý công. Trình độ lý luận chính trị: cao cấp.</p>" + SAMPLE_VI
                ),
                biography_en=(
                    f"<p>Born in 197{n + 2} in An Giang. Master of public administration; "
                    "advanced political theory.</p>" + SAMPLE_EN
                ),
                duties_vi=f"<p>{duties_vi}</p>",
                duties_en=f"<p>{duties_en}</p>",
                order=n,
            )
        )
    return leaders


def _offices(portal, leaders):
    by_key = {}
    for n, (key, parent, vi, en, title_vi, title_en, head) in enumerate(OFFICES):
        by_key[key] = Office.objects.create(
            portal=portal,
            parent=by_key.get(parent),
            name_vi=vi,
            name_en=en,
            head=leaders[head] if head is not None else None,
            head_name="" if head is not None else "Phạm Thị Dung (mẫu)",
            head_title_vi=title_vi,
            head_title_en=title_en,
            address_vi=portal.address_vi,
            address_en=portal.address_en,
            phone=f"0296 3866 1{n:02d}",
            email=f"{key}.{portal.slug}@example.vn",
            is_contact_point=key == "vp",
            order=n,
        )
