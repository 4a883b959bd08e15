"""CKEditor image uploads, checked and cleaned by the same rule as every other image
(chaudoc.images): what is stored is the re-encoded picture, never the uploaded bytes."""

import json
from urllib.parse import urlsplit
from uuid import uuid4

from ckeditor_uploader import views as ckeditor_views
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from chaudoc.images import clean_image


def editor_filename(filename, request):
    """Stored names are ours; the extension is fixed later from the decoded format."""
    return f"{uuid4().hex}.{request.checked_image_ext}"


def _same_origin(request):
    # django-ckeditor's own view is csrf_exempt (CKEditor 4 does not send Django's token);
    # requiring a same-origin Origin/Referer keeps other sites from uploading in a staff session.
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return urlsplit(source).netloc == request.get_host()


def _refuse(request, message, status=400):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        script = (
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{func_num}, '', {json.dumps(message)});</script>"
        )
        return HttpResponse(script, status=status)
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@csrf_exempt  # replaced by the same-origin check below
@require_POST
def editor_upload(request):
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
    return ckeditor_views.upload(request)
