"""Uploads: CKEditor images, checked and cleaned by the same rule as every other image
(chaudoc.media.images: what is stored is the re-encoded picture, never the uploaded bytes), and what
happens when the media storage cannot take a file (disk full, read-only folder)."""

import json
import logging
import os
import re
from urllib.parse import urlsplit
from uuid import uuid4

from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.forms import SearchForm
from ckeditor_uploader.utils import storage
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from chaudoc.media.images import clean_image
from chaudoc.wards.scope import is_scoped

logger = logging.getLogger(__name__)

# 507 Insufficient Storage: the server's fault, said plainly; never a 500 with a traceback.
STORAGE_FAILED_STATUS = 507
STORAGE_FAILED = gettext_lazy(
    "The image could not be stored: the server's disk is full or its media folder cannot be "
    "written. Please try again later or tell the administrator."
)


def editor_folder(user):
    """Where a staff member's editor uploads go (under CKEDITOR_UPLOAD_PATH): one folder each,
    named by the account's id, never by its user name ("." and ".." are valid user names)."""
    return f"u{user.pk}/"


def editor_filename(filename, request):
    """Stored names are ours: editor/u<id>/<yyyy>/<mm>/<dd>/<random>.<ext>. The extension is
    fixed later from the decoded format. Uploads from before per-user folders stay where they
    are (editor/<yyyy>/...): their addresses in articles keep working, and moderators and
    administrators still browse them."""
    day = timezone.localdate()
    return f"{editor_folder(request.user)}{day:%Y/%m/%d}/{uuid4().hex}.{request.checked_image_ext}"


def editor_browse(request):
    """CKEditor's "browse server": moderators and administrators see every upload; anyone
    else on the staff (a ward editor) only their own. django-ckeditor's
    CKEDITOR_RESTRICT_BY_USER does not fit: it names folders by user name, and lets only
    superusers see everything."""
    files = ckeditor_views.get_files_browse_urls()
    if is_scoped(request.user):
        own = storage.url(os.path.join(settings.CKEDITOR_UPLOAD_PATH, editor_folder(request.user)))
        files = [f for f in files if f["src"].startswith(own)]
    form = SearchForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        query = form.cleaned_data.get("q", "").lower()
        files = [f for f in files if query in f["visible_filename"].lower()]
    return render(
        request,
        "ckeditor/browse.html",
        {
            "show_dirs": getattr(settings, "CKEDITOR_BROWSE_SHOW_DIRS", False),
            "dirs": sorted({os.path.dirname(f["src"]) for f in files}, reverse=True),
            "files": files,
            "form": form if form.is_bound else SearchForm(),
        },
    )


def _same_origin(request):
    # django-ckeditor's own view is csrf_exempt (CKEditor 4 does not send Django's token);
    # requiring a same-origin Origin/Referer keeps other sites from uploading in a staff session.
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return urlsplit(source).netloc == request.get_host()


# CKEditor 4 numbers its callbacks; django-ckeditor writes the number into a <script> (only
# HTML-escaped), so anything but a few ASCII digits is refused before the upload is looked at.
FUNC_NUM = re.compile(r"[0-9]{1,10}")


def _func_num(request):
    """The CKEditorFuncNum sent, "" if none, None if it is not a number."""
    value = request.GET.get("CKEditorFuncNum", "")
    return value if not value or FUNC_NUM.fullmatch(value) else None


