"""One place that checks uploaded images, for covers, photos and editor uploads alike.

The file is judged by decoding it with Pillow, never by its name or the browser's content type.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def check_image(fileobj):
    """Raise ValidationError unless `fileobj` is a sound JPEG, PNG or WebP within the limits.

    Returns the Pillow format name. The file position is left at the start.
    """
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": limit}, code="too_large"
        )
    try:
        fileobj.seek(0)
        with Image.open(fileobj) as img:
            fmt = img.format
            width, height = img.size
            if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (%(w)d×%(h)d).") % {"w": width, "h": height},
                    code="too_many_pixels",
                )
            if fmt not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG and WebP images are accepted."), code="format"
                )
            img.load()  # decodes every pixel: truncated or corrupt data fails here
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a JPEG, PNG or WebP image."), code="not_image"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The image is damaged or incomplete."), code="corrupt"
        ) from None
    finally:
        fileobj.seek(0)
    return fmt


def validate_image_file(fieldfile):
    """Model-field validator wrapper around check_image.

    A file already in storage was checked when it was uploaded; re-reading it on every later
    save of the row would be slow on object storage (and its handle may already be closed).
    """
    if getattr(fieldfile, "_committed", False):
        return
    check_image(getattr(fieldfile, "file", fieldfile))
