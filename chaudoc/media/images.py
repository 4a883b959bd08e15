"""One place that checks uploaded images, for covers, photos and editor uploads alike.

The file is judged by decoding it with Pillow, never by its name or the browser's content type.
An accepted file is then re-encoded from its pixels (clean_image): what the site stores and
serves is upright and carries no EXIF, GPS, XMP or anything hidden beside the picture.
"""

import io
import logging
import re
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.cachefiles.strategies import Optimistic
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from chaudoc.jobs import enqueue_on_commit, job
from chaudoc.pagecache.pages import bump_generation

logger = logging.getLogger(__name__)

# MPO: a JPEG whose file holds more pictures after the first (phones); the first is kept.
ACCEPTED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def check_image(fileobj):
    """Raise ValidationError unless `fileobj` is a sound JPEG, PNG or WebP within the limits,
    with nothing else hidden in the file (see find_hidden_content).

    Returns the Pillow format name. The file position is left at the start.
    """
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s.")
            % {"limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    try:
        fileobj.seek(0)
        with Image.open(fileobj) as img:
            fmt = img.format
            _check_pixels(*img.size)
            if fmt not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG and WebP images are accepted."), code="format"
                )
            img.load()  # decodes every pixel: truncated or corrupt data fails here
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses before reading the pixels: the header alone claims far too many.
        raise ValidationError(
            _("The image has far too many pixels to be opened safely."), code="too_many_pixels"
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("The file is not a JPEG, PNG or WebP image."), code="not_image"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("The image is damaged or incomplete."), code="corrupt") from None
    finally:
        fileobj.seek(0)
    try:
        hidden = find_hidden_content(fileobj.read(), fmt)
    finally:
        fileobj.seek(0)
    if hidden:
        raise ValidationError(
            _(
                "The file is an image with something else hidden in it (%(what)s); "
                "save the picture again from a photo editor and upload that."
            )
            % {"what": hidden},
            code="polyglot",
        )
    return fmt


def _check_pixels(width, height):
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise ValidationError(
            _("The image has too many pixels (%(w)d×%(h)d).") % {"w": width, "h": height},
            code="too_many_pixels",
        )


# Work per save ------------------------------------------------------------------------------
# Cleaning re-encodes every pixel: about 0.4 s of CPU for a 24-megapixel JPEG, ten times as much
# per pixel for PNG and WebP (11 s for a 40-megapixel PNG, measured). Several images sent in one
# request (the album's multi-file field) share one budget, read from the files' headers before
# any of them is decoded, so one save stays within seconds, far below gunicorn's 30 s timeout.
LOSSLESS_COST = 10


def pixel_cost(fileobj):
    """The work of cleaning `fileobj`, in JPEG pixels, from its header alone; 0 if it is not
    a readable image or is over the limit for one image (check_image refuses it, saying why)."""
    try:
        fileobj.seek(0)
        with Image.open(fileobj) as img:
            width, height = img.size
            fmt = img.format
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 0
    finally:
        fileobj.seek(0)
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        return 0
    return width * height * (1 if fmt in ("JPEG", "MPO") else LOSSLESS_COST)


def check_batch(files):
    """Raise ValidationError naming the files that go past IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE,
    counted in order (PNG and WebP ten times their pixels)."""
    budget = settings.IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE
    total, over = 0, []
    for upload in files:
        total += pixel_cost(upload)
        if total > budget:
            over.append(getattr(upload, "name", "") or "?")
    if over:
        raise ValidationError(
            _(
                "The images sent have too many pixels to process in one save (at most about "
                "%(limit)s million; PNG and WebP count ten times), so none was added. Send fewer "
                "at a time; these went past the limit: %(names)s."
            ),
            params={"limit": f"{budget / 1_000_000:g}", "names": ", ".join(over)},
            code="batch_too_large",
        )


# Polyglots ----------------------------------------------------------------------------------
# A polyglot is a file that is a valid image and something else too: a web page, a script or an
# archive (GIFAR/JAR) appended after the picture or tucked into its metadata. Re-encoding
# (clean_image) already drops all of it; refusing what we can recognise also tells the uploader.

_MARKUP = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed|meta|link)\b|<\?php|javascript:", re.I
)
_PADDING = b"\x00\r\n\t "
# Only the text parts of the metadata are searched for markup: binary ones (EXIF and its
# thumbnail, colour profiles) could match by chance. Re-encoding drops all of them anyway.
_XMP = b"http://ns.adobe.com/xap/1.0/"