def _refuse(request, message, status=400):
    func_num = _func_num(request)
    if func_num:
        script = (
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{func_num}, '', {json.dumps(message)});</script>"
        )
        return HttpResponse(script, status=status)
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@csrf_exempt  # replaced by the same-origin check below
@require_POST
def editor_upload(request):
    if _func_num(request) is None:
        message = _("The editor's callback number (CKEditorFuncNum) must be a number.")
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)
    if not _same_origin(request):
        return _refuse(request, _("The upload must come from this site's editor."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _refuse(request, _("No file was sent."))
    try:
        cleaned = clean_image(upload)
    except ValidationError as error:
        return _refuse(request, " ".join(error.messages))
    request.checked_image_ext = cleaned.ext
    request.FILES["upload"] = SimpleUploadedFile(
        cleaned.content.name, cleaned.content.read(), content_type=cleaned.content_type
    )
    try:
        return ckeditor_views.upload(request)
    except OSError:
        logger.error("editor upload: the media storage could not store the file", exc_info=True)
        return _refuse(request, str(STORAGE_FAILED), status=STORAGE_FAILED_STATUS)


class StorageFailureAdminMixin:
    """For every ModelAdmin that takes files: a file the media storage cannot write (disk full,
    read-only folder) does not lose what was typed. The row is saved without the new file (an
    edited row keeps its earlier one) and the editor is told, in their language, which file to
    send again. Put it after the mixins whose save_model() does more than save."""

    def save_model(self, request, obj, form, change):
        failed = store_new_files(obj)
        super().save_model(request, obj, form, change)
        if failed:
            names = ", ".join(str(field.verbose_name) for field in failed)
            self.message_user(
                request,
                format_lazy(
                    "{} {}",
                    gettext_lazy("Saved without %(files)s.") % {"files": names},
                    STORAGE_FAILED,
                ),
                messages.ERROR,
            )


def store_new_files(obj):
    """Write `obj`'s newly uploaded files to storage now, before the row is saved; return the
    file fields that could not be written, each put back to its stored value."""
    failed = []
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.FileField):
            continue
        fieldfile = getattr(obj, field.attname)
        # FieldFile._committed: Django's own mark of a file not yet stored, which
        # FileField.pre_save reads too; no public API tells it (kept, not a speed shortcut).
        if not fieldfile or fieldfile._committed:
            continue
        try:
            write_new_file(obj, field)
        except OSError:
            logger.error(
                "%s: the media storage could not store %s",
                obj._meta.label,
                fieldfile.name,
                exc_info=True,
            )
            _put_back(obj, field)
            failed.append(field)
    return failed


def write_new_file(obj, field):
    """Store the file just assigned to `obj`'s `field`, under the name its upload_to gives.
    If the storage fails (OSError), the part already written is removed and the error raised."""
    fieldfile = getattr(obj, field.attname)
    name = field.generate_filename(obj, fieldfile.name)
    try:
        fieldfile.name = fieldfile.storage.save(name, fieldfile.file, max_length=field.max_length)
    except OSError:
        _remove_partial(fieldfile.storage, name)
        raise
    fieldfile._committed = True  # as FieldFile.save does; we had to know the name tried


def _remove_partial(storage, name):
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        logger.warning("could not remove the partial file %s", name, exc_info=True)


def _put_back(obj, field):
    """The file field (and an image's stored width and height) as the database holds them."""
    names = [field.attname] + [
        n for n in (getattr(field, "width_field", None), getattr(field, "height_field", None)) if n
    ]
    stored = None
    if obj.pk is not None:
        stored = type(obj)._base_manager.filter(pk=obj.pk).values(*names).first()
    stored = stored or {name: None for name in names}
    setattr(obj, field.attname, stored[field.attname] or "")
    for name in names[1:]:
        setattr(obj, name, stored[name])


class ChooseFilesAgainAdminMixin:
    """For every ModelAdmin that takes files: a browser cannot keep a chosen file when the form
    comes back with an error (a file input cannot be filled by a page), so each file field whose
    file was sent with a form that failed says so plainly, at the field: choose it again."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if request.method == "POST" and form.is_bound and form.errors:
            for name, field in form.fields.items():
                sent = request.FILES.getlist(form.add_prefix(name))
                if isinstance(field, forms.FileField) and sent and name not in form.errors:
                    form.add_error(name, CHOOSE_AGAIN % {"files": ", ".join(f.name for f in sent)})
        return super().render_change_form(request, context, add, change, form_url, obj)


CHOOSE_AGAIN = gettext_lazy(
    "Not saved yet: the form has an error above or below. Choose %(files)s again before saving."
)


class ThumbnailFileWidget(AdminFileWidget):
    """The admin's file input, with a picture of the current image instead of its path."""

    template_name = "admin/chaudoc/thumbnail_file_input.html"
