import io
import zipfile
from datetime import date, timedelta
from itertools import count

import pytest
from django.core.files.base import ContentFile

from chaudoc.publishing.states import Status
from documents.demo import sample_pdf
from documents.models import Attachment, Document, DocumentType, Field, Issuer
from tests.factories import NOW
from tests.news.conftest import (  # noqa: F401  (shared fixtures: wards and roles)
    administrator,
    editor_a,
    editor_b,
    moderator,
    ward_a,
    ward_b,
)

_seq = count(1)


def make_type(name="Quyết định", **kwargs):
    return DocumentType.objects.get_or_create(name_vi=name, defaults=kwargs)[0]


def make_issuer(name="UBND phường Châu Đốc"):
    return Issuer.objects.get_or_create(name_vi=name)[0]


def make_field(name="Hành chính"):
    return Field.objects.get_or_create(name_vi=name)[0]


def make_document(number=None, *, status=Status.PUBLISHED, **kwargs):
    fields = {
        "number": number or f"{next(_seq)}/QĐ-UBND",
        "doc_type": kwargs.pop("doc_type", None) or make_type(),
        "issuer": kwargs.pop("issuer", None) or make_issuer(),
        "issued_on": date(2026, 7, 1),
        "summary_vi": "Quyết định về việc thử nghiệm",
        "status": status,
        "published_at": NOW - timedelta(days=400),  # before any date the tests travel to
    }
    fields.update(kwargs)
    return Document.objects.create(**fields)


def attach_pdf(document, *lines):
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(sample_pdf(lines or ["Van ban thu"]), name="vb.pdf")
    )
    document.attachments_changed()
    return attachment


def docx_bytes(text="Nội dung văn bản", document_xml=None, extra=()):
    """A minimal DOCX (python-docx reads it); `document_xml` replaces its main part."""
    body = (
        document_xml
        or (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
        ).encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", body)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def doc_type(db):
    return make_type()


def stored_files(settings):
    root = settings.MEDIA_ROOT
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