def find_hidden_content(data, fmt):
    """What hides beside the picture in `data` (a short description), or "" if nothing."""
    if fmt in ("JPEG", "MPO"):
        end, metadata = _jpeg_layout(data)
    elif fmt == "PNG":
        end, metadata = _png_layout(data)
    elif fmt == "WEBP":
        end, metadata = _webp_layout(data)
    else:
        return ""
    if end is None or data[end:].strip(_PADDING):
        return str(_("extra data after the picture"))
    if any(_MARKUP.search(part) for part in metadata):
        return str(_("a web page or a script in its metadata"))
    if zipfile.is_zipfile(io.BytesIO(data)):
        return str(_("an archive"))
    return ""


def _jpeg_layout(data):
    """(end of the last picture, [metadata segments]). Several pictures may follow one another
    (MPO, phones' depth or HDR maps); anything else after them is not a picture."""
    pos, metadata = 0, []
    while data.startswith(b"\xff\xd8", pos):
        pos = _jpeg_end(data, pos + 2, metadata)
        if pos is None:
            return None, metadata
    return pos, metadata


def _jpeg_end(data, pos, metadata):
    size = len(data)
    while pos + 1 < size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        payload = data[pos + 4 : end]
        if marker == 0xFE or marker == 0xE1 and payload.startswith(_XMP):  # comments, XMP
            metadata.append(payload)
        pos = _after_scan(data, end) if marker == 0xDA else end
    return None


def _after_scan(data, pos):
    """The position of the first marker after entropy-coded data (FF00 and RSTn belong to it)."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos


def _png_layout(data):
    pos, metadata = 8, []
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind in (b"tEXt", b"iTXt"):
            metadata.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
        if kind == b"IEND":
            return pos, metadata
    return None, metadata


def _webp_layout(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None, []
    end = 8 + int.from_bytes(data[4:8], "little")
    pos, metadata = 12, []
    while pos + 8 <= min(end, len(data)):
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        if kind == b"XMP ":
            metadata.append(data[pos + 8 : pos + 8 + length])
        pos += 8 + length + (length & 1)
    return end, metadata


# Cleaning -----------------------------------------------------------------------------------


@dataclass
class CleanImage:
    """An accepted upload, re-encoded: `content` is what gets stored (a named ContentFile)."""

    content: ContentFile
    width: int
    height: int
    ext: str
    original_name: str
    taken_at: datetime | None = None

    @property
    def content_type(self):
        return CONTENT_TYPES[self.ext]


def clean_image(fileobj, name=None):
    """Check `fileobj` (check_image) and re-encode it from its pixels.

    EXIF orientation is applied first, so portraits stand upright; the colours are brought to
    sRGB; then the picture is saved afresh with no metadata at all (no EXIF, GPS, XMP, comments)
    and nothing that followed it in the file. The time taken is read from EXIF before that.
    """
    fmt = check_image(fileobj)
    ext = ACCEPTED_FORMATS[fmt]
    original_name = name or getattr(fileobj, "name", "") or ""
    with Image.open(fileobj) as img:
        taken_at = exif_taken_at(img)
        img.load()
        ImageOps.exif_transpose(img, in_place=True)
        picture = _to_srgb(img)
        picture.info = {}  # nothing of the source's metadata may follow the pixels
        buffer = io.BytesIO()
        fmt_name, options = SAVE_OPTIONS[ext]
        picture.save(buffer, fmt_name, **options)
        width, height = picture.size
    fileobj.seek(0)
    content = ContentFile(buffer.getvalue(), name=f"{uuid4().hex}.{ext}")
    return CleanImage(content, width, height, ext, original_name.rsplit("/", 1)[-1][:255], taken_at)


SAVE_OPTIONS = {
    # Baseline, not progressive: every rendition decodes it again, and a progressive JPEG
    # decodes three times slower. Readers get the renditions, which are progressive.
    "jpg": ("JPEG", {"quality": 90, "optimize": True}),
    "png": ("PNG", {"compress_level": 6}),
    "webp": ("WEBP", {"quality": 90, "method": 4}),
}


def _to_srgb(img):
    """RGB or RGBA (L stays L), converted to sRGB when the file carried another colour profile."""
    alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    mode = "RGBA" if alpha else ("L" if img.mode in ("L", "1") else "RGB")
    profile = img.info.get("icc_profile")
    if profile and img.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            return ImageCms.profileToProfile(
                img,
                io.BytesIO(profile),
                ImageCms.createProfile("sRGB"),
                outputMode=mode if img.mode != "L" else "L",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the numbers as they are
    return img if img.mode == mode else img.convert(mode)


_EXIF_IFD, _DATETIME_ORIGINAL, _OFFSET_ORIGINAL, _DATETIME = 0x8769, 0x9003, 0x9011, 0x0132


def exif_taken_at(img):
    """When the photo was taken, from EXIF (DateTimeOriginal, with its offset if given)."""
    try:
        exif = img.getexif()
        details = exif.get_ifd(_EXIF_IFD)
    except Exception:  # unreadable EXIF is no reason to refuse a picture
        return None
    raw = details.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        taken = datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = details.get(_OFFSET_ORIGINAL)
    if isinstance(offset, str):
        try:
            return datetime.strptime(f"{raw[:19]} {offset.strip()}", "%Y:%m:%d %H:%M:%S %z")
        except ValueError:
            pass
    return timezone.make_aware(taken)  # cameras keep local time: the portal's time zone


def clean_uncommitted(fieldfile):
    """Re-encode a just-uploaded file of an ImageField before it is stored (see clean_image)."""
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return None
    cleaned = clean_image(fieldfile.file, fieldfile.name)
    stem = fieldfile.name.rsplit(".", 1)[0] if "." in fieldfile.name else fieldfile.name
    fieldfile.file = cleaned.content
    fieldfile.name = f"{stem}.{cleaned.ext}"
    return cleaned


def validate_image_file(fieldfile):
    """Model-field validator wrapper around check_image.

    A file already in storage was checked when it was uploaded; re-reading it on every later
    save of the row would be slow on object storage (and its handle may already be closed).
    """
    if getattr(fieldfile, "_committed", False):
        return
    check_image(getattr(fieldfile, "file", fieldfile))


# Stored names -------------------------------------------------------------------------------


def upload_name(folder, filename):
    """Where an uploaded image is stored: <folder>/<yyyy>/<mm>/<random>.<ext>. The name is
    ours, never the uploader's (that stays data, e.g. Photo.original_name); the extension is
    fixed again from the decoded format when the file is cleaned. The one upload_to rule of
    every image field (covers, photos)."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    ext = {"jpeg": "jpg"}.get(ext, ext)
    if ext not in CONTENT_TYPES:
        ext = "jpg"
    return f"{folder}/{timezone.now():%Y/%m}/{uuid4().hex}.{ext}"


