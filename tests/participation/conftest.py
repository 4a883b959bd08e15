from datetime import timedelta

import pytest
from django.utils import timezone

from participation import flow
from participation.models import Comment, Consultation, Office, Question, Topic
from tests.chaudoc.portals.conftest import two_portals  # noqa: F401 (the matrix's fixture)

Stage = Question.Stage


def make_topic(name="Đất đai", **kwargs):
    return Topic.objects.create(name=name, **kwargs)


def make_question(topic=None, *, n=1, stage=Stage.RECEIVED, may_publish=True, **kwargs):
    fields = {
        "name": f"Nguyễn Văn {n}",
        "email": f"cu-dan-{n}@example.vn",
        "phone": f"09{n:08d}",
        "title": f"Hỏi về cấp giấy chứng nhận quyền sử dụng đất {n}",
        "question": "Thủ tục cấp giấy chứng nhận quyền sử dụng đất cần những giấy tờ gì?",
        "may_publish": may_publish,
        "topic": topic or Topic.objects.first() or make_topic(),
    }
    fields.update(kwargs)
    question = flow.receive(Question(**fields))
    if stage != Stage.RECEIVED:
        answered = stage not in (Stage.ASSIGNED, Stage.DECLINED)
        Question.objects.filter(pk=question.pk).update(
            stage=stage,
            answer="<p>Cần đơn đề nghị và giấy tờ về quyền sử dụng đất.</p>" if answered else "",
            published_at=timezone.now() - timedelta(minutes=n)
            if stage == Stage.PUBLISHED
            else None,
        )
        question.refresh_from_db()
        question.save()  # the search document, with the answer
    return question


def make_office(name="Phòng Kinh tế", **kwargs):
    return Office.objects.create(name=name, **kwargs)


def make_consultation(office=None, *, open_days=10, **kwargs):
    now = timezone.now()
    fields = {
        "title": "Dự thảo quy chế quản lý chợ Châu Đốc",
        "body": "<p>Điều 1. Phạm vi điều chỉnh.</p>",
        "office": office or make_office(),
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=open_days),
        "is_published": True,
    }
    fields.update(kwargs)
    return Consultation.objects.create(**fields)


def make_comment(consultation, n=1, state=Comment.State.APPROVED, **kwargs):
    fields = {
        "name": f"Trần Thị {n}",
        "email": f"gop-y-{n}@example.vn",
        "phone": f"08{n:08d}",
        "body": f"Góp ý số {n}: đề nghị bổ sung quy định về giờ mở cửa.",
        "state": state,
    }
    fields.update(kwargs)
    return Comment.objects.create(consultation=consultation, **fields)


@pytest.fixture
def topic(db):
    return make_topic()


def make_officer(username="canbo"):
    """A ward-level officer who answers questions (the ward editors' role), of the default
    portal."""
    from django.contrib.auth.models import Group

    from chaudoc.portals.current import default_portal
    from chaudoc.portals.models import PortalMembership
    from chaudoc.wards.roles import WARD_EDITOR
    from tests.factories import make_staff

    user = make_staff(username)
    user.groups.add(Group.objects.get(name=WARD_EDITOR))
    PortalMembership.objects.create(user=user, portal=default_portal())
    return user
