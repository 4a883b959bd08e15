"""Comments on drafts ("Lấy ý kiến dự thảo"): open between two dates, moderated before they
are shown, exported for the drafting office, closed on their own after the deadline."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from participation.models import Comment, ContactView
from tests.factories import make_moderator, make_staff
from tests.participation.conftest import make_comment, make_consultation

pytestmark = pytest.mark.django_db

DATA = {
    "name": "Phạm Thị Góp",
    "email": "pham-gop@example.vn",
    "body": "Đề nghị bổ sung <b>giờ</b> mở cửa.",
    "may_publish": "on",
    "consent": "on",
}


def test_a_comment_waits_for_moderation(client):
    consultation = make_consultation()
    response = client.post(consultation.get_absolute_url(), DATA)
    assert "Cảm ơn bạn: góp ý đã được tiếp nhận" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.state == Comment.State.PENDING and comment.consent_at
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "bổ sung" not in page
    comment.state = Comment.State.APPROVED
    comment.save()
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Đề nghị bổ sung &lt;b&gt;giờ&lt;/b&gt; mở cửa." in page  # escaped, never markup
    assert "pham-gop@example.vn" not in page and "Phạm Thị Góp" not in page


def test_the_form_closes_on_its_own_after_the_deadline(client):
    consultation = make_consultation(open_days=2, report_url="/tin-tuc/bao-cao-tiep-thu/")
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        page = client.get(consultation.get_absolute_url()).content.decode()
        assert "Đã hết thời gian lấy ý kiến" in page and "<textarea" not in page
        assert 'href="/tin-tuc/bao-cao-tiep-thu/"' in page
        client.post(consultation.get_absolute_url(), DATA)
    assert not Comment.objects.exists()


def test_an_unsafe_report_link_is_refused():
    from django.core.exceptions import ValidationError

    consultation = make_consultation()
    consultation.report_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        consultation.full_clean()


def test_a_document_can_be_linked_later():
    consultation = make_consultation()
    assert consultation.document is None
    fields = {f.name: f for f in consultation._meta.get_fields()}
    assert fields["document_id"].null and fields["document_type"].null


def _export(client, consultation, kind):
    return client.get(f"/quan-tri/participation/consultation/{consultation.pk}/xuat/{kind}/")


def test_every_comment_is_exported_to_csv_and_xlsx(client):
    consultation = make_consultation()
    for n, state in enumerate(["approved", "pending", "rejected"]):
        make_comment(consultation, n=n, state=state)
    make_comment(consultation, n=9, body='=HYPERLINK("http://x")')
    admin = make_staff("quantri-xuat", superuser=True)
    client.force_login(admin)
    response = _export(client, consultation, "csv")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 5 and rows[0][0] == "STT"
    assert rows[-1][4].startswith("'=")  # a formula is kept as text
    assert "gop-y-0@example.vn" in response.content.decode()
    book = load_workbook(io.BytesIO(_export(client, consultation, "xlsx").content))
    assert book.active.max_row == 5
    assert ContactView.objects.filter(user=admin).count() == 2


def test_a_moderator_exports_without_contacts_unless_of_the_office(client):
    consultation = make_consultation()
    make_comment(consultation)
    moderator = make_moderator("kiemduyet-xuat")
    client.force_login(moderator)
    response = _export(client, consultation, "csv")
    assert response.status_code == 200 and "gop-y-1@example.vn" not in response.content.decode()
    consultation.office.officers.add(moderator)
    assert "gop-y-1@example.vn" in _export(client, consultation, "csv").content.decode()


def test_moderators_show_comments_with_an_action(client):
    consultation = make_consultation()
    comment = make_comment(consultation, state="pending")
    client.force_login(make_moderator("kiemduyet-gopy"))
    client.post(
        "/quan-tri/participation/comment/",
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.state == Comment.State.APPROVED
