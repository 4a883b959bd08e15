"""Attached files are hostile until proven otherwise: each bad file is refused through the
admin with a Vietnamese message and nothing is stored; a good one is stored under our name,
its text read once, and served as a download with its type and nosniff."""

import html
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chaudoc.media.files import check_file
from documents.demo import sample_pdf
from documents.models import Attachment
from tests.documents.conftest import docx_bytes, make_document, stored_files

pytestmark = pytest.mark.django_db

SIZE_LIMIT = 200_000
UNPACK_LIMIT = 1_000_000


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.DOCUMENT_MAX_BYTES = SIZE_LIMIT
    settings.DOCUMENT_MAX_UNPACKED_BYTES = UNPACK_LIMIT


def bomb_docx():
    """A DOCX whose document.xml is small packed and expands past the limit unpacked."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        + " " * (UNPACK_LIMIT * 3)
        + "</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    return docx_bytes(document_xml=xml)


def exe_bytes():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"


JS = b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
BAD = {
    "pdf-javascript": ("quyet-dinh.pdf", sample_pdf(["Van ban"], JS), "JavaScript"),
    "pdf-javascript-escaped": (
        "quyet-dinh.pdf",
        sample_pdf(["Van ban"], b" /OpenAction << /S /J#61vaScript /J#53 (x) >>"),
        "JavaScript",
    ),
    "pdf-launch": (
        "quyet-dinh.pdf",
        sample_pdf(["Van ban"], b" /OpenAction << /S /Launch /F (cmd.exe) >>"),
        "lệnh mở chương trình",
    ),
    "pdf-embedded": (
        "quyet-dinh.pdf",
        sample_pdf(["Van ban"], b" /Names << /EmbeddedFiles << /Names [] >> >>"),
        "tệp đính kèm bên trong",
    ),
    "exe-renamed": ("quyet-dinh.pdf", exe_bytes(), "không phải tệp PDF, Word, Excel"),
    "docx-bomb": ("ke-hoach.docx", bomb_docx(), "bom nén"),
    "too-big": ("lon.pdf", sample_pdf(["x" * 80] * 40) + b"%" * SIZE_LIMIT, "giới hạn"),
    "docx-named-pdf": ("quyet-dinh.pdf", docx_bytes(), "nội dung là tệp DOCX"),
    "macro-docx": (
        "ke-hoach.docx",
        docx_bytes(extra=[("word/vbaProject.bin", b"\x00" * 10)]),
        "macro",
    ),
    "broken-zip": ("bao-cao.xlsx", b"PK\x03\x04" + b"\x00" * 100, "bị hỏng"),
    "html-as-pdf": ("quyet-dinh.pdf", b"<html><script>alert(1)</script></html>", "không phải"),
}


def document_form(document, upload=None, **extra):
    data = {
        "number": document.number,
        "doc_type": document.doc_type_id,
        "issuer": document.issuer_id,
        "signer": "",
        "issued_on": "01/07/2026",
        "effective_from": "",
        "effective_until": "",
        "field": "",
        "summary_vi": document.summary_vi,
        "summary_en": "",
        "section": "",
        "slug": document.slug,
        "ward": document.ward_id or "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": "",
        "attachments-0-order": "0",
        "outgoing-TOTAL_FORMS": "0",
        "outgoing-INITIAL_FORMS": "0",
        "outgoing-MIN_NUM_FORMS": "0",
        "outgoing-MAX_NUM_FORMS": "1000",
    }
    if upload is not None:
        data["attachments-0-file"] = upload
    data.update(extra)
    return data


@pytest.fixture
def draft(ward_a):
    return make_document("125/QĐ-UBND", status="draft", ward=ward_a)


@pytest.mark.parametrize("kind", sorted(BAD))
def test_admin_refuses_a_bad_file_in_vietnamese_and_stores_nothing(
    client, settings, editor_a, draft, kind
):
    name, data, message = BAD[kind]
    client.force_login(editor_a)
    response = client.post(
        reverse("admin:documents_document_change", args=[draft.pk]),
        document_form(draft, SimpleUploadedFile(name, data, content_type="application/pdf")),
    )
    assert response.status_code == 200  # the form again, with the reason at the field
    assert message in html.unescape(response.content.decode())
    assert Attachment.objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize("kind", sorted(BAD))
def test_every_door_checks_the_file(kind, settings):
    name, data, _message = BAD[kind]
    document = make_document()
    with pytest.raises(ValidationError):
        Attachment.objects.create(document=document, file=ContentFile(data, name=name))
    assert Attachment.objects.count() == 0
    assert stored_files(settings) == []


def test_a_good_pdf_is_stored_under_our_name_with_its_text(client, settings, editor_a, draft):
    client.force_login(editor_a)
    pdf = SimpleUploadedFile("../../etc/Quyết định.pdf", sample_pdf(["Noi dung kenhvinhte"]))
    response = client.post(
        reverse("admin:documents_document_change", args=[draft.pk]), document_form(draft, pdf)
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == "pdf" and attachment.has_text
    assert "kenhvinhte" in attachment.text
    assert attachment.file.name.startswith("documents/") and ".." not in attachment.file.name
    assert attachment.file.name.endswith(".pdf") and "Quy" not in attachment.file.name
    assert "kenhvinhte" in type(draft).objects.get(pk=draft.pk).search_text_vi


def test_a_scanned_pdf_is_accepted_and_flagged_to_the_editor(client, editor_a, draft):
    client.force_login(editor_a)
    scan = SimpleUploadedFile("ban-scan.pdf", sample_pdf([]))
    response = client.post(
        reverse("admin:documents_document_change", args=[draft.pk]),
        document_form(draft, scan),
        follow=True,
    )
    assert Attachment.objects.get().has_text is False
    assert "có thể là bản scan" in response.content.decode()


def test_docx_text_is_read_for_the_search():
    checked = check_file(io.BytesIO(docx_bytes("Nạo vét kênh Vĩnh Tế")), "ke-hoach.docx")
    assert checked.kind == "docx" and "Nạo vét kênh Vĩnh Tế" in checked.text


def test_an_xlsx_and_an_odt_are_recognised_by_their_content():
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert check_file(io.BytesIO(xlsx.getvalue()), "so-lieu.xlsx").kind == "xlsx"
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0"><office:body>Thông báo lịch tiếp dân</office:body>'
            "</office:document-content>",
        )
    checked = check_file(io.BytesIO(odt.getvalue()), "thong-bao.odt")
    assert checked.kind == "odt" and "lịch tiếp dân" in checked.text


def test_a_good_pdf_is_served_as_a_download_with_its_type_and_nosniff(client):
    document = make_document("125/QĐ-UBND")
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(sample_pdf(["Van ban"]), name="<script>.pdf")
    )
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    expected = f'attachment; filename="125-qd-ubnd-{attachment.pk}.pdf"'
    assert response["Content-Disposition"] == expected
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_document_page_links_each_file_with_its_type_and_size(client):
    document = make_document("125/QĐ-UBND")
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(sample_pdf(["Van ban"]), name="a.pdf"), title="Bản ký"
    )
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{attachment.get_absolute_url()}" type="application/pdf"' in page
    assert "(PDF, " in page and "byte" in page


def test_a_file_of_an_unpublished_document_is_not_served(client):
    document = make_document("125/QĐ-UBND", status="draft")
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(sample_pdf(["Van ban"]), name="a.pdf")
    )
    assert client.get(attachment.get_absolute_url()).status_code == 404
    other = reverse("documents:file", kwargs={"pk": attachment.pk + 100, "name": "x.pdf"})
    assert client.get(other).status_code == 404
