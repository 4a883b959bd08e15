"""manage.py import_photos DIR --album SLUG: a folder of photos into an album."""

import io

import pytest
from django.core.management import CommandError, call_command

from gallery.models import Photo
from tests.factories import image_bytes, jpeg_with_exif, make_album
from tests.gallery.conftest import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "Hội nghị 2023"
    folder.mkdir()
    for n in (10, 1, 2):
        (folder / f"Ảnh {n}.jpg").write_bytes(image_bytes(size=(200, 150)))
    (folder / "điện thoại.jpg").write_bytes(jpeg_with_exif())
    (folder / "ghi chú.txt").write_text("Danh sách ảnh", encoding="utf-8")
    return folder


def run(folder, album, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_photos", str(folder), album=album.slug, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_imports_a_folder_in_name_order_and_reports_what_it_skipped(folder, settings):
    album = make_album("Hội nghị tổng kết", status="draft")
    out, err = run(folder, album, credit="Trung tâm VH-TT")
    photos = list(album.photos.all())
    assert [p.original_name for p in photos] == [
        "điện thoại.jpg",
        "Ảnh 1.jpg",
        "Ảnh 2.jpg",
        "Ảnh 10.jpg",
    ]  # numbers in natural order
    assert [p.order for p in photos] == [1, 2, 3, 4]
    assert {p.credit for p in photos} == {"Trung tâm VH-TT"}
    assert photos[0].taken_at is not None and (photos[0].width, photos[0].height) == (80, 120)
    assert "Đã nhập 4 ảnh vào album “Hội nghị tổng kết”; bỏ qua 1 tệp." in out
    assert "  ghi chú.txt: Tệp không phải là ảnh JPEG, PNG hoặc WebP." in out
    assert "100%" in err and "5/5" in err  # the progress bar
    album.refresh_from_db()
    assert album.cover == photos[0]
    assert len(stored_files(settings)) == 4 * 11  # each photo and its 10 renditions


def test_running_again_skips_what_is_already_there(folder):
    album = make_album("Album", status="draft")
    run(folder, album)
    out, _ = run(folder, album)
    assert Photo.objects.count() == 4
    assert "Đã nhập 0 ảnh" in out and "  Ảnh 1.jpg: Đã có trong album (trùng tên tệp)." in out


def test_dry_run_checks_and_stores_nothing(folder, settings):
    album = make_album("Album", status="draft")
    out, _ = run(folder, album, dry_run=True)
    assert "Sẽ nhập 4 ảnh" in out and "ghi chú.txt" in out
    assert Photo.objects.count() == 0 and stored_files(settings) == []


def test_unknown_album_or_folder_is_a_clear_error(folder, tmp_path):
    with pytest.raises(CommandError, match="Không có album “khong-co”"):
        call_command("import_photos", str(folder), album="khong-co")
    album = make_album("Album")
    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command("import_photos", str(tmp_path / "khong-co"), album=album.slug)
