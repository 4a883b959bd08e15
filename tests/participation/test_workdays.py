"""Answers are due within 15 working days: weekends, Vietnam's public holidays (Tết included)
and the administrator's own days off are skipped, make-up working days count."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from participation.models import CalendarDay
from participation.workdays import add_working_days, is_working_day, working_days_between
from tests.participation.conftest import make_question

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_weekend_is_skipped():
    friday = date(2026, 12, 4)
    assert add_working_days(friday, 1) == date(2026, 12, 7)  # Monday
    assert add_working_days(friday, 15) == date(2026, 12, 25)


def test_tet_2027_is_skipped_for_a_question_received_just_before_it(topic, settings):
    # Tết Đinh Mùi: Thursday 4 to Wednesday 10 February 2027 are days off.
    assert not any(is_working_day(date(2027, 2, d)) for d in range(4, 11))
    received = datetime(2027, 2, 3, 16, 0, tzinfo=VN)  # the Wednesday before
    assert add_working_days(received, 15) == date(2027, 3, 3)  # not 24 February
    import time_machine

    with time_machine.travel(received, tick=False):
        question = make_question(topic)
    assert question.deadline == date(2027, 3, 3)
    assert settings.ANSWER_WORKING_DAYS == 15


def test_the_day_of_receipt_is_the_day_in_vietnam():
    late_friday = datetime(2026, 12, 4, 23, 30, tzinfo=VN)  # 16:30 UTC, still Friday here
    assert add_working_days(late_friday, 1) == date(2026, 12, 7)


def test_a_make_up_working_day_counts_and_an_extra_day_off_does_not():
    friday = date(2026, 12, 4)
    CalendarDay.objects.create(date=date(2026, 12, 12), is_working_day=True, note="Làm bù")
    assert add_working_days(friday, 15) == date(2026, 12, 24)
    CalendarDay.objects.create(date=date(2026, 12, 7), is_working_day=False, note="Nghỉ thêm")
    assert add_working_days(friday, 15) == date(2026, 12, 25)
    assert working_days_between(friday, date(2026, 12, 14)) == 6  # 8-11, 12 (make-up), 14


def test_the_overdue_list(client, topic):
    import time_machine

    from tests.factories import make_moderator

    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=VN), tick=False):
        late = make_question(topic, n=1)
    on_time = make_question(topic, n=2)
    client.force_login(make_moderator("kiemduyet-han"))
    html = client.get("/quan-tri/participation/question/", {"han": "qua-han"}).content.decode()
    assert late.code in html and on_time.code not in html
