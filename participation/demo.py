"""Demo content of the residents' rooms (`load_demo`): fields, an office, a question answered
and published, one being answered, and a draft open for comments. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from participation import flow
from participation.models import Comment, Consultation, Office, Question, Topic

TOPICS = ["Đất đai", "Hộ tịch", "Xây dựng", "Môi trường"]
CONSULTATION_SLUG = "du-thao-quy-che-quan-ly-cho-chau-doc"


def load_demo():
    topics = [
        Topic.objects.get_or_create(name=name, defaults={"order": n})[0]
        for n, name in enumerate(TOPICS)
    ]
    office = Office.objects.get_or_create(name="Văn phòng HĐND và UBND phường")[0]
    questions = [
        _question(
            topics[1],
            "Đăng ký khai sinh cho con ở phường nào?",
            "Tôi tạm trú ở phường Châu Đốc, con sinh tại bệnh viện tỉnh. Tôi đăng ký khai sinh "
            "cho con ở đâu và cần giấy tờ gì?",
            "<p>Ông/bà đăng ký khai sinh tại UBND phường nơi cư trú của cha hoặc mẹ, mang theo "
            "giấy chứng sinh và giấy tờ tùy thân.</p>",
            office,
        ),
        _question(
            topics[0],
            "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
            "Gia đình tôi sử dụng đất ổn định từ năm 2000, chưa có giấy chứng nhận. Thủ tục thế "
            "nào?",
            "",
            office,
        ),
    ]
    now = timezone.now()
    consultation, made = Consultation.objects.get_or_create(
        slug=CONSULTATION_SLUG,
        defaults={
            "title": "Dự thảo Quy chế quản lý chợ Châu Đốc",
            "summary": "UBND phường lấy ý kiến người dân về dự thảo quy chế quản lý chợ.",
            "body": "<h2>Chương I. Quy định chung</h2><p>Điều 1. Phạm vi điều chỉnh: quy chế "
            "này quy định việc quản lý, kinh doanh tại chợ Châu Đốc.</p>",
            "office": office,
            "opens_at": now - timedelta(days=3),
            "closes_at": now + timedelta(days=60),
            "is_published": True,
        },
    )
    if made:
        Comment.objects.create(
            consultation=consultation,
            name="Người dân mẫu",
            email="nguoi-dan-mau@example.vn",
            body="Đề nghị quy định rõ giờ mở cửa và đóng cửa chợ vào ngày lễ, Tết.",
            state=Comment.State.APPROVED,
        )
    return topics, questions, consultation


def _question(topic, title, text, answer, office):
    question = Question.objects.filter(title=title).first()
    if question is not None:
        return question
    question = flow.receive(
        Question(
            topic=topic,
            title=title,
            question=text,
            name="Người dân mẫu",
            email="nguoi-dan-mau@example.vn",
            may_publish=True,
        )
    )
    question.office = office
    question.stage = Question.Stage.ASSIGNED
    if answer:
        question.answer = answer
        question.stage = Question.Stage.PUBLISHED
        question.published_at = timezone.now()
    question.save()
    return question
