"""An introduction page's map may be a PDF (Nghị định 224/2026 Điều 9 k1 c: the boundary map
"as an image or PDF with a text alternative"): checked as hostile like a document's file,
shown as a download with its size and its text in words, served as a download, never sniffed."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from about.models import IntroPage
from documents.demo import sample_pdf
from tests.about.factories import make_page
from tests.about.test_permission_matrix import PageKind
from tests.documents.conftest import docx_bytes, stored_files
from tests.documents.test_files import JS, exe_bytes

pytestmark = pytest.mark.django_db

TEXT = "Phía bắc giáp biên giới Campuchia; phía nam giáp phường Vĩnh Tế."
HOSTILE = {
    "pdf-javascript": (sample_pdf(["Ban do"], JS), "JavaScript"),
    "exe-renamed": (exe_bytes(), "không phải tệp PDF, Word, Excel"),
    "docx-named-pdf": (docx_bytes(), "nội dung là tệp DOCX"),
}


def pdf_page(**fields):
    return make_page(
        "Bản đồ địa giới hành chính",
        file=ContentFile(sample_pdf(["Ban do dia gioi"]), name="<script>.pdf"),
        image_alt_vi="Bản đồ địa giới phường Châu Đốc",
        image_text_vi=TEXT,
        **fields,
    )


def test_a_pdf_map_is_shown_as_a_download_with_its_size_and_text_alternative(client):
    page = pdf_page()
    body = html.unescape(client.get(page.get_absolute_url()).content.decode())
    link = f'<a href="{page.get_file_url()}" type="application/pdf" download>'
    assert link + "Bản đồ địa giới phường Châu Đốc</a>" in body
    assert "(PDF, " in body and "byte" in body
    assert "Nội dung của tệp bằng lời" in body and TEXT in body
    assert '<figure class="intro-figure">\n      \n' in body  # no image preview of a PDF
    assert page.file.name.startswith("about-files/") and "script" not in page.file.name
    assert page.file_size == len(sample_pdf(["Ban do dia gioi"]))


def test_the_pdf_is_served_as_a_download_with_its_type_and_nosniff(client):
    page = pdf_page()
    response = client.get(page.get_file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_pdf_of_a_page_readers_cannot_see_is_not_served(client):
    page = pdf_page(status="draft")
    assert client.get(page.get_file_url()).status_code == 404
    under_draft = pdf_page(parent=make_page(status="draft"))
    assert client.get(under_draft.get_file_url()).status_code == 404
    without = make_page()
    url = reverse("about:file", kwargs={"slug": without.slug, "name": "x.pdf"})
    assert client.get(url).status_code == 404


def test_a_pdf_needs_its_description_and_its_text_alternative():
    page = IntroPage(
        title_vi="Bản đồ",
        file=ContentFile(sample_pdf(["Ban do"]), name="ban-do.pdf"),
        image_alt_vi="Bản đồ",
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_text_vi" in error.value.message_dict
    page.image_alt_vi, page.image_text_vi = "", TEXT
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt_vi" in error.value.message_dict


def _post(client, page, upload, **fields):
    data = {
        **PageKind().form(page),
        "title_vi": page.title_vi,
        "image_alt_vi": "Bản đồ địa giới phường",
        "image_text_vi": TEXT,
        "file": upload,
        **fields,
    }
    return client.post(reverse("admin:about_intropage_change", args=[page.pk]), data)


def test_the_admin_takes_a_good_pdf_map(client, settings, editor_a, ward_a):
    page = make_page(status="draft", ward=ward_a)
    client.force_login(editor_a)
    upload = SimpleUploadedFile("ban-do.pdf", sample_pdf(["Ban do"]), "application/pdf")
    response = _post(client, page, upload)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page.refresh_from_db()
    assert page.file.name.startswith("about-files/") and page.file_size > 0
    assert stored_files(settings) == [page.file.name]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_admin_refuses_a_hostile_map_in_vietnamese_and_stores_nothing(
    client, settings, editor_a, ward_a, kind
):
    data, message = HOSTILE[kind]
    page = make_page(status="draft", ward=ward_a)
    client.force_login(editor_a)
    response = _post(client, page, SimpleUploadedFile("ban-do.pdf", data, "application/pdf"))
    assert response.status_code == 200  # the form again, with the reason at the field
    assert message in html.unescape(response.content.decode())
    page.refresh_from_db()
    assert not page.file and stored_files(settings) == []


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_every_door_checks_the_map(settings, kind):
    data, _message = HOSTILE[kind]
    with pytest.raises(ValidationError):
        make_page(file=ContentFile(data, name="ban-do.pdf"), image_text_vi=TEXT)
    assert not IntroPage.objects.exists() and stored_files(settings) == []


def test_an_office_file_is_not_a_map(settings):
    with pytest.raises(ValidationError) as error:
        make_page(file=ContentFile(docx_bytes(), name="ban-do.docx"), image_text_vi=TEXT)
    assert error.value.code == "not_pdf"
    assert stored_files(settings) == []
