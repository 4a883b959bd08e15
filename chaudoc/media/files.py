"""Attached files (PDF, DOC/DOCX, XLS/XLSX, ODT) are hostile until proven otherwise.

A file is judged by its bytes, never by its name: the content's signature and structure say
what it is, and the name's extension must agree. Office files are zip archives (DOCX, XLSX,
ODT) or OLE2 compound files (DOC, XLS); an archive whose members would unpack past a limit, or
unpack far more than they weigh, is refused before anything reads it (a "zip bomb"), and so is
one carrying macros. A PDF that can run anything in a reader's viewer (JavaScript, a launch
action, embedded files, rich media) is refused. Whatever is refused is refused with a
Vietnamese message, before anything is stored.

The text of a PDF or DOCX is read once, here, for the site search (pypdf and python-docx: both
pure Python, maintained, and they parse with entity resolution off). A PDF with no text (a
scan) is accepted and flagged, so the editor can be told.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# kind -> (extensions accepted for it, the type it is served with, a reader's label)
KINDS = {
    "pdf": (("pdf",), "application/pdf", "PDF"),
    "docx": (
        ("docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
    ),
    "xlsx": (
        ("xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLSX",
    ),
    "odt": (("odt",), "application/vnd.oasis.opendocument.text", "ODT"),
    "doc": (("doc",), "application/msword", "DOC"),
    "xls": (("xls",), "application/vnd.ms-excel", "XLS"),
}
ACCEPT = ",".join(f".{ext}" for exts, _type, _label in KINDS.values() for ext in exts)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# PDF names that make a viewer run or open something (after #xx escapes are decoded).
PDF_FORBIDDEN = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/ImportData",
    "/XFA",
}
PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
MACRO_MARKERS = ("vbaproject.bin", "vbadata.xml", "macros/", "basic/")
MAX_TEXT = 500_000  # characters of extracted text kept for the search
MAX_PAGES = 300  # pages read for text


@dataclass
class CheckedFile:
    kind: str
    ext: str
    content_type: str
    size: int
    text: str = ""
    has_text: bool = True  # False: a PDF with no text layer (a scan), for the editor to know

    @property
    def label(self):
        return KINDS[self.kind][2]


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _read_all(upload):
    upload.seek(0)
    limit = settings.DOCUMENT_MAX_BYTES
    data = upload.read(limit + 1)
    upload.seek(0)
    return data


def check_file(upload, name=None):
    """A CheckedFile for `upload` (an uploaded or opened file), or ValidationError."""
    name = name if name is not None else getattr(upload, "name", "")
    limit = settings.DOCUMENT_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        _too_big(limit)
    data = _read_all(upload)
    if len(data) > limit:
        _too_big(limit)
    if not data:
        _refuse(_("The file is empty."), "empty")
    ext = _extension(name)
    kind = _sniff(data, ext)
    if ext not in KINDS[kind][0]:
        _refuse(
            _(
                "The file's name says .%(ext)s but its content is a %(kind)s file. "
                "Rename it or choose the right file."
            ),
            "mismatch",
            ext=ext or "?",
            kind=KINDS[kind][2],
        )
    checked = CheckedFile(kind=kind, ext=ext, content_type=KINDS[kind][1], size=len(data))
    CHECKS[kind](data, checked)
    return checked


def _too_big(limit):
    _refuse(
        _("The file is larger than the limit of %(limit)s."),
        "too_big",
        limit=filesizeformat(limit),
    )


def _sniff(data, ext):
    """The kind the bytes say, or ValidationError: a PDF, a zip of an office format, OLE2."""
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return "xls" if ext == "xls" else "doc"  # both OLE2; the name picks which, nothing else
    _refuse(
        _(
            "This file is not a PDF, Word, Excel or OpenDocument file (its content says "
            "otherwise, whatever its name). Only PDF, DOC, DOCX, XLS, XLSX and ODT are accepted."
        ),
        "unknown_type",
    )


def _zip_members(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        _refuse(_("The file is damaged: its archive cannot be read."), "bad_zip")
    return archive, members


def _zip_kind(data):
    archive, members = _zip_members(data)
    names = {m.filename for m in members}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and _member(archive, "mimetype", 200).strip() == ODT_MIMETYPE:
        return "odt"
    _refuse(
        _("This archive is not a Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) file."),
        "unknown_type",
    )


def _member(archive, name, limit):
    with archive.open(name) as member:  # zipfile never returns more than the declared size
        return member.read(limit)


def _check_zip(data, checked):
    """Every member declared and bounded: no bomb, no encryption, no macros, no odd names."""
    archive, members = _zip_members(data)
    limit = settings.DOCUMENT_MAX_UNPACKED_BYTES
    ratio = settings.DOCUMENT_MAX_UNPACK_RATIO
    if len(members) > settings.DOCUMENT_MAX_MEMBERS:
        _bomb(limit)
    total = 0
    for member in members:
        total += member.file_size
        lowered = member.filename.lower()
        if member.flag_bits & 0x1:
            _refuse(_("Encrypted office files are not accepted."), "encrypted")
        if any(marker in lowered for marker in MACRO_MARKERS):
            _refuse(
                _("The file contains macros (programs). Save it without macros and try again."),
                "macros",
            )
        if member.file_size > 1_000_000 and member.file_size > ratio * max(member.compress_size, 1):
            _bomb(limit)
    if total > limit:
        _bomb(limit)
    return archive


def _bomb(limit):
    _refuse(
        _(
            "The file unpacks to more than %(limit)s (or far more than its own size): it is "
            "refused as a possible archive bomb."
        ),
        "bomb",
        limit=filesizeformat(limit),
    )


def _check_docx(data, checked):
    archive = _check_zip(data, checked)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts.extend(cell.text for row in table.rows for cell in row.cells)
    except Exception:  # python-docx raises many kinds on a malformed part
        archive.close()
        _refuse(_("The Word file is damaged and cannot be read."), "bad_docx")
    checked.text = " ".join(p for p in parts if p)[:MAX_TEXT]


def _check_xlsx(data, checked):
    _check_zip(data, checked)


def _check_odt(data, checked):
    archive = _check_zip(data, checked)
    if "content.xml" not in archive.namelist():
        _refuse(_("The OpenDocument file is damaged: it has no content."), "bad_odt")
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(_member(archive, "content.xml", MAX_TEXT * 10), parser)
    except etree.XMLSyntaxError:
        _refuse(_("The OpenDocument file is damaged and cannot be read."), "bad_odt")
    checked.text = " ".join(t.strip() for t in root.itertext() if t.strip())[:MAX_TEXT]


def _check_ole(data, checked):
    # An OLE2 file's directory names are UTF-16: a VBA project is a macro.
    lowered = data.lower()
    if "_vba_project".encode("utf-16-le") in lowered or b"_vba_project" in lowered:
        _refuse(
            _("The file contains macros (programs). Save it without macros and try again."),
            "macros",
        )


def _pdf_names(data):
    """Every name in the raw bytes, #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    for raw in PDF_NAME.findall(data):
        yield re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1")


