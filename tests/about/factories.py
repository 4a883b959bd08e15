"""Small factory functions for the introduction's and the schedule's tests."""

import datetime
from itertools import count

from django.utils import timezone

from about.models import IntroPage, Leader, MenuItem, Office, Procedure, WebLink
from chaudoc.publishing.states import Status
from schedule.models import Entry

_seq = count(1)


def make_page(title=None, *, status=Status.PUBLISHED, **kwargs):
    fields = {
        "title_vi": title or f"Trang giới thiệu {next(_seq)}",
        "summary_vi": "Tóm tắt trang.",
        "body_vi": "<p>Nội dung trang giới thiệu.</p>",
        "status": status,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(kwargs)
    return IntroPage.objects.create(**fields)


def make_leader(name=None, **kwargs):
    fields = {
        "name": name or f"Nguyễn Văn Thử {next(_seq)}",
        "position_vi": "Phó Chủ tịch UBND",
        "biography_vi": "<p>Sinh năm 1975.</p>",
        "duties_vi": "<p>Phụ trách kinh tế.</p>",
    }
    fields.update(kwargs)
    return Leader.objects.create(**fields)


def make_office(name=None, **kwargs):
    fields = {"name_vi": name or f"Phòng thử {next(_seq)}", "phone": "0296 3866 000"}
    fields.update(kwargs)
    return Office.objects.create(**fields)


def make_procedure(name=None, **kwargs):
    fields = {
        "name_vi": name or f"Thủ tục thử {next(_seq)}",
        "field_vi": "Hộ tịch",
        "url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html",
    }
    fields.update(kwargs)
    return Procedure.objects.create(**fields)


def make_link(name=None, **kwargs):
    fields = {"name_vi": name or f"Trang nhà nước {next(_seq)}", "url": "https://chinhphu.vn"}
    fields.update(kwargs)
    return WebLink.objects.create(**fields)


def make_menu_item(label, target="", **kwargs):
    return MenuItem.objects.create(label_vi=label, target=target, **kwargs)


def make_entry(content=None, *, day=None, status=Status.PUBLISHED, **kwargs):
    fields = {
        "content_vi": content or f"Họp giao ban số {next(_seq)}",
        "date": day or timezone.localdate(),
        "start_time": datetime.time(8, 0),
        "participants_vi": "Các phòng chuyên môn",
        "place_vi": "Phòng họp UBND",
        "status": status,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(kwargs)
    return Entry.objects.create(**fields)
