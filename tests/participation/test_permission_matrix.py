"""Who may do what with the residents' rooms through the admin's own URLs (crafted requests):
an officer (ward editor) reaches only the questions assigned to them or their office and cannot
publish; a moderator of the portal assigns, reviews, publishes, moderates and exports; a
moderator of another portal reaches nothing of it; only administrators keep the calendar, read
the log of contact views and erase a person's data."""

import pytest
from django.contrib.contenttypes.models import ContentType

from chaudoc.ratings.models import Rating
from participation.models import CalendarDay, Question
from tests.chaudoc.portals.conftest import HOST_A
from tests.factories import make_moderator, make_staff
from tests.participation.conftest import (
    make_comment,
    make_consultation,
    make_office,
    make_officer,
    make_question,
    make_topic,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer", "assigned", "moderator", "moderator_other", "administrator"]


@pytest.fixture
def world(two_portals):
    a, b = two_portals
    topic = make_topic(portal=a)
    office = make_office(portal=a)
    question = make_question(topic, portal=a)
    consultation = make_consultation(office, portal=a)
    comment = make_comment(consultation, state="pending")
    assigned = make_officer("canbo-duocgiao")
    question.assignee = assigned
    question.save()
    from chaudoc.portals.models import PortalMembership

    PortalMembership.objects.filter(user=assigned).update(portal=a)
    officer = make_officer("canbo-khac-hd")
    PortalMembership.objects.filter(user=officer).update(portal=a)
    Rating.objects.create(
        portal=a,
        content_type=ContentType.objects.get_for_model(Question),
        object_id=question.pk,
        helpful=True,
    )
    users = {
        "anonymous": None,
        "officer": officer,
        "assigned": assigned,
        "moderator": make_moderator("kiemduyet-a-hd", a),
        "moderator_other": make_moderator("kiemduyet-b-hd", b),
        "administrator": make_staff("quantri-hd", superuser=True),
    }
    return {
        "users": users,
        "question": question,
        "topic": topic,
        "office": office,
        "consultation": consultation,
        "comment": comment,
    }


def _url(model, action, pk=None):
    base = f"/quan-tri/participation/{model}/"
    return {"list": base, "change": f"{base}{pk}/change/", "add": f"{base}add/"}[action]


# (name, url maker, roles answered 200). Lists answer 200 to another portal's moderator, empty
# (test_the_other_portals_moderator_sees_no_question_in_lists).
DOORS = [
    (
        "question list",
        lambda w: _url("question", "list"),
        {"assigned", "moderator", "officer", "moderator_other", "administrator"},
    ),
    (
        "question page",
        lambda w: _url("question", "change", w["question"].pk),
        {"assigned", "moderator", "administrator"},
    ),
    (
        "topic list",
        lambda w: _url("topic", "list"),
        {"officer", "assigned", "moderator", "moderator_other", "administrator"},
    ),
    (
        "office page",
        lambda w: _url("office", "change", w["office"].pk),
        {"moderator", "administrator"},
    ),
    ("calendar add", lambda w: _url("calendarday", "add"), {"administrator"}),
    ("contact views", lambda w: _url("contactview", "list"), {"administrator"}),
    (
        "draft page",
        lambda w: _url("consultation", "change", w["consultation"].pk),
        {"moderator", "administrator"},
    ),
    (
        "comment page",
        lambda w: _url("comment", "change", w["comment"].pk),
        {"moderator", "administrator"},
    ),
    (
        "export",
        lambda w: f"/quan-tri/participation/consultation/{w['consultation'].pk}/xuat/csv/",
        {"moderator", "administrator"},
    ),
    ("erase", lambda w: "/quan-tri/participation/question/xoa-du-lieu-ca-nhan/", {"administrator"}),
    (
        "ratings report",
        lambda w: "/quan-tri/chaudoc/rating/",
        {"moderator", "moderator_other", "administrator"},
    ),
]


@pytest.mark.parametrize("role", ROLES)
def test_admin_doors(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    wrong = []
    for name, url, allowed in DOORS:
        response = client.get(url(world), HTTP_HOST=HOST_A)
        assert response.status_code != 500, name
        ok = response.status_code == 200
        if ok != (role in allowed):
            wrong.append((name, response.status_code))
    assert not wrong, wrong


def test_the_other_portals_moderator_sees_no_question_in_lists(client, world):
    client.force_login(world["users"]["moderator_other"])
    html = client.get(_url("question", "list"), HTTP_HOST=HOST_A).content.decode()
    assert world["question"].code not in html
    report = client.get("/quan-tri/chaudoc/rating/", HTTP_HOST=HOST_A).content.decode()
    assert world["question"].title not in report  # ratings of another portal


def test_an_unassigned_officer_sees_no_question(client, world):
    client.force_login(world["users"]["officer"])
    html = client.get(_url("question", "list"), HTTP_HOST=HOST_A).content.decode()
    assert world["question"].code not in html


@pytest.mark.parametrize("role", ["officer", "assigned", "moderator_other"])
def test_only_moderators_publish_or_assign(client, world, role):
    question = world["question"]
    Question.objects.filter(pk=question.pk).update(stage="review", answer="<p>Trả lời</p>")
    client.force_login(world["users"][role])
    data = {
        "office": world["office"].pk,
        "assignee": "",
        "answer": "<p>Trả lời</p>",
        "step": "approve",
        "reason": "",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    client.post(_url("question", "change", question.pk), data, HTTP_HOST=HOST_A)
    question.refresh_from_db()
    assert question.stage == "review" and question.office_id is None


def test_only_administrators_add_calendar_days(client, world):
    data = {"date": "2027-02-13", "is_working_day": "on", "note": "Làm bù"}
    client.force_login(world["users"]["moderator"])
    client.post(_url("calendarday", "add"), data, HTTP_HOST=HOST_A)
    assert not CalendarDay.objects.exists()
    client.force_login(world["users"]["administrator"])
    client.post(_url("calendarday", "add"), data, HTTP_HOST=HOST_A)
    assert CalendarDay.objects.get().is_working_day
