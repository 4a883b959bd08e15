"""One place that checks uploaded images, for covers, photos and editor uploads alike.

The file is judged by decoding it with Pillow, never by its name or the browser's content type.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

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


# Renditions ---------------------------------------------------------------------------------

OG_SIZE = (1200, 630)  # what Facebook and Zalo show for a shared link


def rendition_name(name, size):
    stem = name.rsplit(".", 1)[0]
    return f"renditions/{size[0]}x{size[1]}/{stem}.jpg"


def make_rendition(fieldfile, size):
    """A JPEG of the image cropped to `size`, stored once beside the original; returns its name.

    Made when the image is saved (the name follows the original's, which is unique per upload),
    so a reader's request only ever links to it.
    """
    storage = fieldfile.storage
    name = rendition_name(fieldfile.name, size)
    if storage.exists(name):
        return name
    with storage.open(fieldfile.name, "rb") as source, Image.open(source) as img:
        picture = ImageOps.fit(
            ImageOps.exif_transpose(img).convert("RGB"), size, Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    storage.save(name, ContentFile(buffer.getvalue()))
    return name


def rendition_url(fieldfile, size):
    return fieldfile.storage.url(rendition_name(fieldfile.name, size))


# Narrower copies for phones (WebP, proportions kept), offered with srcset/sizes; the original
# stays the fallback. Made when the image is saved, like the one above.
SCREEN_WIDTHS = (480, 800, 1200)


def width_rendition_name(name, width):
    stem = name.rsplit(".", 1)[0]
    return f"renditions/w{width}/{stem}.webp"


def _screen_widths(original_width, widths):
    """The widths made for an image: each of `widths`, none wider than the image itself."""
    return sorted({min(w, original_width) for w in widths}) if original_width else []


def make_width_renditions(fieldfile, widths=SCREEN_WIDTHS):
    """WebP copies of the image at each of `widths` (at most its own); returns their names."""
    storage = fieldfile.storage
    names = []
    with storage.open(fieldfile.name, "rb") as source, Image.open(source) as img:
        picture = ImageOps.exif_transpose(img).convert("RGB")
        for width in _screen_widths(picture.width, widths):
            name = width_rendition_name(fieldfile.name, width)
            if storage.exists(name):
                continue
            height = round(picture.height * width / picture.width)
            buffer = io.BytesIO()
            picture.resize((width, height), Image.Resampling.LANCZOS).save(
                buffer, "WEBP", quality=78, method=4
            )
            names.append(storage.save(name, ContentFile(buffer.getvalue())))
    return names


def width_renditions(fieldfile, original_width, widths=SCREEN_WIDTHS):
    """[(url, width)] of the WebP copies an image `original_width` pixels wide has."""
    return [(fieldfile.storage.url(width_rendition_name(fieldfile.name, w)), w)
            for w in _screen_widths(original_width, widths)]
