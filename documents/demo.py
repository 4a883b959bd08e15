"""Demo documents for chaudoc's load_demo: the register's data (types, issuers, fields), a few
documents of each ward portal with a PDF drawn here (no downloads), one replaced by another,
and the public disclosures built from them. Every document is marked as a sample. Idempotent."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from chaudoc.publishing.states import Status
from chaudoc.text import fold_accents
from documents.models import (
    Attachment,
    DisclosureItem,
    Document,
    DocumentRelation,
    DocumentType,
    Field,
    Issuer,
    Project,
    Section,
)

SAMPLE = "(Văn bản mẫu minh hoạ, không có giá trị pháp lý.)"
SAMPLE_EN = "(A sample document for the demo, with no legal force.)"

TYPES = [
    ("quyet-dinh", "Quyết định", "Decision", False),
    ("nghi-quyet", "Nghị quyết", "Resolution", False),
    ("chi-thi", "Chỉ thị", "Directive", False),
    ("ke-hoach", "Kế hoạch", "Plan", True),
    ("chuong-trinh", "Chương trình", "Programme", True),
    ("thong-bao", "Thông báo", "Notice", False),
    ("cong-van", "Công văn", "Official letter", False),
    ("bao-cao", "Báo cáo", "Report", False),
    ("van-ban-chi-dao-dieu-hanh", "Văn bản chỉ đạo điều hành", "Direction and management", False),
    ("bieu-mau", "Biểu mẫu", "Form", False),
]
FIELDS = [
    ("hanh-chinh", "Hành chính", "Administration"),
    ("tai-chinh-ngan-sach", "Tài chính - Ngân sách", "Finance and budget"),
    ("dat-dai-xay-dung", "Đất đai - Xây dựng", "Land and construction"),
    ("van-hoa-xa-hoi", "Văn hóa - Xã hội", "Culture and society"),
    ("phong-chong-thien-tai", "Phòng, chống thiên tai", "Disaster prevention"),
]

# (number, type, field, issued, from, until, summary vi, summary en, section, pdf words)
DOCUMENTS = [
    (
        "125/QĐ-UBND",
        "quyet-dinh",
        "hanh-chinh",
        date(2026, 7, 15),
        date(2026, 7, 15),
        None,
        "Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân phường nhiệm kỳ 2026-2031",
        "Decision issuing the working rules of the ward People's Committee, 2026-2031",
        "",
        "Quy che lam viec cua Uy ban nhan dan phuong. Dieu 1. Pham vi dieu chinh.",
    ),
    (
        "45/KH-UBND",
        "ke-hoach",
        "phong-chong-thien-tai",
        date(2026, 8, 1),
        date(2026, 8, 1),
        date(2026, 12, 31),
        "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn mùa lũ năm 2026",
        "Plan for disaster prevention and search and rescue in the 2026 flood season",
        "",
        "Ke hoach phong chong lu. Muc nuoc song Hau tai tram Chau Doc. Bao dong 3.",
    ),
    (
        "12/QĐ-UBND",
        "quyet-dinh",
        "tai-chinh-ngan-sach",
        date(2026, 7, 5),
        date(2026, 7, 5),
        None,
        "Quyết định giao dự toán thu, chi ngân sách phường năm 2026 (6 tháng cuối năm)",
        "Decision on the ward's 2026 budget estimate (second half of the year)",
        Section.BUDGET_ESTIMATE,
        "Du toan thu chi ngan sach phuong nam 2026.",
    ),
    (
        "30/BC-UBND",
        "bao-cao",
        "tai-chinh-ngan-sach",
        date(2026, 10, 10),
        None,
        None,
        "Báo cáo tình hình thực hiện dự toán ngân sách 9 tháng năm 2026",
        "Report on the execution of the 2026 budget, nine months",
        Section.BUDGET_EXECUTION,
        "Tinh hinh thuc hien du toan ngan sach chin thang.",
    ),
    (
        "31/BC-UBND",
        "bao-cao",
        "van-hoa-xa-hoi",
        date(2026, 10, 20),
        None,
        None,
        "Báo cáo số liệu thống kê dân số, hộ nghèo và hộ cận nghèo năm 2026",
        "Statistics on population and poor households, 2026",
        Section.STATISTICS,
        "So lieu thong ke dan so ho ngheo ho can ngheo.",
    ),
    (
        "01/BM-UBND",
        "bieu-mau",
        "hanh-chinh",
        date(2026, 7, 1),
        None,
        None,
        "Mẫu phiếu yêu cầu cung cấp thông tin (theo Nghị định 13/2018/NĐ-CP)",
        "Information request form (Decree 13/2018/ND-CP)",
        Section.REQUEST_FORM,
        "Phieu yeu cau cung cap thong tin. Ho va ten nguoi yeu cau. Thong tin can cung cap.",
    ),
    (
        "02/CT-UBND",
        "chi-thi",
        "van-hoa-xa-hoi",
        date(2026, 9, 1),
        None,
        None,
        "Chỉ thị về tăng cường công tác bảo đảm trật tự, vệ sinh môi trường dịp lễ hội",
        "Directive on order and a clean environment during the festival",
        "",
        "Tang cuong trat tu ve sinh moi truong le hoi.",
    ),
    (
        "15/QĐ-UBND",
        "quyet-dinh",
        "hanh-chinh",
        date(2026, 7, 2),
        date(2026, 7, 2),
        None,
        "Quyết định ban hành Quy chế làm việc tạm thời của Ủy ban nhân dân phường",
        "Decision issuing the ward People's Committee's interim working rules",
        "",
        "Quy che lam viec tam thoi.",
    ),
]
# 125/QĐ-UBND replaces the interim rules.
RELATIONS = [("125/QĐ-UBND", DocumentRelation.Kind.REPLACES, "15/QĐ-UBND")]


def sample_pdf(lines, catalog_extra=b""):
    """A small, valid one-page PDF whose text is `lines` (Latin-1 only; Helvetica). What the
    demo attaches and the tests upload; `catalog_extra` adds entries to its catalogue."""

    def escape(text):
        raw = text.encode("latin-1", "replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = b"BT /F1 12 Tf 72 720 Td 16 TL " + b" ".join(
        b"(" + escape(line) + b") '" for line in lines
    )
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def load_reference():
    types = {}
    for order, (slug, vi, en, is_plan) in enumerate(TYPES, start=1):
        types[slug], _ = DocumentType.objects.get_or_create(
            slug=slug,
            defaults={"name_vi": vi, "name_en": en, "is_plan": is_plan, "order": order},
        )
    fields = {}
    for order, (slug, vi, en) in enumerate(FIELDS, start=1):
        fields[slug], _ = Field.objects.get_or_create(
            slug=slug, defaults={"name_vi": vi, "name_en": en, "order": order}
        )
    return types, fields


def load_demo(portals):
    """Documents, projects and the disclosure list of each portal in `portals`; returns how
    many documents were made."""
    types, fields = load_reference()
    made = 0
    for portal in portals:
        issuer, _ = Issuer.objects.get_or_create(
            name_vi=portal.governing_body_vi or portal.governing_body,
            defaults={"name_en": portal.governing_body_en or ""},
        )
        by_number = {}
        for spec in DOCUMENTS:
            document, created = _document(portal, issuer, types, fields, spec)
            made += created
            by_number[spec[0]] = document
        for source, kind, target in RELATIONS:
            DocumentRelation.objects.get_or_create(
                source=by_number[source], kind=kind, target=by_number[target]
            )
        _disclosures(portal, fields, by_number)
    return made


def _document(portal, issuer, types, fields, spec):
    number, kind, field, issued, start, until, summary_vi, summary_en, section, words = spec
    existing = Document.objects.filter(portal=portal, number=number).first()
    if existing is not None:
        return existing, False
    document = Document.objects.create(
        portal=portal,
        number=number,
        doc_type=types[kind],
        issuer=issuer,
        signer="Nguyễn Văn A (mẫu)",
        issued_on=issued,
        effective_from=start,
        effective_until=until,
        field=fields[field],
        summary_vi=f"{summary_vi} (mẫu)",
        summary_en=f"{summary_en} (sample)",
        section=section,
        status=Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )
    lines = [fold_accents(f"{number} {summary_vi}"), fold_accents(SAMPLE), words]
    upload = ContentFile(sample_pdf(lines), name=f"{number.replace('/', '-')}.pdf")
    Attachment.objects.create(document=document, file=upload, title=f"{number} (PDF)")
    document.attachments_changed()
    return document, True


def _disclosures(portal, fields, by_number):
    if not Project.objects.filter(portal=portal).exists():
        project = Project.objects.create(
            portal=portal,
            name_vi="Nâng cấp tuyến đê bao chống lũ khóm Vĩnh Phú (dự án mẫu)",
            name_en="Upgrading the Vĩnh Phú flood embankment (sample project)",
            goal_vi="Bảo vệ khu dân cư và sản xuất trước lũ, phục vụ đi lại của người dân.",
            goal_en="Protecting homes and fields from floods; a road for residents.",
            field=fields["phong-chong-thien-tai"],
            funding="Ngân sách tỉnh và ngân sách phường",
            total_budget=12_500_000_000,
            start_year=2026,
            end_year=2027,
            state=Project.State.ONGOING,
        )
        project.documents.add(by_number["45/KH-UBND"])
    if DisclosureItem.objects.filter(portal=portal).exists():
        return
    items = [
        (
            "Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành",
            "Information in force",
            "/van-ban/",
        ),
        ("Chiến lược, chương trình, kế hoạch", "Plans", "/cong-khai/chien-luoc-ke-hoach/"),
        ("Dự toán, thực hiện, quyết toán ngân sách", "Budget", "/cong-khai/ngan-sach/"),
        ("Danh mục dự án đầu tư công, mua sắm công", "Projects", "/cong-khai/du-an/"),
        ("Báo cáo thống kê", "Statistics", "/cong-khai/thong-ke/"),
    ]
    for order, (name_vi, name_en, link) in enumerate(items, start=1):
        DisclosureItem.objects.create(
            portal=portal,
            name_vi=name_vi,
            name_en=name_en,
            place="Trang thông tin điện tử của phường; trụ sở UBND phường",
            form="Đăng tải trên trang; niêm yết",
            timing="Chậm nhất 5 ngày làm việc kể từ ngày ban hành",
            duration="Thường xuyên, cho đến khi hết hiệu lực",
            link=link,
            order=order,
        )
