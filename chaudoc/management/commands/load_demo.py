import io
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from chaudoc.demo import content
from chaudoc.models import Ward
from chaudoc.publishing import Status
from chaudoc.roles import MODERATOR, WARD_EDITOR, setup_roles
from chaudoc.search.engine import add_words, document_fields, fill_documents, refresh_vectors
from chaudoc.text import slugify
from gallery import demo as gallery_demo
from news.models import Article, Category
from weather import demo as weather_demo

SYNTHETIC_PREFIX = "tin-mau-"
KIND_VI = {"phuong": "Phường", "xa": "Xã"}  # demo text is Vietnamese whatever the locale
# One account per role. Passwords are random, printed once when the account is made.
DEMO_ACCOUNTS = [
    ("demo-bientap", WARD_EDITOR),
    ("demo-kiemduyet", MODERATOR),
    ("demo-quantri", None),  # administrator: a superuser
]


def demo_image(seed, size=(1200, 800)):
    """A JPEG drawn here (no downloads): a soft gradient with a few shapes, different per seed."""
    width, height = size
    hue = (seed * 67) % 255
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        shade = int(80 + 120 * y / height)
        draw.line([(0, y), (width, y)], fill=(hue // 3, shade // 2 + 40, shade))
    for i in range(5):
        x = (seed * 131 + i * 241) % width
        y = (seed * 71 + i * 157) % height
        r = 60 + (seed * 13 + i * 37) % 140
        draw.ellipse([x - r, y - r, x + r, y + r], fill=((hue + i * 40) % 255, 170, 90 + i * 25))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=78, optimize=True, progressive=True)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Load the portal's demo content (wards, categories, the seed article) and one demo "
        "account per role, whose random password is printed once. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            help="Also make this many synthetic published articles (for load and scale work).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, articles, dry_run, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        with transaction.atomic():
            wards = self.load_wards()
            categories = self.load_categories()
            seed = self.load_seed_article(categories)
            made = self.load_synthetic(articles, categories, wards) if articles else 0
            location, station, readings = weather_demo.load_demo()
            # Photos are files: a dry run, rolled back, must not leave any behind.
            albums = gallery_demo.ALBUMS if dry_run else self.load_albums(wards, seed)
            setup_roles()
            accounts = self.load_accounts(wards[0])
            if dry_run:
                transaction.set_rollback(True)
        verb = "Would load" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(wards)} wards, {len(categories)} categories, "
                f"the seed article ({seed.slug}) and {made} new synthetic articles; "
                f"{len(albums)} photo albums; "
                f"weather location {location}, river station {station} ({readings} new readings)."
            )
        )
        self.report_accounts(accounts, dry_run)

    def load_albums(self, wards, seed):
        albums = gallery_demo.load_demo(wards)
        if seed.album_id is None:  # the seed article shows its conference's photos
            seed.album = albums[0]
            seed.save(update_fields=["album"])
        return albums

    def load_accounts(self, ward):
        """Returns (username, role, password or None when the account already existed)."""
        User = get_user_model()
        made = []
        for username, role in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                made.append((username, role, None))
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username,
                f"{username}@chaudoc.invalid",
                password,
                is_staff=True,
                is_superuser=role is None,
            )
            if role:
                user.groups.add(Group.objects.get(name=role))
            if role == WARD_EDITOR:
                ward.editors.add(user)
            made.append((username, role, password))
        return made

    def report_accounts(self, accounts, dry_run):
        for username, role, password in accounts:
            role_name = role or "Quản trị viên (superuser)"
            if password is None:
                self.stdout.write(f"  {username} [{role_name}]: exists, password unchanged")
            elif dry_run:
                self.stdout.write(f"  {username} [{role_name}]: would be created")
            else:
                self.stdout.write(
                    self.style.WARNING(
                        f"  {username} [{role_name}]: password {password}  (shown only this once)"
                    )
                )

    def load_wards(self):
        wards = []
        for order, (kind, name) in enumerate(content.WARDS, start=1):
            ward, _ = Ward.objects.get_or_create(name=name, defaults={"kind": kind, "order": order})
            wards.append(ward)
        return wards

    def load_categories(self):
        categories = []
        for order, (name_vi, name_en, on_home) in enumerate(content.CATEGORIES, start=1):
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

    def load_seed_article(self, categories):
        title, lead, blocks = content.parse_seed()
        existing = Article.objects.filter(slug=slugify(title)).first()
        if existing:
            return existing
        body = []
        images = iter(enumerate(content.SEED_IMAGE_ALTS, start=1))
        for block in blocks:
            if block is None:
                n, alt = next(images)
                url = self.save_image(f"editor/demo/giam-ngheo-{n}.jpg", demo_image(n))
                body.append(
                    f'<figure><img src="{url}" alt="{alt}" width="1200" height="800">'
                    f"<figcaption>{alt}</figcaption></figure>"
                )
            else:
                body.append(f"<p>{block}</p>")
        article = Article(
            title_vi=title,
            lead_vi=lead,
            body_vi="\n".join(body),
            title_en=content.SEED_EN["title"],
            lead_en=content.SEED_EN["lead"],
            body_en="\n".join(f"<p>{p}</p>" for p in content.SEED_EN["body"]),
            cover_alt_vi=content.SEED_IMAGE_ALTS[0],
            cover_alt_en="Conference on sustainable poverty reduction in 2023 (illustration)",
            category=categories[0],
            status=Status.PUBLISHED,
            featured=True,
            published_at=content.SEED_PUBLISHED_AT,
        )
        # A named ContentFile, so Django can read and store the cover's width and height.
        article.cover.save("seed-cover.jpg", ContentFile(demo_image(1), name="c.jpg"), save=False)
        article.save()
        return article

    def save_image(self, name, data):
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
        return default_storage.url(name)

    def load_synthetic(self, count, categories, wards):
        start = Article.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
        now = timezone.now().replace(microsecond=0)
        rows = []
        for i in range(start + 1, count + 1):
            ward = wards[i % len(wards)]
            place = f"{KIND_VI[ward.kind]} {ward.name}"
            subject = content.SYNTHETIC_SUBJECTS[i % len(content.SYNTHETIC_SUBJECTS)]
            title = f"{place} {subject} (tin mẫu số {i})"
            paragraphs = content.SYNTHETIC_PARAGRAPHS
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
