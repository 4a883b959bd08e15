"""Demo work schedule for chaudoc's load_demo: the current week's engagements of each ward
portal's leaders (sample entries, dated from the day the demo is loaded), published; one of
them adjusted after publication, as a real week has. Idempotent."""

import datetime

from django.utils import timezone

from about.models import Leader, Office
from chaudoc.publishing.states import Status
from schedule.models import Entry

# (weekday 0-6, start, end, content vi, content en, chair index, participants vi, place vi,
#  preparing office name vi)
WEEK = [
    (
        0,
        "07:30",
        "09:00",
        "Giao ban lãnh đạo UBND đầu tuần (mẫu)",
        "Weekly meeting of the Committee's leaders (sample)",
        0,
        "Các Phó Chủ tịch, Chánh Văn phòng",
        "Phòng họp UBND",
        "Văn phòng HĐND và UBND",
    ),
    (
        0,
        "14:00",
        "16:30",
        "Tiếp công dân định kỳ (mẫu)",
        "Regular citizen reception (sample)",
        0,
        "Đại diện các phòng chuyên môn",
        "Trụ sở tiếp công dân",
        "Văn phòng HĐND và UBND",
    ),
    (
        1,
        "08:00",
        "11:00",
        "Kiểm tra công tác phòng, chống ngập mùa nước nổi (mẫu)",
        "Inspection of flood preparedness (sample)",
        1,
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Các khóm ven sông Hậu",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
    ),
    (
        2,
        "08:00",
        "10:00",
        "Họp triển khai chương trình giảm nghèo bền vững (mẫu)",
        "Meeting on the sustainable poverty reduction programme (sample)",
        2,
        "Phòng Văn hóa - Xã hội, Mặt trận Tổ quốc",
        "Phòng họp UBND",
        "Phòng Văn hóa - Xã hội",
    ),
    (
        3,
        "14:00",
        None,
        "Làm việc với Trung tâm Phục vụ hành chính công (mẫu)",
        "Working visit to the Public Administration Service Centre (sample)",
        0,
        "Giám đốc Trung tâm",
        "Trung tâm Phục vụ hành chính công",
        "Trung tâm Phục vụ hành chính công",
    ),
    (
        4,
        "08:00",
        "11:30",
        "Dự hội nghị trực tuyến của UBND tỉnh (mẫu)",
        "Online conference of the Provincial People's Committee (sample)",
        0,
        "Lãnh đạo UBND phường",
        "Điểm cầu phường",
        "Văn phòng HĐND và UBND",
    ),
]
ADJUSTED = 4  # the Thursday visit moved by an hour after publication


def _time(text):
    return datetime.time.fromisoformat(text) if text else None


def load_demo(portals):
    """This week's entries of each portal in `portals` ({slug: portal}) with leaders."""
    made = 0
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    for portal in portals.values():
        leaders = list(Leader.objects.filter(portal=portal).order_by("order", "pk"))
        if not leaders or Entry.objects.filter(portal=portal, date__gte=monday).exists():
            continue
        offices = {o.name_vi: o for o in Office.objects.filter(portal=portal)}
        for n, (day, start, end, vi, en, chair, who, place, office) in enumerate(WEEK):
            entry = Entry.objects.create(
                portal=portal,
                date=monday + datetime.timedelta(days=day),
                start_time=_time(start),
                end_time=_time(end),
                content_vi=vi,
                content_en=en,
                chair=leaders[chair % len(leaders)],
                participants_vi=who,
                place_vi=place,
                preparing_office=offices.get(office),
                status=Status.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(days=3),
            )
            if n == ADJUSTED:
                entry.start_time = datetime.time(15, 0)
                entry.save()  # after publication: marked "điều chỉnh"
            made += 1
    return made
