"""Small factory functions for tests: build only what a test needs, with sane defaults."""

import io
from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chaudoc.models import Ward
from chaudoc.publishing import Status
from news.models import Article, Category

# "Now" for the whole suite: tests that depend on the clock pin it here.
NOW = datetime(2026, 11, 27, 10, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

_seq = count(1)


def make_ward(name=None, kind="phuong", **kwargs):
    return Ward.objects.create(name=name or f"Phường thử {next(_seq)}", kind=kind, **kwargs)


def make_category(name=None, **kwargs):
    return Category.objects.create(name_vi=name or f"Chuyên mục {next(_seq)}", **kwargs)


def make_article(title=None, *, status=Status.PUBLISHED, published_at=None, category=None,
                 **kwargs):
    fields = {
        "title_vi": title or f"Bài viết thử số {next(_seq)}",
        "lead_vi": "Tóm tắt bài viết.",
        "body_vi": "<p>Nội dung bài viết.</p>",
        "status": status,
        "published_at": published_at or NOW - timedelta(days=1),
        "category": category or make_category(),
    }
    fields.update(kwargs)
    return Article.objects.create(**fields)


def make_staff(username="bientap", superuser=False, **kwargs):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.vn", "x", **kwargs)
    return User.objects.create_user(username, f"{username}@example.vn", "x", is_staff=True,
                                    **kwargs)


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="anh.jpg", fmt="JPEG", **kwargs):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


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

    fields = {"alarm_1": Decimal("3.00"), "alarm_2": Decimal("3.50"), "alarm_3": Decimal("4.00"),
              "is_default": True}
    fields.update(kwargs)
    return Station.objects.create(name=name, river=river, **fields)


def make_reading(station, level, measured_at=None, source="Đài KTTV An Giang"):
    from decimal import Decimal

    return station.readings.create(level=Decimal(str(level)), measured_at=measured_at or NOW,
                                   source=source)


def make_alert(text="Cắt điện khu vực phường Núi Sam", *, starts_at=None, ends_at=None,
               **kwargs):
    from weather.models import Alert

    starts_at = starts_at or NOW - timedelta(hours=1)
    return Alert.objects.create(text_vi=text, starts_at=starts_at,
                                ends_at=ends_at or starts_at + timedelta(days=1), **kwargs)


def make_forecast_day(location, date, **kwargs):
    from decimal import Decimal

    from weather.models import ForecastDay

    fields = {"weather_code": 2, "temperature_min": Decimal("24.0"),
              "temperature_max": Decimal("31.0"), "source": "manual", "is_manual": True,
              "fetched_at": NOW}
    fields.update(kwargs)
    return ForecastDay.objects.create(location=location, date=date, **fields)
