"""Personal data (Nghị định 13/2023): contact details never reach a public page, only the staff
assigned and administrators see them (each view logged), erasure on request, anonymisation
after the retention period."""

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from participation.models import Comment, ContactView, Question
from tests.factories import make_article, make_moderator, make_staff
from tests.participation.conftest import (
    make_comment,
    make_consultation,
    make_office,
    make_officer,
    make_question,
)

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SKIP = ("/quan-tri/", "/captcha/", "/media/", "/static/", "/xem-truoc/", "/danh-gia/")


def _seed(topic):
    questions = [
        make_question(topic, n=n, stage=stage, name=f"Cư Dân Bí Mật {n}")
        for n, stage in enumerate(["published", "published", "answered", "received", "declined"])
    ]
    consultation = make_consultation()
    comments = [
        make_comment(consultation, n=n, state=state, name=f"Người Góp Ý Kín {n}")
        for n, state in enumerate(["approved", "approved", "pending", "rejected"])
    ]
    make_article()
    return questions, comments


def _secrets(rows):
    return {value for row in rows for value in (row.email, row.phone, row.name) if value}


def crawl(client, starts, limit=400):
    seen, queue, pages = set(), list(starts), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if (
            response.status_code != 200
            or "text/" not in response.get("Content-Type", "")
            and ("xml" not in response.get("Content-Type", ""))
        ):
            continue
        body = response.content.decode()
        pages[url] = body
        for link in re.findall(r'(?:href|src)="([^"#]+)"|<loc>([^<]+)</loc>', body):
            target = link[0] or link[1]
            parts = urlsplit(target.replace("&amp;", "&"))
            if parts.netloc and parts.netloc not in ("testserver", "127.0.0.1", "localhost"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith("/") and path not in seen:
                queue.append(path)
    return pages


def test_no_public_page_feed_sitemap_or_search_shows_a_contact(client, topic):
    questions, comments = _seed(topic)
    secrets = _secrets([*questions, *comments])
    words = ["chung nhan", "giay chung nhan quyen su dung dat", "gop y", "Cư Dân", "example.vn"]
    searches = [f"/tim-kiem/?q={w}" for w in [*words, *sorted(secrets)]]
    starts = ["/", "/en/", "/sitemap.xml", "/rss/", "/atom/", "/hoi-dap/", "/lay-y-kien/"]
    pages = crawl(client, [*starts, *searches])
    assert any(q.get_absolute_url() in url for url in pages for q in questions[:2])
    assert "/sitemap-participation.xml" in pages
    for url, body in pages.items():
        typed = parse_qs(urlsplit(url).query).get("q", [""])[0]
        if typed:
            body = body.replace(typed, "")  # the search box echoes what the reader typed
        leaked = [s for s in secrets if s in body]
        assert not leaked, (url, leaked)


def _change_page(client, question):
    return client.get(f"/quan-tri/participation/question/{question.pk}/change/").content.decode()


def test_contact_details_only_for_the_assignee_and_administrators(client, topic):
    question = make_question(topic)
    officer, other = make_officer("canbo-giao"), make_officer("canbo-khac")
    moderator = make_moderator("kiemduyet-lienhe")
    question.assignee = officer
    question.save()

    client.force_login(moderator)
    assert question.email not in _change_page(client, question)
    client.force_login(other)
    assert client.get(f"/quan-tri/participation/question/{question.pk}/change/").status_code in (
        302,
        403,
        404,
    )
    assert not ContactView.objects.exists()

    client.force_login(officer)
    assert question.email in _change_page(client, question)
    client.force_login(make_staff("quantri-lienhe", superuser=True))
    assert question.email in _change_page(client, question)
    views = list(ContactView.objects.values_list("user__username", "question"))
    assert views == [("quantri-lienhe", question.pk), ("canbo-giao", question.pk)]


def test_the_officers_of_the_office_see_them_too(client, topic):
    question = make_question(topic)
    officer = make_officer("canbo-phong")
    office = make_office()
    office.officers.add(officer)
    question.office = office
    question.save()
    client.force_login(officer)
    assert question.email in _change_page(client, question)


def test_the_admin_list_and_search_never_show_contacts(client, topic):
    question = make_question(topic)
    client.force_login(make_staff("quantri-ds", superuser=True))
    html = client.get("/quan-tri/participation/question/", {"q": question.email}).content.decode()
    assert question.email not in html.replace(f'value="{question.email}"', "")
    assert question.code not in html  # contact details are not searchable


def test_erasure_on_request_removes_the_person_everywhere(client, topic):
    mine = make_question(topic, n=1, email="nguoi-yeu-cau@example.vn")
    theirs = make_question(topic, n=2)
    consultation = make_consultation()
    comment = make_comment(consultation, n=1, email="NGUOI-YEU-CAU@example.vn")
    admin = make_staff("quantri-xoa", superuser=True)
    ContactView.objects.create(user=admin, question=mine, what="question")
    ContactView.objects.create(user=admin, question=theirs, what="question")

    client.force_login(admin)
    url = "/quan-tri/participation/question/xoa-du-lieu-ca-nhan/"
    preview = client.post(url, {"email": "nguoi-yeu-cau@example.vn", "phone": ""})
    html = preview.content.decode()
    assert mine.code in html and f"#{comment.pk}" in html and theirs.code not in html
    mine.refresh_from_db()
    assert mine.email  # a preview changes nothing
    done = client.post(url, {"email": "nguoi-yeu-cau@example.vn", "confirm": "yes"})
    assert done.status_code == 302
    mine.refresh_from_db(), comment.refresh_from_db(), theirs.refresh_from_db()
    assert (mine.name, mine.email, mine.phone) == ("", "", "") and mine.anonymised_at
    assert (comment.name, comment.email, comment.phone) == ("", "", "")
    assert theirs.email and mine.question  # the question itself stays
    assert list(ContactView.objects.values_list("question", flat=True)) == [theirs.pk]


def test_only_administrators_erase(client):
    client.force_login(make_moderator("kiemduyet-xoa"))
    response = client.get("/quan-tri/participation/question/xoa-du-lieu-ca-nhan/")
    assert response.status_code == 403


def test_the_erasure_command_by_phone(topic):
    question = make_question(topic, n=7)
    call_command("erase_personal_data", phone=question.phone, dry_run=True, stdout=_Out())
    question.refresh_from_db()
    assert question.phone
    out = _Out()
    call_command("erase_personal_data", phone=question.phone, stdout=out)
    question.refresh_from_db()
    assert question.phone == "" and question.code in out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_retention_anonymises_rows_past_the_period(topic, settings):
    settings.PARTICIPATION_RETENTION_DAYS = 365
    start = datetime(2025, 1, 10, 9, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False):
        old_closed = make_question(topic, n=1, stage="answered")
        old_open = make_question(topic, n=2)  # still being answered: kept
        consultation = make_consultation(open_days=5)
        old_comment = make_comment(consultation, n=1)
    recent = make_question(topic, n=3, stage="answered")
    admin = make_staff("quantri-luu", superuser=True)
    with time_machine.travel(start, tick=False):
        ContactView.objects.create(user=admin, question=recent, what="question")
    with time_machine.travel(start + timedelta(days=372), tick=False):
        call_command("anonymise_participation", dry_run=True, stdout=_Out())
        assert Question.objects.filter(anonymised_at__isnull=False).count() == 0
        out = _Out()
        call_command("anonymise_participation", stdout=out)
    assert "1 question(s) and 1 comment(s)" in out.text
    for row in (old_closed, old_open, recent, old_comment):
        row.refresh_from_db()
    assert old_closed.email == "" and old_closed.anonymised_at is not None
    assert old_open.email and recent.email
    assert old_comment.email == "" and Comment.objects.count() == 1
    assert not ContactView.objects.exists()  # the view log is kept for the period only