# Renditions ---------------------------------------------------------------------------------
# One pipeline for every picture pages show (photos, article covers, album covers): the same
# widths in WebP and JPEG, and any fixed crops (the Open Graph image), all django-imagekit
# spec fields declared by one Renditions attribute on the model. They are made by a background
# job (make_renditions_job) once the save of a new image commits, never in the editor's
# request (ten 12-megapixel photos cost seconds of CPU: bench/editor_requests.py) and never in
# a reader's: pages compute URLs, and show the original until the renditions exist
# (RenditionSet.ready). Commands that store many images make them at once (renditions_at_once).
# manage.py make_renditions makes those missing (images stored before, a failed write).
# 480 is there for phones: a full-width cover at 390 px takes it rather than 640.
RENDITION_WIDTHS = (320, 480, 640, 1024, 1600)
RENDITION_FORMATS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
}
OG_SIZE = (1200, 630)  # what Facebook and Zalo show for a shared link
CROP_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}


def fit_width(size, width):
    """The size of a picture of `size` scaled down to `width` (never up), ratio kept."""
    w, h = size
    if w <= width:
        return w, h
    return width, max(1, round(h * width / w))


def upright(img):
    """The picture turned as its EXIF orientation says. Stored images are cleaned (upright, no
    EXIF) and pass unchanged; images stored before cleaning existed may carry one."""
    if img.getexif().get(0x0112, 1) == 1:
        return img
    return ImageOps.exif_transpose(img)


# imagekit names a rendition file after a hash of its spec, processors (pickled: class path
# and attributes) included. Keep these classes where they are, with the same attributes, or
# every stored rendition gets a new name (manage.py make_renditions then makes them again).


class Upright:
    """imagekit processor: upright (above)."""

    def process(self, img):
        return upright(img)


