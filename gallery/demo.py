"""Demo albums for chaudoc's load_demo: photos drawn here (no downloads), stored through the
same door as uploads, so their renditions are made now, at load time. Idempotent."""

import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from chaudoc.publishing.states import Status
from gallery.models import Album
from gallery.uploads import add_photos

CREDIT = "Cổng TTĐT Châu Đốc (ảnh minh hoạ)"

ALBUMS = [
    {
        "slug": "hoi-nghi-tong-ket-giam-ngheo-ben-vung-2023",
        "title_vi": "Hội nghị tổng kết chương trình giảm nghèo bền vững năm 2023",
        "title_en": "Review conference of the 2023 sustainable poverty reduction programme",
        "description_vi": "Hình ảnh hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo "
        "bền vững năm 2023 của thành phố Châu Đốc.",
        "description_en": "Photos of Châu Đốc City's review conference of the national "
        "sustainable poverty reduction programme in 2023.",
        "event_date": date(2023, 12, 29),
        "ward": None,
        "photos": [
            ("Quang cảnh hội nghị", "The conference hall"),
            ("Lãnh đạo thành phố phát biểu khai mạc", "The city's leaders open the conference"),
            ("Đại biểu các phường, xã tham dự", "Delegates of the wards and communes"),
            ("Trao giấy khen cho tập thể tiêu biểu", "Certificates of merit for model units"),
            ("Hộ thoát nghèo chia sẻ kinh nghiệm", "A household out of poverty shares its story"),
            ("Các đại biểu chụp ảnh lưu niệm", "A group photo of the delegates"),
        ],
    },
    {
        "slug": "trao-qua-tet-ho-ngheo-phuong-nui-sam",
        "title_vi": "Trao quà Tết cho hộ nghèo phường Núi Sam",
        "title_en": "Tết gifts for poor households in Núi Sam ward",
        "description_vi": "Phường Núi Sam trao quà Tết cho hộ nghèo, hộ cận nghèo trên địa bàn.",
        "description_en": "Núi Sam ward hands Tết gifts to poor and near-poor households.",
        "event_date": date(2024, 2, 2),
        "ward": "Núi Sam",
        "photos": [
            ("Chuẩn bị quà Tết", "Preparing the Tết gifts"),
            ("Trao quà cho hộ nghèo", "Gifts for poor households"),
            ("Niềm vui đón Tết", "The joy of Tết"),
            ("Cán bộ phường thăm hỏi người dân", "Ward staff visit residents"),
            ("Quà Tết đến tận nhà", "Gifts brought to the door"),
            ("Chụp ảnh lưu niệm", "A souvenir photo"),
        ],
    },
]


def demo_photo(seed, size=(1200, 900)):
    """A JPEG drawn from `seed`: a sky, the ground and a few figures, different per seed."""
    width, height = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    horizon = int(height * (0.45 + (seed % 4) * 0.05))
    for y in range(height):
        if y < horizon:
            fill = (90 + y * 100 // horizon, 150 + y * 60 // horizon, 220)
        else:
            shade = (y - horizon) * 80 // (height - horizon)
            fill = (120 + (seed * 23) % 60 - shade // 2, 110 + shade // 3, 70)
        draw.line([(0, y), (width, y)], fill=fill)
    for i in range(4 + seed % 5):
        x = (seed * 97 + i * 211) % (width - 80) + 40
        body = ((seed * 37 + i * 71) % 200 + 40, (i * 53) % 120 + 60, (seed * 11 + i * 29) % 150)
        draw.rectangle([x - 28, horizon - 40, x + 28, horizon + 120], fill=body)
        draw.ellipse([x - 22, horizon - 90, x + 22, horizon - 44], fill=(224, 182, 150))
    draw.rectangle(
        [width // 5, height // 10, width * 4 // 5, height // 10 + 60], fill=(179, 38, 30)
    )
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def load_demo(wards=()):
    """The demo albums, published, with their photos and renditions; returns the albums."""
    by_name = {ward.name: ward for ward in wards}
    albums = []
    now = timezone.now()
    for n, spec in enumerate(ALBUMS):
        album, created = Album.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "title_vi": spec["title_vi"],
                "title_en": spec["title_en"],
                "description_vi": spec["description_vi"],
                "description_en": spec["description_en"],
                "event_date": spec["event_date"],
                "ward": by_name.get(spec["ward"]),
                "status": Status.PUBLISHED,
                "published_at": now - timedelta(days=n + 1),
            },
        )
        if not album.photos.exists():
            _add_demo_photos(album, spec["photos"], seed=n * 10)
        albums.append(album)
    return albums


def _add_demo_photos(album, captions, seed):
    files = [
        ContentFile(demo_photo(seed + i), name=f"Ảnh {i + 1:02d}.jpg") for i in range(len(captions))
    ]
    photos = add_photos(album, files, credit=CREDIT)
    for photo, (caption_vi, caption_en) in zip(photos, captions, strict=True):
        photo.caption_vi, photo.caption_en = caption_vi, caption_en
        photo.save(update_fields=["caption_vi", "caption_en", "caption"])
    album.photos_changed()