def _refuse_active_pdf():
    _refuse(
        _(
            "The PDF contains JavaScript, a launch action or embedded files, which could run "
            "on readers' computers. Save it again as a plain PDF (e.g. print to PDF) and try "
            "again."
        ),
        "active_pdf",
    )


def _walk_pdf(reader):
    """Every object reachable from the trailer, object streams included (pypdf decodes them)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen = set()
    stack = [reader.trailer]
    budget = 200_000
    while stack and budget:
        budget -= 1
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in PDF_FORBIDDEN or (key == "/S" and value in PDF_FORBIDDEN):
                    _refuse_active_pdf()
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _check_pdf(data, checked):
    if any(name in PDF_FORBIDDEN for name in _pdf_names(data)):
        _refuse_active_pdf()
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _refuse(_("Password-protected PDFs are not accepted."), "encrypted")
        _walk_pdf(reader)
        texts = []
        for page in reader.pages[:MAX_PAGES]:
            texts.append(page.extract_text() or "")
            if sum(map(len, texts)) > MAX_TEXT:
                break
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        _refuse(_("The PDF is damaged and cannot be read."), "bad_pdf")
    text = " ".join(" ".join(texts).split())
    checked.text = text[:MAX_TEXT]
    checked.has_text = bool(text)


CHECKS = {
    "pdf": _check_pdf,
    "docx": _check_docx,
    "xlsx": _check_xlsx,
    "odt": _check_odt,
    "doc": _check_ole,
    "xls": _check_ole,
}


def check_pdf(upload, name=None):
    """check_file, for a place that takes a PDF only (an introduction page's map)."""
    checked = check_file(upload, name)
    if checked.kind != "pdf":
        _refuse(_("Only a PDF file is accepted here."), "not_pdf")
    return checked


def validate_pdf_file(upload):
    """A model or form field validator: check_pdf on a file just uploaded."""
    if upload is not None and not getattr(upload, "_committed", False):
        check_pdf(upload)


def validate_document_file(upload):
    """A model or form field validator: the same checks, the result thrown away."""
    if upload is not None and not getattr(upload, "_committed", False):
        check_file(upload)