class FitWidth:
    """imagekit processor: upright, then scaled down to a width. A JPEG is decoded at 1/2, 1/4
    or 1/8 of its size when that is still enough (Pillow's draft), so small renditions of a
    12-megapixel photo never decode all of it."""

    def __init__(self, width):
        self.width = width

    def process(self, img):
        img = upright(img)
        size = fit_width(img.size, self.width)
        if size == img.size:
            return img
        img.draft(None, size)
        return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


_at_once = ContextVar("renditions_at_once", default=False)


@contextmanager
def renditions_at_once():
    """Within it, renditions are made in this process as each image is saved, not by a job:
    for commands that store many images (load_demo, import_photos), whose operator waits anyway
    and whose pages should be complete when they end."""
    token = _at_once.set(True)
    try:
        yield
    finally:
        _at_once.reset(token)


class MadeByJob(Optimistic):
    """imagekit cache file strategy: when a new image is saved, queue one job that makes all
    its renditions once the save commits (imagekit calls this once per rendition: the image is
    queued once); then only compute URLs. Within renditions_at_once(), make the file here; a
    write that fails there is logged, and make_renditions makes it later."""

    def on_source_saved(self, file):
        if _at_once.get():
            try:
                file.generate()
            except OSError:
                logger.error("could not make the rendition %s", file.name, exc_info=True)
            return
        source = file.generator.source
        obj = source.instance
        queued = obj.__dict__.setdefault("_renditions_queued", set())
        if (source.field.name, source.name) in queued:
            return
        queued.add((source.field.name, source.name))
        enqueue_on_commit(
            make_renditions_job, obj._meta.label, obj.pk, source.field.name, source.name
        )


@job()
def make_renditions_job(label, pk, field_name, source_name):
    """Make the missing renditions of one stored image: row `pk` of model `label`, its image
    field `field_name` as it was saved (`source_name`). Returns what it did: "made" (and the
    count), or "gone" when the row or that image has been replaced or deleted since (a later
    save queued its own job). A write that fails raises: the job is tried again later."""
    model = apps.get_model(label)
    obj = model._default_manager.filter(pk=pk).first()
    declaration = next(
        (d for d in declared_renditions(model).values() if d.source == field_name), None
    )
    if obj is None or declaration is None or getattr(obj, field_name).name != source_name:
        return {"gone": True}
    made = 0
    for file in RenditionSet(declaration, obj).files():
        if not file.storage.exists(file.name):
            file.generate(force=True)  # force: a state left "generating" by a crash is no bar
            made += 1
    if made:
        bump_generation()  # pages rendered with the original meanwhile are rendered again
    return {"made": made}


@dataclass(frozen=True)
class Candidate:
    url: str
    width: int
    height: int


class Renditions:
    """Every rendition of one image field, declared once on the model:

        renditions = Renditions("image", "width", "height", fallback_width=640)

    adds an imagekit ImageSpecField per width and format (<prefix><fmt>_<width>, e.g.
    webp_320) and per crop (<prefix><key>), all made by a job (MadeByJob). `instance.renditions`
    is then a RenditionSet: what the picture tag, Open Graph and make_renditions need.
    `fallback_width`: the <img>'s own src is the JPEG rendition of that width; None keeps
    the original (stored at page size, as covers are).
    """

    def __init__(
        self,
        source,
        width_field,
        height_field,
        prefix="",
        fallback_width=None,
        crops=None,
    ):
        self.source = source
        self.width_field = width_field
        self.height_field = height_field
        self.prefix = prefix
        self.fallback_width = fallback_width
        self.crops = dict(crops or {})

    def attname(self, fmt, width):
        return f"{self.prefix}{fmt}_{width}"

    def attnames(self):
        widths = [self.attname(f, w) for f in RENDITION_FORMATS for w in RENDITION_WIDTHS]
        return widths + [f"{self.prefix}{key}" for key in self.crops]

    def contribute_to_class(self, cls, name):
        # Django calls this for every attribute that has it, as for its own fields.
        for fmt, (format_name, options) in RENDITION_FORMATS.items():
            for width in RENDITION_WIDTHS:
                spec = ImageSpecField(
                    source=self.source,
                    processors=[FitWidth(width)],
                    format=format_name,
                    options=options,
                    cachefile_strategy=MadeByJob,
                )
                spec.contribute_to_class(cls, self.attname(fmt, width))
        for key, size in self.crops.items():
            spec = ImageSpecField(
                source=self.source,
                processors=[Upright(), ResizeToFill(*size)],
                format="JPEG",
                options=CROP_OPTIONS,
                cachefile_strategy=MadeByJob,
            )
            spec.contribute_to_class(cls, f"{self.prefix}{key}")
        setattr(cls, name, self)

    def __get__(self, instance, owner=None):
        return self if instance is None else RenditionSet(self, instance)


