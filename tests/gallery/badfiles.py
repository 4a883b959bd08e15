"""Every kind of bad file the portal must refuse, made here (never downloaded), each with the
Vietnamese message that refuses it. Shared by the admin, CKEditor and import_photos tests."""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from PIL import Image

from tests.factories import image_bytes

SIZE_LIMIT = 150_000  # the tests lower IMAGE_UPLOAD_MAX_BYTES to this, to keep files small


@dataclass(frozen=True)
class BadFile:
    name: str  # the uploader's file name: always one that looks like a photo
    data: bytes
    message: str  # what the uploader reads (Vietnamese)


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_header():
    """A PNG whose header claims 60000×60000 pixels (3.6 gigapixels): Pillow refuses it."""
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def too_many_pixels():
    """A real, tiny PNG of 8000×6000 = 48 megapixels (the limit is 40)."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    return buffer.getvalue()


def noisy_jpeg(size=(400, 400)):
    """A JPEG of noise: large for its size (over SIZE_LIMIT at 400×400)."""
    import os

    img = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def corrupt_png():
    """A PNG whose compressed pixel data is garbage (its checksums fixed up to match)."""
    data = bytearray(image_bytes("PNG", size=(64, 48)))
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    data[start + 2 : start + length] = bytes((i * 151) % 256 for i in range(length - 2))
    data[start + length : start + length + 4] = struct.pack(
        ">I", zlib.crc32(bytes(data[start - 4 : start + length]))
    )
    return bytes(data)


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: Evil\n")
        archive.writestr("Evil.class", b"\xca\xfe\xba\xbe" + b"\x00" * 64)
    return buffer.getvalue()


def jpeg_with_comment(comment):
    data = image_bytes("JPEG")
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return data[:2] + segment + data[2:]


def png_with_text(text):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", text)
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (0, 120, 60)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def gif_bytes():
    buffer = io.BytesIO()
    Image.new("P", (32, 32)).save(buffer, "GIF")
    return buffer.getvalue()


EMPTY = "Tệp rỗng, không có nội dung."
TOO_LARGE = "Tệp lớn hơn 146,5\xa0KB."
BOMB = "Ảnh có quá nhiều điểm ảnh, không thể mở an toàn."
PIXELS = "Ảnh có quá nhiều điểm ảnh (8000×6000)."
DAMAGED = "Ảnh bị hỏng hoặc không đầy đủ."
NOT_IMAGE = "Tệp không phải là ảnh JPEG, PNG hoặc WebP."
FORMAT = "Chỉ nhận ảnh JPEG, PNG và WebP."
HIDDEN = "Tệp là ảnh nhưng có giấu nội dung khác"

SCRIPT = b"<script>alert(document.cookie)</script>"


def bad_files():
    jpeg = image_bytes("JPEG", size=(64, 48))
    return {
        "zero-byte": BadFile("anh-trong.jpg", b"", EMPTY),
        "over-size-limit": BadFile("anh-qua-lon.jpg", noisy_jpeg(), TOO_LARGE),
        "decompression-bomb": BadFile("bom.png", bomb_header(), BOMB),
        "over-pixel-limit": BadFile("qua-nhieu-diem.png", too_many_pixels(), PIXELS),
        "truncated-jpeg": BadFile("anh-cut.jpg", jpeg[: len(jpeg) * 2 // 3], DAMAGED),
        "corrupt-png": BadFile("anh-hong.png", corrupt_png(), DAMAGED),
        "svg-renamed": BadFile(
            "hinh.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', NOT_IMAGE
        ),
        "html-renamed": BadFile(
            "trang.jpg", b"<!DOCTYPE html><html>" + SCRIPT + b"</html>", NOT_IMAGE
        ),
        "script-renamed": BadFile("ma.jpg", b"alert(document.cookie);\n", NOT_IMAGE),
        "jpeg+html": BadFile("da-dang.jpg", jpeg + b"<html><body>" + SCRIPT, HIDDEN),
        "jpeg+zip": BadFile("anh-zip.jpg", jpeg + zip_bytes(), HIDDEN),
        "png+script": BadFile("anh.png", image_bytes("PNG") + SCRIPT, HIDDEN),
        "webp+zip": BadFile("anh.webp", image_bytes("WEBP") + zip_bytes(), HIDDEN),
        "jpeg-comment-html": BadFile("chu-thich.jpg", jpeg_with_comment(SCRIPT), HIDDEN),
        "png-text-html": BadFile("van-ban.png", png_with_text(SCRIPT.decode()), HIDDEN),
        "gifar": BadFile("gifar.jpg", gif_bytes() + zip_bytes(), FORMAT),
    }
