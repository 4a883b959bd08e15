"""Every comment of a draft, for the drafting office's summary: CSV (UTF-8 with a BOM, which
spreadsheet programs need to read Vietnamese) and XLSX (openpyxl)."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook


def comment_rows(consultation, with_contact):
    header = [_("No."), _("Sent at"), _("State"), _("May be shown"), _("Comment")]
    if with_contact:
        header += [_("Full name"), _("E-mail"), _("Phone")]
    rows = [header]
    for n, c in enumerate(consultation.comments.order_by("created_at", "id"), start=1):
        row = [
            n,
            timezone.localtime(c.created_at).strftime("%d/%m/%Y %H:%M"),
            c.get_state_display(),
            _("yes") if c.may_publish else _("no"),
            c.body,
        ]
        if with_contact:
            row += [c.name, c.email, c.phone]
        rows.append([_safe(v) for v in row])
    return rows


def _safe(value):
    """A cell a spreadsheet will not run: text starting with = + - @ is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows, out):
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerows(rows)


def to_xlsx(rows, out):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Comments")[:31]
    for row in rows:
        sheet.append(row)
    book.save(out)
