"""Small factory functions for tests: build only what a test needs, with sane defaults."""

import io
import secrets
from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chaudoc.media.images import renditions_at_once
from chaudoc.portals.current import default_portal
from chaudoc.portals.models import Portal, PortalHost, PortalMembership
from chaudoc.publishing.states import Status
from chaudoc.wards.models import Ward
from chaudoc.wards.roles import MODERATOR, WARD_EDITOR
from news.models import Article, Category

# "Now" for the whole suite: tests that depend on the clock pin it here.
NOW = datetime(2026, 11, 27, 10, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

_seq = count(1)


def make_portal(short_name=None, *hosts, **kwargs):
    """A portal answering at `hosts` (the first one canonical)."""
    short_name = short_name or f"Phường thử {next(_seq)}"
    unit = short_name[0].lower() + short_name[1:]  # "phường Châu Đốc"
    fields = {
        "name_vi": f"Trang thông tin điện tử {unit}",
        "short_name_vi": short_name,
        "governing_body_vi": f"UBND {unit}",
        "banner_vi": f"Chào mừng đến với Trang thông tin điện tử {unit}",
        "kind": Portal.Kind.WARD,
    }
    fields.update(kwargs)
    portal = Portal.objects.create(**fields)
    for n, host in enumerate(hosts):
        PortalHost.objects.create(portal=portal, host=host, is_canonical=n == 0)
    return portal


def make_ward(name=None, kind="phuong", **kwargs):
    return Ward.objects.create(name=name or f"Phường thử {next(_seq)}", kind=kind, **kwargs)


def make_category(name=None, **kwargs):
    return Category.objects.create(name_vi=name or f"Chuyên mục {next(_seq)}", **kwargs)


def make_article(
    title=None, *, status=Status.PUBLISHED, published_at=None, category=None, **kwargs
):
    fields = {
        "title_vi": title or f"Bài viết thử số {next(_seq)}",
        "lead_vi": "Tóm tắt bài viết.",
        "body_vi": "<p>Nội dung bài viết.</p>",
        "status": status,
        "published_at": published_at or NOW - timedelta(days=1),
        "category": category or make_category(),
    }
    fields.update(kwargs)
    with renditions_at_once():  # a stored article: a cover's renditions are there
        return Article.objects.create(**fields)


def make_staff(username="bientap", superuser=False, **kwargs):
    """A staff account with a random password, kept on `user.raw_password` for login forms."""
    User = get_user_model()
    password = secrets.token_urlsafe(16)
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.vn", password, **kwargs)
    else:
        user = User.objects.create_user(
            username, f"{username}@example.vn", password, is_staff=True, **kwargs
        )
    user.raw_password = password
    return user


def make_editor(username, *wards):
    """A ward editor ("Biên tập viên phường/xã") of the given wards."""
    user = make_staff(username)
    user.groups.add(Group.objects.get(name=WARD_EDITOR))
    for ward in wards:
        ward.editors.add(user)
    return user


def make_moderator(username="kiemduyet", *portals):
    """A moderator ("Kiểm duyệt viên") of the given portals (the default portal if none)."""
    user = make_staff(username)
    user.groups.add(Group.objects.get(name=MODERATOR))
    for portal in portals or [default_portal()]:
        PortalMembership.objects.create(user=user, portal=portal)
    return user


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="anh.jpg", fmt="JPEG", **kwargs):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


def save_version(obj, user=None, comment="Lưu"):
    """Save `obj` as one django-reversion version, as an admin save does."""
    import reversion

    with reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return obj


# --- weather ------------------------------------------------------------------------------


def make_location(name="Châu Đốc", **kwargs):
    from decimal import Decimal

    from weather.models import Location

    fields = {"latitude": Decimal("10.70"), "longitude": Decimal("105.12"), "is_default": True}
    fields.update(kwargs)
    return Location.objects.create(name=name, **fields)


def make_station(name="Châu Đốc", river="Hậu", **kwargs):
    from decimal import Decimal

    from weather.models import Station

    fields = {
        "alarm_1": Decimal("3.00"),
        "alarm_2": Decimal("3.50"),
        "alarm_3": Decimal("4.00"),
        "is_default": True,
    }
    fields.update(kwargs)
    return Station.objects.create(name=name, river=river, **fields)


def make_reading(station, level, measured_at=None, source="Đài KTTV An Giang"):
    from decimal import Decimal

    return station.readings.create(
        level=Decimal(str(level)), measured_at=measured_at or NOW, source=source
    )


def make_alert(text="Cắt điện khu vực phường Núi Sam", *, starts_at=None, ends_at=None, **kwargs):
    from weather.models import Alert

    starts_at = starts_at or NOW - timedelta(hours=1)
    return Alert.objects.create(
        text_vi=text,
        starts_at=starts_at,
        ends_at=ends_at or starts_at + timedelta(days=1),
        **kwargs,
    )


def make_forecast_day(location, date, **kwargs):
    from decimal import Decimal

    from weather.models import ForecastDay

    fields = {
        "weather_code": 2,
        "temperature_min": Decimal("24.0"),
        "temperature_max": Decimal("31.0"),
        "source": "manual",
        "is_manual": True,
        "fetched_at": NOW,
    }
    fields.update(kwargs)
    return ForecastDay.objects.create(location=location, date=date, **fields)


# --- gallery ------------------------------------------------------------------------------


def make_album(title=None, *, status=Status.PUBLISHED, published_at=None, photos=0, **kwargs):
    """An album, published a day before NOW unless told; `photos` real photos through the
    upload door (checked, cleaned), their renditions made at once, as an import makes them."""
    from datetime import date

    from gallery.models import Album
    from gallery.uploads import add_photos

    fields = {
        "title_vi": title or f"Album thử số {next(_seq)}",
        "status": status,
        "published_at": published_at or NOW - timedelta(days=1),
        "event_date": date(2026, 11, 20),
    }
    fields.update(kwargs)
    album = Album.objects.create(**fields)
    if photos:
        with renditions_at_once():
            add_photos(
                album,
                [
                    image_upload(f"Ảnh {n}.jpg", size=(160, 120), color=(40 * n % 255, 90, 160))
                    for n in range(photos)
                ],
            )
        album.refresh_from_db()
    return album


def jpeg_with_exif(size=(120, 80), orientation=6, gps=True, taken="2023:12:29 08:30:00", extra=b""):
    """A JPEG whose left half is red and right half blue, with EXIF orientation, GPS position,
    camera owner and time taken, as a phone writes them (and `extra` appended)."""
    img = Image.new("RGB", size, (220, 20, 20))
    img.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Samsung"
    exif[0x013B] = "Nguyễn Văn A"  # Artist
    exif[0xA430] = "Nguyễn Văn A"  # CameraOwnerName
    if gps:
        exif[0x8825] = {1: "N", 2: (10.0, 42.0, 30.0), 3: "E", 4: (105.0, 7.0, 12.0)}
    if taken:
        exif[0x8769] = {0x9003: taken}
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue() + extra
