"""Demo content of the news app for chaudoc's load_demo: the usual categories, the real seed
article of the portal (news/seed/, with pictures drawn here: no downloads) and synthetic
articles for load and scale work. Idempotent."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from chaudoc.demo import pictures
from chaudoc.demo.articles import ARTICLES
from chaudoc.publishing.states import Status
from chaudoc.search.engine import add_words, document_fields, fill_documents, refresh_vectors
from chaudoc.text import slugify
from news.models import Article, Category

SEED_FILE = Path(__file__).parent / "seed" / "chau-doc-giam-ngheo-2023.txt"
# The seed body's pictures, drawn at the width the article column shows them on a phone's
# screen at 2x (a 1200 px picture doubled the article page's weight past its budget).
BODY_PICTURE = (800, 533)
SEED_PUBLISHED_AT = datetime(2023, 12, 29, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
SYNTHETIC_PREFIX = "tin-mau-"
KIND_VI = {"phuong": "Phường", "xa": "Xã"}  # demo text is Vietnamese whatever the locale

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


def load_demo(wards, articles=0):
    """(categories, the seed article, how many synthetic articles were made)."""
    categories = load_categories()
    seed = load_seed_article(categories)
    made = load_synthetic(articles, categories, wards) if articles else 0
    return categories, seed, made


def load_categories():
    categories = []
    for order, (name_vi, name_en, on_home) in enumerate(CATEGORIES, start=1):
        category, _ = Category.objects.get_or_create(
            slug=slugify(name_vi),
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "order": order,
                "show_on_home": on_home,
            },
        )
        categories.append(category)
    return categories


def load_seed_article(categories):
    title, lead, blocks = parse_seed()
    existing = Article.objects.filter(slug=slugify(title)).first()
    if existing:
        return existing
    body = []
    images = iter(enumerate(SEED_IMAGE_ALTS, start=1))
    for block in blocks:
        if block is None:
            n, alt = next(images)
            if n == 1:
                continue  # the page's first picture is the article's cover: not shown twice
            picture = pictures.picture("hall", seed=n, size=BODY_PICTURE)
            url = save_image(f"editor/demo/giam-ngheo-{n}.jpg", picture)
            width, height = BODY_PICTURE
            body.append(
                f'<figure><img src="{url}" alt="{alt}" width="{width}" height="{height}">'
                f"<figcaption>{alt}</figcaption></figure>"
            )
        else:
            body.append(f"<p>{block}</p>")
    article = Article(
        title_vi=title,
        lead_vi=lead,
        body_vi="\n".join(body),
        title_en=SEED_EN["title"],
        lead_en=SEED_EN["lead"],
        body_en="\n".join(f"<p>{p}</p>" for p in SEED_EN["body"]),
        cover_alt_vi=SEED_IMAGE_ALTS[0],
        cover_alt_en="Conference on sustainable poverty reduction in 2023 (illustration)",
        category=categories[0],
        status=Status.PUBLISHED,
        featured=True,
        published_at=SEED_PUBLISHED_AT,
    )
    # A named ContentFile, so Django can read and store the cover's width and height.
    cover = ContentFile(pictures.picture("hall", seed=1), name="c.jpg")
    article.cover.save("seed-cover.jpg", cover, save=False)
    article.save()
    return article


def save_image(name, data):
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return default_storage.url(name)


def load_synthetic(count, categories, wards):
    start = Article.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
    now = timezone.now().replace(microsecond=0)
    rows = []
    for i in range(start + 1, count + 1):
        ward = wards[i % len(wards)]
        place = f"{KIND_VI[ward.kind]} {ward.name}"
        subject = SYNTHETIC_SUBJECTS[i % len(SYNTHETIC_SUBJECTS)]
        title = f"{place} {subject} (tin mẫu số {i})"
        paragraphs = SYNTHETIC_PARAGRAPHS
        rows.append(
            Article(
                title_vi=title,
                slug=f"{SYNTHETIC_PREFIX}{i}-{slugify(title, 150)}",
                lead_vi=f"{place} {subject}. {paragraphs[i % len(paragraphs)]}",
                body_vi="".join(f"<p>{p}</p>" for p in paragraphs),
                category=categories[i % len(categories)],
                ward=ward if i % 4 else None,
                status=Status.PUBLISHED,
                published_at=now - timedelta(hours=i),
            )
        )
    # bulk_create skips save(): the search documents are made here, the vectors in one UPDATE.
    for row in rows:
        fill_documents(row)
    Article.objects.bulk_create(rows, batch_size=2000)
    refresh_vectors(Article.objects.filter(search_vector_vi__isnull=True))
    add_words(text for row in rows for text in (getattr(row, f) for f in document_fields()))
    return len(rows)


def load_portal_news(portal, items, days_ago=1):
    """A ward portal's own demo news: (title, lead) pairs, newest first, in its first category
    (a "Tin tức - Sự kiện" of its own when it has none). Idempotent."""
    category = Category.objects.filter(portal=portal).order_by("order", "pk").first()
    if category is None:
        name_vi, name_en, _on_home = CATEGORIES[0]
        category = Category.objects.create(portal=portal, name_vi=name_vi, name_en=name_en)
    made = []
    now = timezone.now().replace(microsecond=0)
    # A portal that holds a featured article (phường Châu Đốc: the seed) keeps it featured.
    feature = not Article.objects.filter(portal=portal, featured=True).exists()
    for n, (title, lead) in enumerate(items):
        article = Article.objects.filter(portal=portal, title_vi=title).first()
        if article is None:
            article = Article(
                portal=portal,
                title_vi=title,
                lead_vi=lead,
                body_vi=f"<p>{lead}</p>",
                cover_alt_vi=f"{title} (ảnh minh họa)",
                category=category,
                status=Status.PUBLISHED,
                featured=feature and n == 0,
                published_at=now - timedelta(days=days_ago + n, hours=3),
            )
            picture = pictures.picture(len(portal.slug) + n, seed=n)
            article.cover.save(
                f"{portal.slug}-{n}.jpg", ContentFile(picture, name="c.jpg"), save=False
            )
            article.save()
        made.append(article)
    return made


def load_demo_articles(portal, wards=(), now=None):
    """The demo news of `portal` (chaudoc.demo.articles: several categories and former wards,
    each with an illustrative picture drawn now), dated back from today. Idempotent: an
    article already there (same title) is left as it is. Returns the articles."""
    categories = {c.slug: c for c in Category.objects.filter(portal=portal)}
    by_name = {ward.name: ward for ward in wards}
    now = (now or timezone.now()).replace(microsecond=0)
    made = []
    for n, (category, ward, days, scene, vi, en) in enumerate(ARTICLES):
        article = Article.objects.filter(portal=portal, title_vi=vi[0]).first()
        if article is None:
            article = Article(
                portal=portal,
                title_vi=vi[0],
                lead_vi=vi[1],
                body_vi="\n".join(f"<p>{p}</p>" for p in vi[2]),
                cover_alt_vi=vi[3],
                title_en=en[0],
                lead_en=en[1],
                body_en="\n".join(f"<p>{p}</p>" for p in en[2]),
                cover_alt_en=en[3],
                category=categories.get(category) or next(iter(categories.values())),
                ward=by_name.get(ward),
                status=Status.PUBLISHED,
                # Through the day, so that today's news is the newest, not the seed's hour.
                published_at=now - timedelta(days=days, hours=1 + n % 5, minutes=7 * n),
            )
            data = pictures.picture(scene, seed=n)
            article.cover.save(f"demo-{n + 1:02d}.jpg", ContentFile(data, name="c.jpg"), save=False)
            article.save()
        made.append(article)
    return made
