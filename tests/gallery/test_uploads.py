"""Every door for images refuses bad files with a Vietnamese message and stores nothing; what it
accepts is stored re-encoded: upright, without EXIF, GPS or anything appended."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from chaudoc.media.images import renditions_at_once
from gallery.models import Photo
from tests.factories import image_upload, jpeg_with_exif, make_album, make_staff
from tests.gallery.badfiles import SCRIPT, SIZE_LIMIT, bad_files, zip_bytes
from tests.gallery.conftest import stored_files

pytestmark = pytest.mark.django_db

BAD = bad_files()
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(autouse=True)
def _small_size_limit(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = SIZE_LIMIT


def upload(bad):
    return SimpleUploadedFile(bad.name, bad.data, content_type="image/jpeg")


def album_form(album, **extra):
    data = {
        "title_vi": album.title_vi,
        "title_en": "",
        "slug": album.slug,
        "description_vi": "",
        "description_en": "",
        "event_date": "20/11/2026",
        "ward": album.ward_id or "",
        "cover": "",
        "photo_credit": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_default_size_limit_is_20_mb():
    from chaudoc.settings import base as project_settings

    assert project_settings.IMAGE_UPLOAD_MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize("kind", sorted(BAD))
def test_admin_upload_refuses_bad_file_and_stores_nothing(
    client, settings, editor_a, album_a, kind
):
    client.force_login(editor_a)
    good = image_upload("Ảnh tốt.jpg")
    response = client.post(
        reverse("admin:gallery_album_change", args=[album_a.pk]),
        album_form(album_a, upload_photos=[good, upload(BAD[kind])]),
    )
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with the reason
    assert f"{BAD[kind].name}: {BAD[kind].message}" in html
    assert Photo.objects.count() == 0  # not even the good file of the batch
    assert stored_files(settings) == []


@pytest.mark.parametrize("kind", sorted(BAD))
def test_editor_upload_refuses_bad_file_and_stores_nothing(client, settings, kind):
    client.force_login(make_staff())
    response = client.post("/ckeditor/upload/", {"upload": upload(BAD[kind])}, **SAME_ORIGIN)
    assert response.status_code == 400
    assert BAD[kind].message in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_import_refuses_every_bad_file_with_its_reason(tmp_path, settings):
    album = make_album("Hội nghị", status="draft")
    folder = tmp_path / "anh"
    folder.mkdir()
    for bad in BAD.values():
        (folder / bad.name).write_bytes(bad.data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_photos", str(folder), album=album.slug, stdout=out, stderr=err)
    report = out.getvalue()
    assert f"Đã nhập 0 ảnh vào album “Hội nghị”; bỏ qua {len(BAD)} tệp." in report
    for bad in BAD.values():
        assert f"  {bad.name}: {bad.message}" in report
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_a_picture_with_nothing_after_it_but_padding_is_accepted(settings):
    album = make_album(status="draft")
    data = image_upload().read() + b"\x00" * 64 + b"\r\n"
    photo = Photo.from_upload(album, SimpleUploadedFile("a.jpg", data))
    assert photo.pk and photo.width == 64


def test_pictures_back_to_back_as_phones_write_them_are_accepted(settings):
    """Phones append depth or HDR maps as further JPEGs (MPO); only the first is kept."""
    album = make_album(status="draft")
    first, second = image_upload(size=(64, 48)).read(), image_upload(size=(32, 24)).read()
    photo = Photo.from_upload(album, SimpleUploadedFile("a.jpg", first + second))
    assert (photo.width, photo.height) == (64, 48)
    assert len((settings.MEDIA_ROOT / photo.image.name).read_bytes()) < len(first + second)


def test_payloads_never_reach_storage_even_inside_what_is_accepted(settings):
    """Polyglots are refused; the rest is re-encoded, so not a byte of the upload is kept."""
    album = make_album(status="draft")
    photo = Photo.from_upload(album, SimpleUploadedFile("a.jpg", jpeg_with_exif(gps=True)))
    for name in stored_files(settings):
        data = (settings.MEDIA_ROOT / name).read_bytes()
        assert SCRIPT not in data and zip_bytes()[:4] not in data
        assert b"Samsung" not in data and "Nguyễn".encode() not in data
    assert photo.image.name.startswith("photos/")


def _portrait_and_clean(data):
    img = Image.open(io.BytesIO(data))
    width, height = img.size
    rgb = img.convert("RGB")
    top, bottom = rgb.getpixel((width // 2, 2)), rgb.getpixel((width // 2, height - 3))
    return {
        "upright": height > width,
        # orientation 6: the picture's left (red) half is its top once turned upright
        "red_on_top": top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0],
        "no_exif": len(img.getexif()) == 0 and "exif" not in img.info,
        "no_xmp": "xmp" not in img.info and "XML:com.adobe.xmp" not in img.info,
        "no_gps": not img.getexif().get_ifd(0x8825),
    }


def test_served_renditions_are_upright_and_carry_no_gps_or_personal_exif(
    client, settings, moderator, immediate_jobs, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    album = make_album("Ảnh chụp bằng điện thoại", status="draft")
    phone = SimpleUploadedFile("Ảnh điện thoại.jpg", jpeg_with_exif(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):  # the renditions' job runs at once
        response = client.post(
            reverse("admin:gallery_album_change", args=[album.pk]),
            album_form(
                album, upload_photos=[phone], published_at_0="20/11/2026", published_at_1="08:00:00"
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (80, 120)
    served = [photo.image.name] + [r.name for r in photo.rendition_files()]
    assert len(served) == 11
    for name in served:
        data = (settings.MEDIA_ROOT / name).read_bytes()
        assert _portrait_and_clean(data) == dict.fromkeys(
            ["upright", "red_on_top", "no_exif", "no_xmp", "no_gps"], True
        ), name
        assert b"Samsung" not in data and "Nguyễn Văn A".encode() not in data


def test_time_taken_comes_from_exif_and_the_original_name_is_kept(settings):
    album = make_album(status="draft")
    photo = Photo.from_upload(
        album, SimpleUploadedFile("Trao quà Tết – Núi Sam.jpg", jpeg_with_exif())
    )
    assert photo.taken_at == datetime(2023, 12, 29, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert photo.original_name == "Trao quà Tết – Núi Sam.jpg"
    stem = photo.image.name.rsplit("/", 1)[1]
    assert stem.isascii() and len(stem) == len("0" * 32 + ".jpg")  # a generated name


def test_photo_without_exif_has_no_time_taken(settings):
    photo = Photo.from_upload(make_album(status="draft"), image_upload("a.png", fmt="PNG"))
    assert photo.taken_at is None
    assert photo.image.name.endswith(".png")


def test_editor_upload_stores_a_cleaned_upright_copy(client, settings):
    client.force_login(make_staff())
    phone = SimpleUploadedFile("Ảnh.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client.post("/ckeditor/upload/", {"upload": phone}, **SAME_ORIGIN)
    assert response.status_code == 200, response.content
    (name,) = stored_files(settings)
    assert name.startswith("editor/") and "Ảnh" not in name
    checks = _portrait_and_clean((settings.MEDIA_ROOT / name).read_bytes())
    assert all(checks.values()), checks


def test_article_cover_is_stored_cleaned(settings):
    from news.models import Article
    from tests.factories import make_article

    article = make_article(
        cover=SimpleUploadedFile("bia.jpg", jpeg_with_exif()), cover_alt_vi="Ảnh bìa"
    )
    article = Article.objects.get(pk=article.pk)
    assert (article.cover_width, article.cover_height) == (80, 120)
    checks = _portrait_and_clean(article.cover.read())
    assert all(checks.values()), checks


def test_renditions_are_made_by_a_job_after_the_save_in_every_width_and_format(
    settings, immediate_jobs, django_capture_on_commit_callbacks
):
    album = make_album(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo.from_upload(album, image_upload("lon.jpg", size=(2000, 1500)))
    sizes = {}
    for rendition in photo.rendition_files():
        path = settings.MEDIA_ROOT / rendition.name
        assert path.exists(), rendition.name
        with Image.open(path) as img:
            sizes.setdefault(img.format, []).append(img.size)
    expected = [(320, 240), (480, 360), (640, 480), (1024, 768), (1600, 1200)]
    assert sizes == {"WEBP": expected, "JPEG": expected}
    assert [(c.width, c.height) for c in photo.webp] == expected


def test_small_photos_are_never_enlarged_and_offer_fewer_candidates(settings):
    with renditions_at_once():
        photo = Photo.from_upload(make_album(status="draft"), image_upload(size=(500, 400)))
    assert [(c.width, c.height) for c in photo.jpeg] == [(320, 256), (480, 384), (500, 400)]


def test_failed_save_removes_the_files_it_stored(settings):
    from django.db import IntegrityError, transaction

    album = make_album(status="draft")
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.from_upload(album, image_upload(), order=-1)  # the database refuses the row
    assert stored_files(settings) == []


def test_deleting_a_photo_deletes_its_files(settings, django_capture_on_commit_callbacks):
    with renditions_at_once():
        photo = Photo.from_upload(make_album(status="draft"), image_upload())
    assert len(stored_files(settings)) == 11
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored_files(settings) == []


def test_a_save_over_the_pixel_budget_names_the_files_past_it_and_adds_nothing(
    client, settings, editor_a, album_a
):
    settings.IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE = 3 * 300 * 200  # three small photos
    client.force_login(editor_a)
    files = [image_upload(f"Ảnh {n}.jpg", size=(300, 200)) for n in range(1, 6)]
    response = client.post(
        reverse("admin:gallery_album_change", args=[album_a.pk]),
        album_form(album_a, upload_photos=files),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ảnh 4.jpg, Ảnh 5.jpg" in html and "Ảnh 3.jpg" not in html
    assert "0,18 triệu" in html or "0.18 triệu" in html
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []
    # The same photos in two saves are accepted.
    for batch in (files[:3], files[3:]):
        for upload_file in batch:
            upload_file.seek(0)
        response = client.post(
            reverse("admin:gallery_album_change", args=[album_a.pk]),
            album_form(album_a, upload_photos=batch),
        )
        assert response.status_code == 302
    assert Photo.objects.count() == 5


def test_png_and_webp_count_ten_times_their_pixels_in_the_budget(
    client, settings, editor_a, album_a
):
    settings.IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE = 10 * 300 * 200
    client.force_login(editor_a)
    files = [
        image_upload("Bản đồ.png", fmt="PNG", size=(300, 200)),
        image_upload("Ảnh chụp.jpg", size=(300, 200)),
    ]
    response = client.post(
        reverse("admin:gallery_album_change", args=[album_a.pk]),
        album_form(album_a, upload_photos=files),
    )
    assert "các ảnh vượt giới hạn: Ảnh chụp.jpg." in response.content.decode()
    assert Photo.objects.count() == 0


def test_default_pixel_budget_per_save_is_ten_forty_megapixel_jpegs():
    from chaudoc.settings import base as project_settings

    assert project_settings.IMAGE_UPLOAD_MAX_PIXELS_PER_SAVE == 400_000_000


def test_a_photo_whose_renditions_cannot_be_written_is_added_and_shown_as_its_original(
    client, settings, immediate_jobs, django_capture_on_commit_callbacks, caplog
):
    album = make_album()
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / settings.IMAGEKIT_CACHEFILE_DIR.split("/")[0]).write_text("no folder")
    from gallery.uploads import add_photos

    with django_capture_on_commit_callbacks(execute=True):
        (photo,) = add_photos(album, [image_upload(size=(800, 600))])
    # The job failed on each attempt and gave up, saying so; the photo stays.
    assert "the last: giving up" in caplog.text and album.photos.get() == photo
    html = client.get(album.get_absolute_url()).content.decode()
    assert f'src="{photo.image.url}" width="800" height="600"' in html
    assert "/CACHE/" not in html  # no rendition that is not there