def declared_renditions(model):
    """{attribute name: Renditions} declared on `model` (one per image field that has them)."""
    return {name: value for name, value in vars(model).items() if isinstance(value, Renditions)}


class RenditionSet:
    """The renditions of one image of one row. Everything here comes from the stored name,
    width and height: no query, no file opened. Until its renditions are made (`ready`), every
    candidate is the original image, so a page never shows a rendition that is not there."""

    def __init__(self, declaration, obj):
        self.declaration = declaration
        self.obj = obj
        self.source = getattr(obj, declaration.source)
        self.size = (
            getattr(obj, declaration.width_field) or 0,
            getattr(obj, declaration.height_field) or 0,
        )

    def __bool__(self):
        return bool(self.source)

    def url(self, attname):
        return _rendition_url(self.obj, attname, self.source)

    @cached_property
    def ready(self):
        """Whether the renditions exist: the last one the job makes is there (imagekit's
        cache file backend knows, from the shared cache, or asks the storage)."""
        return bool(self.source) and _renditions_made(self)

    @property
    def original(self):
        return Candidate(self.source.url, *self.size)

    def candidates(self, fmt):
        """The distinct renditions in `fmt` for this source's size, smallest first: a small
        source gives fewer (none is wider than the source); none before they are made."""
        if not (self.source and self.size[0] and self.ready):
            return []
        found, seen = [], set()
        for width in RENDITION_WIDTHS:
            actual = fit_width(self.size, width)
            if actual[0] not in seen:
                seen.add(actual[0])
                found.append(Candidate(self.url(self.declaration.attname(fmt, width)), *actual))
        return found

    @cached_property
    def webp(self):
        return self.candidates("webp")

    @cached_property
    def jpeg(self):
        return self.candidates("jpeg")

    @property
    def webp_srcset(self):
        return srcset(self.webp)

    @property
    def jpeg_srcset(self):
        return srcset(self.jpeg)

    @property
    def fallback(self):
        """The <img>'s own src and size, for browsers that read neither srcset."""
        width = self.declaration.fallback_width
        if width is None or not self.jpeg:
            return self.original
        return [c for c in self.jpeg if c.width <= width][-1]

    @property
    def smallest(self):
        return self.jpeg[0] if self.jpeg else self.original

    @property
    def largest(self):
        return self.jpeg[-1] if self.jpeg else self.original

    def crop(self, key):
        """A fixed-size crop (the Open Graph image); the original until it is made."""
        if not self.ready:
            return self.original
        return Candidate(self.url(f"{self.declaration.prefix}{key}"), *self.declaration.crops[key])

    def files(self):
        """Every rendition file (imagekit ImageCacheFile), made or not."""
        return [getattr(self.obj, name) for name in self.declaration.attnames()]


_rendition_urls = {}
_RENDITION_URLS_KEPT = 20_000


def _rendition_url(obj, attname, source):
    """The URL of one rendition. imagekit derives the file name from a hash of the source name
    and the spec, which costs far more than the rest of a page's card; the answer depends only
    on those, so each process remembers it (bounded)."""
    key = (obj._meta.label, attname, source.name, source.storage.base_url)
    url = _rendition_urls.get(key)
    if url is None:
        if len(_rendition_urls) >= _RENDITION_URLS_KEPT:
            _rendition_urls.clear()
        url = _rendition_urls[key] = getattr(obj, attname).url
    return url


_made_sources = set()


def _renditions_made(renditions):
    """Whether `renditions` have been made. Stored names are never reused, so once they are
    there they stay: each process remembers it (bounded) and asks no cache or storage again."""
    obj, declaration = renditions.obj, renditions.declaration
    key = (obj._meta.label, declaration.source, renditions.source.name)
    if key in _made_sources:
        return True
    last = getattr(obj, declaration.attnames()[-1])
    if not last.cachefile_backend.exists(last):
        return False
    if len(_made_sources) >= _RENDITION_URLS_KEPT:
        _made_sources.clear()
    _made_sources.add(key)
    return True


def srcset(found):
    return ", ".join(f"{c.url} {c.width}w" for c in found)
